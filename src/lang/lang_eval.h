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
  int64_t texts = 0;      // texts cut from the file
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

// Cuts one text as described above (exposed for tests).
std::vector<std::string> CutForEvaluation(std::string_view text, const LangEvalOptions& cut);

Result<LangEvalReport> EvaluateLanguageId(const std::string& tsv_path,
                                          const LangIdOptions& options,
                                          const LangEvalOptions& cut = {});

}  // namespace ghirbal
