// Gopher quality rules (Rae et al. 2021, table A1), as datatrove's GopherQualityFilter.
#include "core/json.h"
#include "core/target_clones.h"
#include "filter/quality_rules.h"
#include "filter/text_hash.h"

namespace ghirbal {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

RuleHit Hit(const char* rule, double value) { return {rule, JsonValue(value)}; }

}  // namespace

std::string JsonValue(double v) {
  std::string out;
  AppendJsonNumber(&out, v);
  return out;
}

void SplitLinesForGopher(std::string_view text, std::vector<std::string_view>* out) {
  SplitLines(text, out);
  if (!out->empty() && out->back().empty()) out->pop_back();
  for (auto& line : *out) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  }
}

const std::vector<std::string_view>& SplitLinesOnce(std::string_view text, QualityScratch* s) {
  if (s->splitlines_of.data() != text.data() || s->splitlines_of.size() != text.size()) {
    SplitLinesForGopher(text, &s->splitlines);
    s->splitlines_of = text;
  }
  return s->splitlines;
}

GHIRBAL_TARGET_CLONES void AnalyzeWords(std::string_view text, QualityScratch* s) {
  s->splitlines_of = {};  // a new text: its lines are not split yet
  s->splitter.Split(text, &s->words);
  const size_t n = s->words.size();
  s->word_hashes.resize(n);
  const Word* words = s->words.data();
  uint64_t* hashes = s->word_hashes.data();
  const char* limit = text.data() + text.size();
  for (size_t i = 0; i < n; ++i) hashes[i] = HashTextIn(words[i].text, limit);
}

RuleResult CheckGopherQuality(std::string_view text, const GopherQualityParams& p,
                              QualityScratch* s) {
  const std::vector<Word>& words = s->words;
  const size_t n_words = words.size();
  size_t non_symbol = 0, non_symbol_chars = 0, alpha = 0, stop = 0;
  // '#', '...' and '…' as Python's str.count finds them in the text, read from the words:
  // '#' and '…' are punctuation, so each lies in a symbol word that is a run of it; a '.'
  // inside a word stands alone between letters or digits, so every run of two or more dots
  // is one symbol word, and a run of k dots holds k / 3 non-overlapping "...".
  size_t hashes = 0, ellipses = 0;
  for (const Word& w : words) {
    if (!w.symbol) {
      ++non_symbol;
      non_symbol_chars += w.chars;
    } else if (w.text[0] == '#') {
      hashes += w.chars;
    } else if (w.text[0] == '.') {
      ellipses += w.chars / 3;
    } else if (w.text.starts_with("…")) {
      ellipses += w.chars;
    }
    alpha += w.has_letter;
  }
  if (p.min_words && static_cast<double>(non_symbol) < *p.min_words) {
    return Hit("gopher_min_words", static_cast<double>(non_symbol));
  }
  if (p.max_words && static_cast<double>(non_symbol) > *p.max_words) {
    return Hit("gopher_max_words", static_cast<double>(non_symbol));
  }
  if (non_symbol > 0) {
    double avg = static_cast<double>(non_symbol_chars) / static_cast<double>(non_symbol);
    if (p.min_avg_word_length && avg < *p.min_avg_word_length) {
      return Hit("gopher_min_avg_word_length", avg);
    }
    if (p.max_avg_word_length && avg > *p.max_avg_word_length) {
      return Hit("gopher_max_avg_word_length", avg);
    }
  }
  if (n_words == 0) return std::nullopt;  // nothing else is measurable
  const double nw = static_cast<double>(n_words);
  if (p.max_symbol_word_ratio) {
    const double hash_ratio = static_cast<double>(hashes) / nw;
    if (hash_ratio > *p.max_symbol_word_ratio) return Hit("gopher_hash_ratio", hash_ratio);
    const double ellipsis_ratio = static_cast<double>(ellipses) / nw;
    if (ellipsis_ratio > *p.max_symbol_word_ratio) {
      return Hit("gopher_ellipsis_ratio", ellipsis_ratio);
    }
  }
  const std::vector<std::string_view>& lines = SplitLinesOnce(text, s);
  if (!lines.empty()) {
    size_t bullets = 0, ellipsis_lines = 0;
    for (std::string_view line : lines) {
      std::string_view left = TrimLeftWhitespace(line);
      bullets += StartsWith(left, "•") || StartsWith(left, "-");
      std::string_view right = TrimRightWhitespace(line);
      ellipsis_lines += EndsWith(right, "...") || EndsWith(right, "…");
    }
    const double nl = static_cast<double>(lines.size());
    if (p.max_bullet_lines_ratio && bullets / nl > *p.max_bullet_lines_ratio) {
      return Hit("gopher_bullet_lines_ratio", bullets / nl);
    }
    if (p.max_ellipsis_lines_ratio && ellipsis_lines / nl > *p.max_ellipsis_lines_ratio) {
      return Hit("gopher_ellipsis_lines_ratio", ellipsis_lines / nl);
    }
  }
  if (p.min_alpha_words_ratio && alpha / nw < *p.min_alpha_words_ratio) {
    return Hit("gopher_alpha_words_ratio", alpha / nw);
  }
  if (p.min_stop_words && !p.stop_word_hashes.empty()) {
    // Counting stops at the minimum: the count is reported only when it falls short.
    for (uint64_t h : s->word_hashes) {
      stop += p.IsStopWord(h);
      if (static_cast<double>(stop) >= *p.min_stop_words) break;
    }
    if (static_cast<double>(stop) < *p.min_stop_words) {
      return Hit("gopher_stop_words", static_cast<double>(stop));
    }
  }
  return std::nullopt;
}

}  // namespace ghirbal
