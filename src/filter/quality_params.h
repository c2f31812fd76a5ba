// Parameters of the quality rules (Gopher quality, Gopher repetition, C4, FineWeb), their
// defaults, and how they are resolved per language from data files and pipeline options.
//
// Defaults are the values published with datatrove. A threshold is a std::optional: empty
// means the single rule is off (in options: `off`, `false` or a negative number). Each group
// also has `enabled`.
//
// Resolution for a document's language L (metadata "language"):
//   1. the profile: English ("en", and documents without a language) get the FineWeb recipe
//      (Gopher quality and repetition, C4 without its terminal-punctuation line rule,
//      FineWeb); every other language gets the FineWeb-2 recipe (C4 off; Gopher repetition
//      without its paragraph and character-fraction rules; FineWeb without its short-line
//      rule and with char_duplicates_ratio 0.1);
//   2. data/filter/languages/L.yaml (FineWeb-2's per-language thresholds and stop words);
//   3. the stage's own options (apply to every language);
//   4. the stage's `languages: {L: {...}}` options.
// Lookup tries the full tag ("zh-Hant"), then its primary subtag ("zh"), then falls back to
// the generic non-English profile (steps 1, 3). A language without stop words skips the
// stop-word rule.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/stage_options.h"
#include "core/status.h"

namespace ghirbal {

using Threshold = std::optional<double>;


struct GopherQualityParams {
  bool enabled = true;
  Threshold min_words = 50;              // non-symbol words
  Threshold max_words = 100000;
  Threshold min_avg_word_length = 3;     // code points, non-symbol words
  Threshold max_avg_word_length = 10;
  Threshold max_symbol_word_ratio = 0.1;  // '#' per word, and ('...' + '…') per word
  Threshold max_bullet_lines_ratio = 0.9;    // lines starting with • or -
  Threshold max_ellipsis_lines_ratio = 0.3;  // lines ending with ... or …
  Threshold min_alpha_words_ratio = 0.8;     // words with a letter / all words
  Threshold min_stop_words = 2;
  // Stop words of the language, kept as sorted hashes (HashText), and the same hashes in an
  // open-addressing table (0 = empty slot; at most a quarter full) for the lookup.
  std::vector<uint64_t> stop_word_hashes;
  std::vector<uint64_t> stop_word_slots;
  bool stop_word_hash_zero = false;  // a stop word whose hash is 0 (not storable in a slot)

  void SetStopWords(const std::vector<std::string>& words);
  bool IsStopWord(uint64_t word_hash) const {
    if (stop_word_slots.empty()) return false;
    if (word_hash == 0) return stop_word_hash_zero;
    const size_t mask = stop_word_slots.size() - 1;
    for (size_t i = word_hash & mask;; i = (i + 1) & mask) {
      if (stop_word_slots[i] == word_hash) return true;
      if (stop_word_slots[i] == 0) return false;
    }
  }
  bool IsStopWord(std::string_view word) const;
};

struct GopherRepetitionParams {
  bool enabled = true;
  Threshold dup_line_frac = 0.3;
  Threshold dup_para_frac = 0.3;
  Threshold dup_line_char_frac = 0.2;
  Threshold dup_para_char_frac = 0.2;
  std::array<Threshold, 3> top_ngram_frac = {0.20, 0.18, 0.16};  // n = 2, 3, 4
  std::array<Threshold, 6> dup_ngram_frac = {0.15, 0.14, 0.13, 0.12, 0.11, 0.10};  // n = 5..10
};

struct C4Params {
  bool enabled = true;
  bool remove_citations = true;          // drop "[1]", "[edit]", "[citation needed]"
  bool filter_no_terminal_punct = true;  // drop lines not ending in . ? ! " '
  bool filter_lorem_ipsum = true;        // reject documents with "lorem ipsum"
  bool filter_javascript = true;         // drop lines with "javascript"
  bool filter_curly_bracket = true;      // reject documents with '{'
  bool filter_policy = true;             // drop lines with "terms of use", "cookie policy", ...
  Threshold min_sentences = 5;
  Threshold min_words_per_line = 3;
  Threshold max_word_length = 1000;      // drop lines with a longer whitespace-separated word
};

struct FineWebParams {
  bool enabled = true;
  Threshold line_punct_thr = 0.12;       // reject when lines ending in punctuation <= this
  bool line_punct_exclude_zero = false;  // ...unless there are none at all
  Threshold short_line_thr = 0.67;       // reject when short lines >= this
  int64_t short_line_length = 30;
  Threshold char_duplicates_ratio = 0.01;  // chars in duplicated lines / chars
  Threshold new_line_ratio = 0.3;          // '\n' per word
};

struct QualityParams {
  GopherQualityParams gopher_quality;
  GopherRepetitionParams gopher_repetition;
  C4Params c4;
  FineWebParams fineweb;
};

// The FineWeb recipe (English) and the FineWeb-2 recipe (other languages, before the
// per-language data file).
QualityParams FineWebProfile();
QualityParams FineWeb2Profile();

// Overrides the fields of `params` named in `options` (the groups gopher_quality,
// gopher_repetition, c4, fineweb). Keys not named keep their value.
Status ApplyQualityOptions(StageOptions& options, QualityParams* params);

// Per-language parameters, resolved once when the stage is built; immutable afterwards.
class QualityConfig {
 public:
  // `options` holds the stage's options (groups and `languages`); the language data files
  // are read from options.data_dir()/filter/languages/*.yaml.
  static Result<QualityConfig> Create(StageOptions& options);
  // Parameters for a language tag ("ar", "zh-Hant"; empty = no language).
  const QualityParams& For(std::string_view language) const;

  const std::map<std::string, QualityParams, std::less<>>& languages() const { return by_language_; }

 private:
  std::map<std::string, QualityParams, std::less<>> by_language_;
  QualityParams generic_;
  QualityParams undetermined_;
};

}  // namespace ghirbal
