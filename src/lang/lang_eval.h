// Evaluation of the language identifier on a labelled TSV file (`ghirbal langid --eval FILE`).
//
// The file is the format of langid-dev/udhr-odd-articles.tsv: tab-separated with a header that
// has at least the columns `bcp47` (the expected label) and `text`. The expected language is
// CanonicalLanguage(bcp47) ("fa-AF" -> fa, "ckb-Latn" -> ckb).
//
// How texts are cut: each row's text is cut at spaces into pieces of at least `chunk_chars`
// code points (a piece is also cut, mid-word, at 2 x chunk_chars when it has no space, for
// scripts written without spaces); a last piece shorter than `min_chars` is joined to the piece
// before it; a row shorter than `min_chars` is skipped. chunk_chars = 0 keeps whole rows.
//
// Which rows are counted: with `standard_varieties_only` (the default) and a file that has the
// columns `variant` and `iso639_3` (the udhr package's variety id and ISO 639-3 code), a row
// counts only when it is the standard variety of its expected language: the variety id's
// language part (before the first '_', trailing digits dropped: "deu_1996" -> deu, "fuv2" ->
// fuv) must name the same language as `iso639_3` and as `bcp47`. Suffixes for scripts,
// orthographies, regions and editions (srp_latn, deu_1901, por_BR, pes_2) keep a row; varieties
// the package gives their own id (auv, lnc and prv filed under Occitan, hea under `hmn`, qud
// under Quechua) or only a number (068, a Franco-Provencal text filed under `fr`; 062,
// Chimwiini under `sw`) do not: they are other languages or dialects that a model of the
// standard language is not expected to name. Those rows are reported as `other_varieties`.
//
// What is counted: a text counts when the model supports its language in its script, i.e.
// when the identifier gave that (language, script of the text) pair to at least one text of the
// file ("the languages it names", the usual definition for a closed-set model). The others are
// listed as not evaluated. Accuracy = correct / evaluated, overall and per expected language.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "lang/language_identifier.h"

namespace ghirbal {

struct LangEvalOptions {
  size_t chunk_chars = 300;
  size_t min_chars = 200;
  // Groups of languages whose confusions count as correct, e.g. {{"bs", "hr", "sr"}} for the
  // Serbo-Croatian standards that no detector separates reliably. Empty: strict.
  std::vector<std::vector<std::string>> same_language;
  // Count only the standard variety of each language (see above); false: every row.
  bool standard_varieties_only = true;
};

struct LangEvalLanguage {
  std::string language;  // expected language
  int64_t texts = 0;
  int64_t correct = 0;
  // Wrong answers: predicted language -> count, most frequent first.
  std::vector<std::pair<std::string, int64_t>> errors;
  double accuracy() const { return texts == 0 ? 0 : static_cast<double>(correct) / texts; }
};

struct LangEvalReport {
  std::string model;
  LangEvalOptions cut;
  int64_t texts = 0;      // texts cut from the file (standard varieties, see above)
  int64_t other_varieties = 0;  // texts of rows left out as non-standard varieties
  int64_t evaluated = 0;  // texts in a supported (language, script)
  int64_t correct = 0;
  double accuracy() const { return evaluated == 0 ? 0 : static_cast<double>(correct) / evaluated; }
  std::vector<LangEvalLanguage> languages;  // evaluated languages, by code
  // Expected "language/script" pairs not evaluated, with their text counts, by code.
  std::vector<std::pair<std::string, int64_t>> not_evaluated;

  const LangEvalLanguage* Find(std::string_view language) const;
  std::string ToText() const;  // human-readable table for the CLI
  std::string ToJson() const;  // one JSON object
};

// True when the udhr variety id `variant` is the standard variety of `iso639_3`, whose page
// tag is `bcp47` (rule above; exposed for tests). IsStandardVariety("srp_latn", "srp", "sr-Latn")
// is true; IsStandardVariety("auv", "oci", "oc") and IsStandardVariety("068", "fra", "fr") are
// false.
bool IsStandardVariety(std::string_view variant, std::string_view iso639_3,
                       std::string_view bcp47);

// Cuts one text as described above (exposed for tests).
std::vector<std::string> CutForEvaluation(std::string_view text, const LangEvalOptions& cut);

Result<LangEvalReport> EvaluateLanguageId(const std::string& tsv_path,
                                          const LangIdOptions& options,
                                          const LangEvalOptions& cut = {});

}  // namespace ghirbal
