#include "lang/cld2_model.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <string>

#include "core/utf8.h"

namespace ghirbal {
namespace {

// CLD2 accepts only "interchange-valid" UTF-8: no C0/C1 controls besides TAB, LF, CR, no
// noncharacters.
bool NonInterchange(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F ||
         (c >= 0x80 && c <= 0x9F) || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

// True when a character starting at byte `b` may be one CLD2 refuses: an ASCII control, or a
// non-ASCII character whose lead byte could start a C1 control (C2), a noncharacter of the BMP
// (EF) or of a supplementary plane (F0..F4). Every other lead byte is decoded only when needed.
inline bool MaybeNonInterchange(unsigned char b) {
  if (b < 0x80) return b < 0x20 || b == 0x7F;
  return b == 0xC2 || b == 0xEF || b >= 0xF0;
}

// Fills *out with `text` with non-interchange characters blanked and returns true, or returns
// false (and leaves *out alone) when `text` has none: the common case costs one byte scan.
bool BlankNonInterchange(std::string_view text, std::string* out) {
  bool changed = false;
  for (size_t i = 0; i < text.size();) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (!MaybeNonInterchange(b) && !changed) {
      ++i;  // ASCII letter or a byte of a character that cannot be refused
      continue;
    }
    char32_t c = b;
    size_t len = 1;
    if (b >= 0x80) {
      len = DecodeUtf8(text.data() + i, text.size() - i, &c);
      if (len == 0) len = 1;
    }
    bool bad = NonInterchange(c);
    if (bad && !changed) {
      out->assign(text.substr(0, i));
      changed = true;
    }
    if (changed) {
      if (bad) {
        out->push_back(' ');
      } else {
        out->append(text.substr(i, len));
      }
    }
    i += len;
  }
  return changed;
}

class Cld2Model final : public LanguageModel {
 public:
  std::string_view name() const override { return "cld2-full"; }

  std::vector<RawPrediction> Predict(std::string_view text, int k) const override {
    std::string blanked;
    if (BlankNonInterchange(text, &blanked)) text = blanked;
    CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    CLD2::Language language3[3];
    int percent3[3];
    double normalized3[3];
    int text_bytes = 0;
    bool reliable = false;
    if (IsValidUtf8(text)) {
      // Valid and blanked: interchange-valid, so CLD2's own (slower) check is not needed.
      CLD2::ExtDetectLanguageSummary(text.data(), static_cast<int>(text.size()),
                                     /*is_plain_text=*/true, &hints, CLD2::kCLDFlagBestEffort,
                                     language3, percent3, normalized3,
                                     /*resultchunkvector=*/nullptr, &text_bytes, &reliable);
    } else {
      int valid_prefix = 0;
      CLD2::ExtDetectLanguageSummaryCheckUTF8(
          text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, &hints,
          CLD2::kCLDFlagBestEffort, language3, percent3, normalized3,
          /*resultchunkvector=*/nullptr, &text_bytes, &reliable, &valid_prefix);
    }
    std::vector<RawPrediction> out;
    for (int i = 0; i < 3 && static_cast<int>(out.size()) < k; ++i) {
      if (language3[i] == CLD2::UNKNOWN_LANGUAGE || language3[i] == CLD2::TG_UNKNOWN_LANGUAGE ||
          percent3[i] <= 0) {
        continue;
      }
      double score = percent3[i] / 100.0;
      if (!reliable) score *= 0.5;
      out.push_back({CLD2::LanguageCode(language3[i]), score});
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<LanguageModel> NewCld2Model() { return std::make_unique<Cld2Model>(); }

}  // namespace ghirbal
