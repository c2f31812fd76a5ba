// C4's line and document rules (Raffel et al. 2020), as datatrove's C4QualityFilter.
#include <hs/hs.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/utf8.h"
#include "filter/hyperscan_cache.h"
#include "filter/quality_rules.h"

namespace ghirbal {
namespace {

constexpr std::string_view kPolicyPhrases[] = {"terms of use", "privacy policy", "cookie policy",
                                               "uses cookies", "use of cookies", "use cookies"};

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

// Words as Python's line.split(), whether one is longer than `limit` code points, and
// whether the line has a character at U+0800 or above (where the no-space scripts live).
size_t WhitespaceWords(std::string_view line, size_t limit, bool* too_long, bool* high) {
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

// C4's phrases, found in the whole text in one Hyperscan scan (ASCII case-insensitive, as
// the lower-cased line is searched), instead of lower-casing and searching every line.
enum C4Phrase : unsigned {
  kLorem = 1u << 0,
  kJavascript = 1u << 1,
  kCurly = 1u << 2,
  kPolicy = 1u << 3,  // any of kPolicyPhrases
};

struct C4Database {
  hs_database_t* db = nullptr;
  hs_scratch_t* prototype = nullptr;
};

// Built once per process and kept to its end; null members when Hyperscan cannot run (the
// per-line search is used then).
const C4Database& SharedDatabase() {
  static const C4Database database = [] {
    C4Database d;
    std::vector<std::string_view> exprs = {"lorem ipsum", "javascript", "{"};
    std::vector<unsigned> ids = {kLorem, kJavascript, kCurly};
    for (std::string_view phrase : kPolicyPhrases) {
      exprs.push_back(phrase);
      ids.push_back(kPolicy);
    }
    const std::vector<unsigned> flags(exprs.size(), HS_FLAG_CASELESS);
    if (hs_valid_platform() != HS_SUCCESS || !CompileLiterals(exprs, flags, ids, &d.db).ok()) {
      d.db = nullptr;
      return d;
    }
    if (hs_alloc_scratch(d.db, &d.prototype) != HS_SUCCESS) {
      hs_free_database(d.db);
      d.db = nullptr;
    }
    return d;
  }();
  return database;
}

// Fills s->c4_matches with (end offset, phrase) of every match in `text`, sorted by offset.
// False when Hyperscan is unavailable.
bool ScanPhrases(std::string_view text, QualityScratch* s) {
  const C4Database& d = SharedDatabase();
  if (d.db == nullptr || text.size() > UINT32_MAX) return false;
  if (!s->c4_hs) {
    hs_scratch_t* clone = nullptr;
    if (hs_clone_scratch(d.prototype, &clone) != HS_SUCCESS) return false;
    s->c4_hs.reset(clone);
  }
  s->c4_matches.clear();
  auto on_match = [](unsigned id, unsigned long long, unsigned long long to, unsigned,
                     void* ctx) -> int {
    static_cast<std::vector<std::pair<size_t, unsigned>>*>(ctx)->emplace_back(
        static_cast<size_t>(to), id);
    return 0;
  };
  if (hs_scan(d.db, text.data(), static_cast<unsigned>(text.size()), 0, s->c4_hs.get(),
              on_match, &s->c4_matches) != HS_SUCCESS) {
    return false;
  }
  std::sort(s->c4_matches.begin(), s->c4_matches.end());
  return true;
}

// The phrases of one (trimmed) line, searched in its ASCII lower case.
unsigned LinePhrases(std::string_view line, std::string* lower_buffer) {
  AsciiLower(line, lower_buffer);
  const std::string_view lower = *lower_buffer;
  unsigned found = 0;
  if (lower.find("lorem ipsum") != std::string_view::npos) found |= kLorem;
  if (lower.find("javascript") != std::string_view::npos) found |= kJavascript;
  if (line.find('{') != std::string_view::npos) found |= kCurly;
  // Every policy phrase contains "terms", "polic" or "cookies": look for those first.
  if (lower.find("terms") != std::string_view::npos ||
      lower.find("polic") != std::string_view::npos ||
      lower.find("cookies") != std::string_view::npos) {
    for (std::string_view phrase : kPolicyPhrases) {
      if (lower.find(phrase) != std::string_view::npos) found |= kPolicy;
    }
  }
  return found;
}

// What the C4 rules need of one line before citations are removed.
struct LineFacts {
  std::string_view trimmed;
  size_t words = 0;       // whitespace-separated
  size_t tokens = 0;      // words of the word splitter, starting on the line
  size_t non_symbol = 0;  // of them, not symbol words
  bool too_long = false;  // a whitespace-separated word longer than the limit
};

// Reads the facts of the line [begin, end) of the text from its words (AnalyzeWords), from
// words[*next] on. Words cover every non-space character of the text (they are separated by
// whitespace or touch), so a whitespace-separated word is a run of touching words, and the
// trimmed line runs from the first word's start to the last word's end.
LineFacts FactsFromWords(const char* begin, const char* end, const std::vector<Word>& words,
                         size_t limit, size_t* next) {
  LineFacts f;
  size_t k = *next;
  while (k < words.size() && words[k].text.data() < begin) ++k;
  const size_t first = k;
  const char* prev_end = nullptr;
  size_t run_chars = 0;
  for (; k < words.size() && words[k].text.data() < end; ++k) {
    const Word& w = words[k];
    // Whether a token starts a whitespace-separated word follows no pattern in prose
    // ("end." is two tokens, one word): counted without a branch.
    const bool starts_word = w.text.data() != prev_end;
    f.words += starts_word;
    run_chars = (starts_word ? 0 : run_chars) + w.chars;
    f.too_long = f.too_long || run_chars > limit;
    f.non_symbol += !w.symbol;
    prev_end = w.text.data() + w.text.size();
  }
  f.tokens = k - first;
  f.trimmed = f.tokens == 0 ? std::string_view(begin, 0)
                            : std::string_view(words[first].text.data(),
                                               static_cast<size_t>(prev_end - words[first].text.data()));
  *next = k;
  return f;
}

bool HasByteFromE0(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0xE0) return true;
  }
  return false;
}

}  // namespace

