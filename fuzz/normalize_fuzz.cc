// Fuzz target for text normalization, mojibake repair and dedup normalization. Checks
// invariants, not only crashes: the output is valid UTF-8, normalizing it again changes nothing
// (idempotence), with every option off the input comes back byte for byte, and dedup's fast
// normalization gives what its ICU reference gives.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/utf8.h"
#include "dedup/dedup_text.h"
#include "text/mojibake.h"
#include "text/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;  // bounded input, as the pipeline bounds documents
  std::string_view text(reinterpret_cast<const char*>(data), size);

  if (ghirbal::NormalizeText(text, ghirbal::NormalizeOptions::AllOff()) != text) std::abort();

  // The first byte picks the optional Arabic switches so they are fuzzed too.
  ghirbal::NormalizeOptions options;
  if (size > 0) {
    options.arabic.strip_diacritics = data[0] & 1;
    options.arabic.ascii_digits = data[0] & 2;
    options.collapse_blank_lines = !(data[0] & 4);
  }
  std::string once = ghirbal::NormalizeText(text, options);
  if (!ghirbal::IsValidUtf8(once)) std::abort();
  // Mojibake repair may legitimately find a second layer in its own output, so idempotence is
  // checked with it off.
  options.fix_mojibake = false;
  std::string plain = ghirbal::NormalizeText(text, options);
  if (ghirbal::NormalizeText(plain, options) != plain) std::abort();

  std::string fast, reference;
  ghirbal::dedup::NormalizeForDedup(text, &fast);
  ghirbal::dedup::NormalizeForDedupReference(text, &reference);
  if (fast != reference) std::abort();

  std::string repaired;
  if (ghirbal::RepairMojibake(text, &repaired) && !ghirbal::IsValidUtf8(repaired)) std::abort();
  return 0;
}
