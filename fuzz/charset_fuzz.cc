// Fuzz target: charset decoding of arbitrary bytes under an arbitrary Content-Type header.
// Input: up to the first '\n' within 80 bytes is the header value, the rest is the page.
// Besides "no crash", checks invariants: the output is valid UTF-8; the charset is a
// normalized name and the source one of the documented values; pages that are valid UTF-8
// and decoded as UTF-8 (not after a BOM) come out unchanged with no replacement.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/utf8.h"
#include "html/charset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1 << 20)) return 0;  // bound the work per input
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view header;
  size_t nl = input.substr(0, 80).find('\n');
  if (nl != std::string_view::npos) {
    header = input.substr(0, nl);
    input.remove_prefix(nl + 1);
  }
  ghirbal::html::DecodedHtml d = ghirbal::html::DecodeHtmlToUtf8(input, header);
  if (!ghirbal::IsValidUtf8(d.utf8)) std::abort();
  if (ghirbal::html::NormalizeCharsetLabel(d.charset) != d.charset) std::abort();
  if (d.source != "bom" && d.source != "http" && d.source != "meta" && d.source != "detected" &&
      d.source != "default") {
    std::abort();
  }
  if (d.charset == "utf-8" && d.source != "bom" && ghirbal::IsValidUtf8(input) &&
      (d.utf8 != input || d.replaced != 0)) {
    std::abort();
  }
  return 0;
}
