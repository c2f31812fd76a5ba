// Gopher quality rules (Rae et al. 2021, table A1), as datatrove's GopherQualityFilter.
#include "core/json.h"
#include "filter/quality_rules.h"
#include "filter/text_hash.h"

namespace ghirbal {
namespace {

// Non-overlapping occurrences, like Python's str.count.
size_t CountOccurrences(std::string_view text, std::string_view needle) {
  size_t n = 0;
  for (size_t pos = text.find(needle); pos != std::string_view::npos;
       pos = text.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

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

void AnalyzeWords(std::string_view text, QualityScratch* s) {
  s->splitter.Split(text, &s->words);
  s->word_hashes.resize(s->words.size());
  const char* limit = text.data() + text.size();
  for (size_t i = 0; i < s->words.size(); ++i) {
    s->word_hashes[i] = HashTextIn(s->words[i].text, limit);
  }
}

RuleResult CheckGopherQuality(std::string_view text, const GopherQualityParams& p,
                              QualityScratch* s) {
  const std::vector<Word>& words = s->words;
  const size_t n_words = words.size();
  size_t non_symbol = 0, non_symbol_chars = 0, alpha = 0, stop = 0;
  for (const Word& w : words) {
    if (!w.symbol) {
      ++non_symbol;
      non_symbol_chars += w.chars;
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
    double hashes = static_cast<double>(CountOccurrences(text, "#")) / nw;
    if (hashes > *p.max_symbol_word_ratio) return Hit("gopher_hash_ratio", hashes);
    double ellipsis =
        static_cast<double>(CountOccurrences(text, "...") + CountOccurrences(text, "…")) / nw;
    if (ellipsis > *p.max_symbol_word_ratio) return Hit("gopher_ellipsis_ratio", ellipsis);
  }
  SplitLinesForGopher(text, &s->lines);
  if (!s->lines.empty()) {
    size_t bullets = 0, ellipsis_lines = 0;
    for (std::string_view line : s->lines) {
      std::string_view left = TrimLeftWhitespace(line);
      bullets += StartsWith(left, "•") || StartsWith(left, "-");
      std::string_view right = TrimRightWhitespace(line);
      ellipsis_lines += EndsWith(right, "...") || EndsWith(right, "…");
    }
    const double nl = static_cast<double>(s->lines.size());
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
    for (uint64_t h : s->word_hashes) stop += p.IsStopWord(h);
    if (static_cast<double>(stop) < *p.min_stop_words) {
      return Hit("gopher_stop_words", static_cast<double>(stop));
    }
  }
  return std::nullopt;
}

}  // namespace ghirbal
