// FineWeb's own quality rules (Penedo et al. 2024), as datatrove's FineWebQualityFilter.

#include "filter/quality_rules.h"
#include "filter/text_hash.h"

namespace ghirbal {
namespace {

RuleHit Hit(const char* rule, double value) { return {rule, JsonValue(value)}; }

}  // namespace

RuleResult CheckFineWeb(std::string_view text, const FineWebParams& p, QualityScratch* s) {
  return CheckFineWeb(text, p, s->words.size(), s);
}

RuleResult CheckFineWeb(std::string_view text, const FineWebParams& p, size_t words,
                        QualityScratch* s) {
  SplitLines(text, &s->lines);  // text.split("\n"): at least one line
  const double n_lines = static_cast<double>(s->lines.size());
  if (p.line_punct_thr) {
    size_t punct = 0;
    for (std::string_view line : s->lines) punct += EndsWithTerminalPunctuation(line);
    double ratio = punct / n_lines;
    if (ratio <= *p.line_punct_thr && !(ratio == 0 && p.line_punct_exclude_zero)) {
      return Hit("fineweb_line_punct_ratio", ratio);
    }
  }
  if (p.short_line_thr) {
    size_t short_lines = 0;
    for (std::string_view line : s->lines) {
      // Only count code points when the byte length leaves the question open (a code point
      // takes one to four bytes).
      const size_t limit = static_cast<size_t>(p.short_line_length);
      short_lines += line.size() <= limit ||
                     ((line.size() + 3) / 4 <= limit && CountCodePoints(line) <= limit);
    }
    double ratio = short_lines / n_lines;
    if (ratio >= *p.short_line_thr) return Hit("fineweb_short_line_ratio", ratio);
  }
  const size_t newlines = CountByte(text, '\n');
  if (p.char_duplicates_ratio) {
    // Non-empty lines (as is, not trimmed); duplicated ones add their characters.
    std::vector<std::string_view>& kept = s->paragraphs;  // reused buffer
    kept.clear();
    for (std::string_view line : s->lines) {
      if (!TrimWhitespace(line).empty()) kept.push_back(line);
    }
    s->table.Reset(kept.size());
    size_t dup_chars = 0;
    const char* text_end = text.data() + text.size();
    for (size_t i = 0; i < kept.size(); ++i) {
      if (s->table.Find(HashTextIn(kept[i], text_end), static_cast<uint32_t>(i)).count++ > 0) {
        dup_chars += CountCodePoints(kept[i]);
      }
    }
    const size_t chars = CountCodePoints(text) - newlines;
    if (chars > 0) {
      double ratio = static_cast<double>(dup_chars) / static_cast<double>(chars);
      if (ratio >= *p.char_duplicates_ratio) return Hit("fineweb_char_dup_ratio", ratio);
    }
  }
  if (p.new_line_ratio && words > 0) {
    double ratio = static_cast<double>(newlines) / static_cast<double>(words);
    if (ratio > *p.new_line_ratio) return Hit("fineweb_list_ratio", ratio);
  }
  return std::nullopt;
}

}  // namespace ghirbal
