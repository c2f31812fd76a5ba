// LineCleaner and the `clean_lines` stage: removes boilerplate lines from extracted text.
//
// Each non-blank line is normalized (phrase_matcher.h) and looked up in the phrase lists of
// data/filter/boilerplate/*.txt (every language at once: a site's cookie notice is often not
// in the language of its articles) plus the user's own files. A line is removed when
//   - it is a [line] phrase (whole line), or contains an [anywhere] phrase;
//   - it contains a [phrase] phrase and has at most max_phrase_words words;
//   - it contains a [notice] phrase and has at most max_notice_words words;
//   - it is a breadcrumb trail ("Home > News > World", "الرئيسية » أخبار");
//   - it belongs to a notice block: walking away from a removed notice line (forwards and
//     backwards, blank lines skipped), lines with [notice] or [vocab] phrases of at most
//     max_notice_words words are the notice's body and are removed, and [button] lines
//     ("I agree", "أوافق", "Accept all") next to the notice or to its other buttons are
//     removed. A button or vocabulary line far from any notice stays.
// "Words" of a line are max(space-separated tokens, code points / 7), so scripts without
// spaces get comparable limits.
//
// Only the lines that PhraseMatcher's raw-text prefilter cannot rule out are normalized
// (CleanLinesOptions::raw_prefilter); the result is the same as normalizing every line.
//
// The cleaned text keeps the other lines trimmed of surrounding whitespace, in order, with
// runs of blank lines collapsed to one blank line and none at either end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/stage.h"
#include "core/stage_options.h"
#include "core/status.h"
#include "filter/phrase_matcher.h"

namespace ghirbal {

struct CleanLinesOptions {
  // Extra phrase files (same format as data/filter/boilerplate/*.txt), added to the built-in lists.
  std::vector<std::string> phrase_files;
  // Load data/filter/boilerplate/*.txt from this data directory (empty: built-in lists skipped).
  std::string data_dir;
  size_t max_notice_words = 60;  // longer lines are article text that mentions cookies
  size_t max_phrase_words = 20;  // longer lines are article text that quotes the phrase
  bool breadcrumbs = true;       // remove breadcrumb trails
  // Normalize only the lines the raw-text prefilter (PhraseMatcher::ScanRaw) cannot rule out.
  // Same result either way; false is the simple reference the fast path is tested against.
  bool raw_prefilter = true;
};

struct CleanLinesResult {
  std::string text;                        // the cleaned text, unless `unchanged`
  bool unchanged = false;                  // the cleaned text is the input (not copied)
  size_t removed = 0;                      // lines removed
  std::vector<std::string> removed_lines;  // their trimmed text, when asked for
  // The cleaned text of `input`, the text Clean was given.
  std::string_view Text(std::string_view input) const {
    return unchanged ? input : std::string_view(text);
  }
};

class LineCleaner {
 public:
  class Scratch;  // per-thread buffers

  static Result<std::unique_ptr<LineCleaner>> Create(const CleanLinesOptions& options);
  ~LineCleaner();

  std::unique_ptr<Scratch> NewScratch() const;
  // Cleans `text` into `out`. Time linear in the text; never fails.
  void Clean(std::string_view text, Scratch* scratch, CleanLinesResult* out,
             bool keep_removed = false) const;

 private:
  LineCleaner() = default;
  CleanLinesOptions options_;
  std::unique_ptr<PhraseMatcher> matcher_;
};

// Per-thread buffers of a LineCleaner; reused from document to document.
class LineCleaner::Scratch {
 public:
  std::unique_ptr<PhraseMatcher::Scratch> matcher;
  // The normalized non-blank lines, each followed by '\n': lines of at most
  // max(max_notice_words, max_phrase_words) words, and longer ones.
  std::string normalized;
  std::string normalized_long;
  std::vector<size_t> short_lines;  // indexes of the lines in `normalized`, in order
  std::vector<size_t> long_lines;   // ... and in `normalized_long`
  std::vector<size_t> line_starts;  // offset of each line in the text
  std::string whole_line;           // a line looked up as a whole-line phrase, normalized

  std::vector<std::string_view> lines;
  struct LineInfo {
    std::string_view trimmed;
    size_t normalized_begin = 0;  // its normalized text in Scratch::normalized(_long)
    size_t normalized_size = 0;
    bool long_line = false;       // in normalized_long
    bool may_hold_phrase = false;  // not ruled out by the prefilter
    uint32_t kinds = 0;
    size_t words = 0;  // estimated; only worked out for lines with a phrase (kinds != 0)
    bool removed = false;
    bool notice = false;  // removed as part of a notice (heading or body)
  };
  std::vector<LineInfo> info;
  std::vector<size_t> non_blank;  // indexes of non-blank lines
};

// True when `line` (trimmed) looks like a breadcrumb trail: at least three segments separated
// by one kind of separator (> » › / | → « ‹ <) with spaces around it, each segment at most
// four words, and no sentence-final punctuation at the end.
bool IsBreadcrumb(std::string_view line);

}  // namespace ghirbal
