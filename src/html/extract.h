// Main-text extraction: from an HTML page to its article text and metadata.
//
// The page is parsed into a Tree (tree.h), then:
//  1. boilerplate is removed: scripts, styles, forms controls, nav/aside/footer/header,
//     hidden elements (hidden, aria-hidden="true", display:none, visibility:hidden), ARIA
//     landmarks that are not content (navigation, banner, contentinfo, complementary, menu,
//     dialog, alert, search), and elements whose class/id names say they are navigation,
//     sharing, related links, comments, cookie/consent notices, newsletter boxes or ads
//     (unless the same names also say "article"/"content"/"main"/"body");
//  2. the main container is found by scoring paragraphs (Readability's idea): each paragraph
//     of 25+ characters of non-link text adds 1 + its commas + its length/100 (at most 3) to
//     its container and, decreasingly, to four more ancestors; a container starts from a tag
//     prior plus its class/id weight (+25 article-like, -25 boilerplate-like, +50 for
//     itemprop="articleBody"; in full from 500 characters of text on), and its score is
//     scaled by (1 - link density); the best container, moved up while its parent scores
//     higher, plus qualifying siblings, is the content;
//  3. inside the content, blocks are pruned when they look like boilerplate: link-dense
//     lists, divs and paragraphs, tiny blocks without sentences, small blocks named like
//     captions or share bars, short blocks matching a boilerplate phrase
//     (ExtractOptions::phrases), and blocks repeating the headline;
//     a "content" made of linked teaser headings with short summaries is a listing page
//     (kNoMainText);
//  4. text is rendered as a browser would, with whitespace collapsed: a blank line between
//     paragraphs (p, div, h1-h6, blockquote, pre, table, ...), one list item or table row a
//     line, table cells separated by a tab, <br> a line break, <pre> whitespace kept.
// Right-to-left scripts need nothing special: text is kept in logical order.
//
// Extraction is deterministic (unless the time budget runs out). Not thread-safe: use one Extractor per
// thread (it reuses its buffers between pages).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "html/tree.h"

namespace ghirbal::html {

// Phrases that mark a short block inside the content as boilerplate ("Share this", "We use
// cookies", "أوافق"). Lower-case for ASCII letters. See data/html/boilerplate_phrases.txt.
struct BoilerplatePhrases {
  std::vector<std::string> exact;     // the whole block (trailing ":.!" ignored)
  std::vector<std::string> contains;  // anywhere in the block
  bool empty() const { return exact.empty() && contains.empty(); }
};

// Parses the phrase file format: one phrase a line, "=phrase" for whole-block matches,
// '#' comment lines and blank lines ignored.
BoilerplatePhrases ParseBoilerplatePhrases(std::string_view text);
// Reads and parses a phrase file. Errors: NotFound, IoError.
Result<BoilerplatePhrases> LoadBoilerplatePhrases(const std::string& path);

struct ExtractOptions {
  // Keep comment sections (class/id "comment", "replies", "disqus", ...) in the text.
  bool keep_comments = false;
  // Put the headline (ExtractedPage::title) first in the text, followed by a blank line.
  bool title_in_text = false;
  // Time budget per page, parsing included; 0 means none.
  int64_t timeout_ms = 1000;
  // Fewer non-space characters of main text than this: the page has no main text.
  int64_t min_text_chars = 50;
  // Open elements deeper than this are flattened by the parser (tree.h).
  int64_t max_depth = 512;
  // Blocks of fewer than 120 non-space characters matching one of these are dropped.
  BoilerplatePhrases phrases;
};

struct ExtractedPage {
  std::string text;           // main text, UTF-8, as described above
  std::string title;          // the headline: og:title, else <h1>, else <title> minus site name
  std::string date;           // publication date as written by the page (ISO 8601 usually)
  std::string author;
  std::string language;       // <html lang>, else <meta http-equiv="content-language">
  std::string canonical_url;  // <link rel="canonical">, else og:url
  std::string site_name;      // og:site_name
  std::string description;    // meta description / og:description
};

namespace internal {
// What extraction measures about one node of the tree.
struct NodeInfo {
  uint32_t text = 0;      // non-space characters in the subtree (kept nodes only)
  uint32_t link = 0;      // ... of which inside <a>
  uint32_t direct = 0;    // non-link characters flowing directly in this block
  uint32_t dcommas = 0;   // commas flowing directly in this block
  uint32_t commas = 0;    // commas in the subtree
  uint32_t paras = 0;     // <p> elements in the subtree
  uint32_t items = 0;     // <li> elements in the subtree
  uint32_t images = 0;    // <img> elements in the subtree
  uint32_t inputs = 0;    // <input> elements in the subtree
  uint32_t headings = 0;  // characters inside h1-h6
  float score = 0;        // container score
  int16_t weight = 0;     // class/id weight
  uint8_t flags = 0;
};
}  // namespace internal

enum class ExtractStatus {
  kOk,
  kNoMainText,  // nothing that looks like an article (listing, home page, empty page)
  kTimeout,     // the time budget ran out
};

// The reject reason for a status: "no_main_text", "extract_timeout" ("" for kOk).
std::string_view ExtractStatusReason(ExtractStatus status);

class Extractor {
 public:
  explicit Extractor(ExtractOptions options = {}) : options_(options) {}

  // Extracts from `html` (UTF-8; see charset.h to decode raw bytes). On kNoMainText the
  // metadata fields of `page` are still filled; on kTimeout `page` is unspecified.
  ExtractStatus Extract(std::string_view html, ExtractedPage* page);

  // The tree of the last page parsed (for tools and tests).
  const Tree& tree() const { return tree_; }

 private:
  ExtractOptions options_;
  Tree tree_;
  // Per-node scratch, reused between pages.
  std::vector<internal::NodeInfo> info_;
  std::vector<uint32_t> block_of_;
  std::vector<uint32_t> stack_;
};

// One-shot convenience: a fresh Extractor with `options`.
ExtractStatus ExtractMainText(std::string_view html_utf8, const ExtractOptions& options,
                              ExtractedPage* page);

}  // namespace ghirbal::html
