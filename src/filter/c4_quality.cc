// C4's line and document rules (Raffel et al. 2020), as datatrove's C4QualityFilter.
#include <algorithm>
#include <cstdint>

#include "core/utf8.h"
#include "filter/quality_rules.h"

namespace ghirbal {
namespace {

constexpr std::string_view kPolicy[] = {"terms of use",  "privacy policy", "cookie policy",
                                        "uses cookies",  "use of cookies", "use cookies"};

// Removes "[digits]", "[edit]" and "[citation needed]" (datatrove's CITATION_REGEX).
void RemoveCitations(std::string_view line, std::string* out) {
  out->clear();
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '[') {
      size_t j = i + 1;
      while (j < line.size() && line[j] >= '0' && line[j] <= '9') ++j;
      if (j < line.size() && line[j] == ']') {
        i = j + 1;
        continue;
      }
      std::string_view rest = line.substr(i);
      if (rest.substr(0, 6) == "[edit]") {
        i += 6;
        continue;
      }
      if (rest.substr(0, 17) == "[citation needed]") {
        i += 17;
        continue;
      }
    }
    out->push_back(line[i++]);
  }
}

// ASCII lower case of `line` into `out` (the C4 phrases are ASCII).
void AsciiLower(std::string_view line, std::string* out) {
  out->assign(line);
  for (char& c : *out) {  // branch-free, so the compiler can vectorize it
    c = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
  }
}

// Words as Python's line.split(), whether one is longer than `max_chars` code points, and
// whether the line has a character at U+0800 or above (where the no-space scripts live).
size_t WhitespaceWords(std::string_view line, double max_chars, bool* too_long, bool* high) {
  // chars > max_chars, for whole chars, is chars > floor(max_chars) (capped to stay exact).
  // NaN compares false, as it does in the double comparison.
  const size_t limit = !(max_chars < 1e18) ? SIZE_MAX
                       : max_chars < 0     ? 0
                                           : static_cast<size_t>(max_chars);
  size_t words = 0, chars = 0;
  bool in_word = false;
  *too_long = false;
  *high = false;
  for (size_t i = 0; i < line.size();) {
    char32_t cp = static_cast<unsigned char>(line[i]);
    if (cp < 0x80) {
      ++i;
    } else {
      *high = *high || cp >= 0xE0;
      size_t len = DecodeUtf8(line.data() + i, line.size() - i, &cp);
      i += len == 0 ? 1 : len;
    }
    if (ClassifyCodePoint(cp) == CharClass::kSpace) {
      in_word = false;
      continue;
    }
    if (!in_word) {
      ++words;
      chars = 0;
      in_word = true;
    }
    if (++chars > limit) *too_long = true;
  }
  return words;
}

}  // namespace

C4Outcome ApplyC4(std::string_view text, const C4Params& p, QualityScratch* s,
                  const std::vector<Word>* words_of_text) {
  C4Outcome outcome;
  SplitLinesForGopher(text, &s->lines);  // text.splitlines()
  std::string& out = s->c4_text;
  out.clear();
  size_t sentences = 0;
  size_t next_word = 0;  // in *words_of_text
  const double max_word = p.max_word_length ? *p.max_word_length : 1e300;
  for (std::string_view raw : s->lines) {
    std::string_view line = TrimWhitespace(raw);
    bool too_long = false, high = false;
    size_t words = WhitespaceWords(line, max_word, &too_long, &high);
    if (too_long) {
      ++outcome.lines_removed;
      continue;
    }
    if (p.remove_citations && line.find('[') != std::string_view::npos) {
      RemoveCitations(line, &s->c4_line);
      line = s->c4_line;
    }
    if (p.filter_no_terminal_punct &&
        (!EndsWithTerminalPunctuation(line) || line.ends_with("..."))) {
      ++outcome.lines_removed;
      continue;
    }
    if (p.min_words_per_line) {
      // Scripts without spaces are counted with the word splitter.
      if (high) {  // citations removed above are ASCII: `high` still holds
        WordCounts c = s->splitter.Count(line);
        words = std::max(words, c.non_symbol);
      }
      if (static_cast<double>(words) < *p.min_words_per_line) {
        ++outcome.lines_removed;
        continue;
      }
    }
    AsciiLower(line, &s->c4_lower);
    const std::string_view lower = s->c4_lower;
    if (p.filter_lorem_ipsum && lower.find("lorem ipsum") != std::string_view::npos) {
      outcome.hit = RuleHit{"c4_lorem_ipsum", "1"};
      return outcome;
    }
    if (p.filter_javascript && lower.find("javascript") != std::string_view::npos) {
      ++outcome.lines_removed;
      continue;
    }
    if (p.filter_curly_bracket && line.find('{') != std::string_view::npos) {
      outcome.hit = RuleHit{"c4_curly_bracket", "1"};
      return outcome;
    }
    // Every policy phrase contains "terms", "polic" or "cookies": look for those first.
    if (p.filter_policy && (lower.find("terms") != std::string_view::npos ||
                            lower.find("polic") != std::string_view::npos ||
                            lower.find("cookies") != std::string_view::npos)) {
      bool policy = false;
      for (std::string_view phrase : kPolicy) {
        policy = policy || lower.find(phrase) != std::string_view::npos;
      }
      if (policy) {
        ++outcome.lines_removed;
        continue;
      }
    }
    // Only the comparison with min_sentences matters: stop counting once it is reached.
    if (!p.min_sentences || static_cast<double>(sentences) < *p.min_sentences) {
      sentences += CountSentences(line);
    }
    if (words_of_text != nullptr) {
      if (line.data() == s->c4_line.data()) {  // citations removed: the words may differ
        outcome.words += s->splitter.Count(line).words;
      } else {  // the words of `text` that start on this line
        const std::vector<Word>& w = *words_of_text;
        const char* begin = line.data();
        const char* end = begin + line.size();
        while (next_word < w.size() && w[next_word].text.data() < begin) ++next_word;
        while (next_word < w.size() && w[next_word].text.data() < end) {
          ++next_word;
          ++outcome.words;
        }
      }
    }
    if (!out.empty()) out.push_back('\n');
    out.append(line);
  }
  if (p.min_sentences && static_cast<double>(sentences) < *p.min_sentences) {
    outcome.hit = RuleHit{"c4_min_sentences", JsonValue(static_cast<double>(sentences))};
    return outcome;
  }
  std::string_view trimmed = TrimWhitespace(out);
  outcome.changed = trimmed != text;
  if (trimmed.size() != out.size()) out = std::string(trimmed);
  return outcome;
}

}  // namespace ghirbal
