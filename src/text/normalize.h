// Text normalization: the cleanup every corpus document gets before language ID and filters.
//
// NormalizeText applies, in this order: UTF-8 repair (ill-formed bytes become U+FFFD),
// mojibake repair, one character pass (line endings, control and invisible characters, the
// Arabic profile, spaces, line trimming, blank lines) and finally Unicode NFC. Each step has a
// switch in NormalizeOptions; with every switch off the text comes out byte-identical.
// Stage `normalize` (normalize_stage.cc) runs this on every document's text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ghirbal {

class StageOptions;

// Arabic-script profile. Defaults: remove tatweel and fold presentation forms (both are pure
// typography); keep diacritics and native digits (they are content).
struct ArabicNormalizeOptions {
  bool remove_tatweel = true;           // drop U+0640 ARABIC TATWEEL (kashida)
  bool fold_presentation_forms = true;  // NFKC on U+FB50..U+FDFF and U+FE70..U+FEFE only
  // Drop harakat and Quranic marks: U+064B..U+0652, U+0670 (superscript alef), U+06D6..U+06ED
  // marks. Hamza above/below and madda (U+0653..U+0655) are kept: they are parts of letters.
  bool strip_diacritics = false;
  bool ascii_digits = false;  // U+0660..U+0669 and U+06F0..U+06F9 -> '0'..'9'
};

struct NormalizeOptions {
  bool nfc = true;  // Unicode NFC (ICU), skipped for text already in NFC
  // Remove C0 controls except TAB and LF (and CR when line endings are kept), DEL and C1
  // controls (U+0080..U+009F).
  bool remove_control = true;
  // Remove invisible format characters: ZWSP, word joiner, BOM/ZWNBSP, soft hyphen, bidi marks
  // and embeddings (LRM, RLM, ALM, U+202A..U+202E, U+2066..U+2069), and ZWNJ/ZWJ except where
  // a script needs them: between two letters (or marks) of Arabic, Syriac, N'Ko, Mongolian or
  // an Indic/Southeast Asian script, and ZWJ inside emoji sequences.
  bool remove_invisible = true;
  // CRLF, CR, NEL (U+0085), LINE SEPARATOR and PARAGRAPH SEPARATOR -> LF.
  bool unify_line_endings = true;
  // Any run of horizontal white space (TAB, NBSP, U+2000..U+200A, U+202F, U+205F, U+3000,
  // U+1680, spaces) -> one ASCII space.
  bool collapse_spaces = true;
  bool trim_lines = true;  // drop white space at the start and end of every line
  // At most one empty line in a row; no empty lines at the start or end of the text.
  bool collapse_blank_lines = true;
  bool fix_mojibake = true;  // see text/mojibake.h
  ArabicNormalizeOptions arabic;

  // Every switch off: NormalizeText returns its input unchanged.
  static NormalizeOptions AllOff();
  // Reads the options above from stage options (same names, `arabic:` is a child mapping).
  static Result<NormalizeOptions> FromStageOptions(StageOptions& options);
};

// What NormalizeText changed, summed over calls.
struct NormalizeStats {
  int64_t invalid_utf8 = 0;          // ill-formed sequences replaced by U+FFFD
  int64_t mojibake_repairs = 0;      // runs of mojibake repaired
  int64_t controls_removed = 0;
  int64_t invisible_removed = 0;
  int64_t tatweel_removed = 0;
  int64_t presentation_folded = 0;   // presentation-form characters folded
  int64_t diacritics_removed = 0;
  int64_t digits_mapped = 0;
  int64_t nfc_applied = 0;           // texts that were not in NFC
};

// Normalizes `text`. Never fails: any byte sequence gives valid UTF-8 (unless every option
// is off, in which case the input comes back as is). Thread-safe. `stats` may be null.
std::string NormalizeText(std::string_view text, const NormalizeOptions& options,
                          NormalizeStats* stats = nullptr);

}  // namespace ghirbal
