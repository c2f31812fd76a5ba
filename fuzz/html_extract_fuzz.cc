// Fuzz target: charset decoding + HTML parsing + main-text extraction on arbitrary bytes.
// Besides "no crash", checks invariants: the text is valid UTF-8, has no NUL byte, and
// neither starts nor ends with whitespace; the tree's links are consistent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/utf8.h"
#include "html/charset.h"
#include "html/extract.h"
#include "html/tree.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1 << 20)) return 0;  // bound the work per input
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ghirbal::html::DecodedHtml decoded = ghirbal::html::DecodeHtmlToUtf8(bytes, "");

  ghirbal::html::ExtractOptions options;
  options.timeout_ms = 0;  // deterministic: never cut by time
  options.min_text_chars = 0;
  options.max_depth = 64;
  ghirbal::html::Extractor extractor(options);
  ghirbal::html::ExtractedPage page;
  extractor.Extract(decoded.utf8, &page);

  const std::string& t = page.text;
  if (!ghirbal::IsValidUtf8(t)) std::abort();
  if (t.find('\0') != std::string::npos) std::abort();
  if (!t.empty() && (t.front() == ' ' || t.front() == '\n' || t.back() == ' ' || t.back() == '\n'))
    std::abort();

  const ghirbal::html::Tree& tree = extractor.tree();
  for (uint32_t i = 1; i < tree.size(); ++i) {
    const ghirbal::html::Node& n = tree.node(i);
    if (n.parent >= i) std::abort();  // parents come first
    if (n.next_sibling != ghirbal::html::kNoNode && n.next_sibling <= i) std::abort();
  }
  return 0;
}