C4Outcome ApplyC4(std::string_view text, const C4Params& p, QualityScratch* s,
                  const std::vector<Word>* words_of_text) {
  C4Outcome outcome;
  // text.splitlines(): with the words of the text, Gopher quality may have split it already;
  // without them, nothing says the scratch's lines are this text's.
  if (words_of_text == nullptr) s->splitlines_of = {};
  const std::vector<std::string_view>& lines = SplitLinesOnce(text, s);
  std::string& out = s->c4_text;
  out.clear();
  size_t sentences = 0;
  size_t next_word = 0;  // in *words_of_text
  const double max_word = p.max_word_length ? *p.max_word_length : 1e300;
  // chars > max_word, for whole chars, is chars > floor(max_word) (capped to stay exact).
  // NaN compares false, as it does in the double comparison.
  const size_t limit = !(max_word < 1e18) ? SIZE_MAX
                       : max_word < 0     ? 0
                                          : static_cast<size_t>(max_word);
  const bool any_phrase_rule =
      p.filter_lorem_ipsum || p.filter_javascript || p.filter_curly_bracket || p.filter_policy;
  // With the words of the text, the phrases are found in one scan of the whole text.
  const bool scanned = words_of_text != nullptr && any_phrase_rule && ScanPhrases(text, s);
  size_t next_match = 0;  // in s->c4_matches
  for (std::string_view raw : lines) {
    LineFacts f;
    bool high = false;
    if (words_of_text != nullptr) {
      f = FactsFromWords(raw.data(), raw.data() + raw.size(), *words_of_text, limit, &next_word);
    } else {
      f.trimmed = TrimWhitespace(raw);
      f.words = WhitespaceWords(f.trimmed, limit, &f.too_long, &high);
    }
    unsigned phrases = 0;
    if (scanned) {  // matches ending on this line lie inside its trimmed part
      const size_t line_end = static_cast<size_t>(raw.data() + raw.size() - text.data());
      const auto& m = s->c4_matches;
      for (; next_match < m.size() && m[next_match].first <= line_end; ++next_match) {
        phrases |= m[next_match].second;
      }
    }
    std::string_view line = f.trimmed;
    if (f.too_long) {
      ++outcome.lines_removed;
      continue;
    }
    const bool cited = p.remove_citations && line.find('[') != std::string_view::npos;
    if (cited) {
      RemoveCitations(line, &s->c4_line);
      line = s->c4_line;
    }
    if (p.filter_no_terminal_punct &&
        (!EndsWithTerminalPunctuation(line) || line.ends_with("..."))) {
      ++outcome.lines_removed;
      continue;
    }
    if (p.min_words_per_line) {
      size_t words = f.words;
      // Scripts without spaces are counted with the word splitter (`high`: a character at
      // U+0800 or above, where they live, in the line before citations are removed).
      if (words_of_text != nullptr && !cited) {
        if (f.non_symbol > words && HasByteFromE0(f.trimmed)) words = f.non_symbol;
      } else {
        if (words_of_text != nullptr) high = HasByteFromE0(f.trimmed);
        if (high) words = std::max(words, s->splitter.Count(line).non_symbol);
      }
      if (static_cast<double>(words) < *p.min_words_per_line) {
        ++outcome.lines_removed;
        continue;
      }
    }
    if (any_phrase_rule && (!scanned || cited)) phrases = LinePhrases(line, &s->c4_lower);
    if (p.filter_lorem_ipsum && (phrases & kLorem) != 0) {
      outcome.hit = RuleHit{"c4_lorem_ipsum", "1"};
      return outcome;
    }
    if (p.filter_javascript && (phrases & kJavascript) != 0) {
      ++outcome.lines_removed;
      continue;
    }
    if (p.filter_curly_bracket && (phrases & kCurly) != 0) {
      outcome.hit = RuleHit{"c4_curly_bracket", "1"};
      return outcome;
    }
    if (p.filter_policy && (phrases & kPolicy) != 0) {
      ++outcome.lines_removed;
      continue;
    }
    // Only the comparison with min_sentences matters: stop counting once it is reached (the
    // count is reported only when it stays below).
    if (!p.min_sentences) {
      sentences += CountSentences(line);
    } else if (static_cast<double>(sentences) < *p.min_sentences) {
      const double missing = std::ceil(*p.min_sentences - static_cast<double>(sentences));
      sentences += CountSentences(line, missing < 1e15 ? static_cast<size_t>(missing) : SIZE_MAX);
    }
    if (words_of_text != nullptr) {
      // Citations removed: the words may differ; otherwise the words starting on the line.
      outcome.words += cited ? s->splitter.Count(line).words : f.tokens;
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

void QualityScratch::HsScratchDeleter::operator()(hs_scratch* scratch) const {
  hs_free_scratch(scratch);
}

}  // namespace ghirbal
