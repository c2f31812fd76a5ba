// The document quality rules of datatrove's Gopher, C4 and FineWeb filters, measured the way
// datatrove measures them (see text/words.h for words, lines and paragraphs):
//
//   gopher_quality.cc     GopherQualityFilter
//   gopher_repetition.cc  GopherRepetitionFilter (its latest definition: duplicate n-grams
//                         counted without the joining spaces, top n-grams with them)
//   c4_quality.cc         C4QualityFilter (line filtering; may change the text)
//   fineweb_quality.cc    FineWebQualityFilter
//
// Each check returns the first rule that fails as a RuleHit, whose `rule` is the reject
// reason ("gopher_min_words") and `value` the measured value as JSON ("12", "0.31").
// Ratios whose denominator is zero are not measured (the rule passes), where Python would
// divide by zero. N-grams, lines and paragraphs are compared by hashes (56 bits kept in the
// count table), so two different ones count as equal only on a collision (~2^-56 per pair).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "filter/quality_params.h"
#include "text/words.h"

struct hs_scratch;  // Hyperscan's per-thread scratch (hs/hs.h)

namespace ghirbal {

struct RuleHit {
  std::string rule;
  std::string value;  // JSON number
};
using RuleResult = std::optional<RuleHit>;

// Open-addressing table of 64-bit keys with a count and the index of the first insertion;
// reused across documents so that the hot path does not allocate.
class CountTable {
 public:
  struct Entry {
    uint64_t tag;  // high 56 bits of the key, low 8 bits the epoch (empty unless current)
    uint32_t count;
    uint32_t first;
  };
  // Empties the table (in O(1), by moving to a new epoch) and sizes it for `expected` keys.
  void Reset(size_t expected);
  // Finds or inserts `key` (inserted with count 0 and `first` = index). Keys are compared on
  // their high 56 bits.
  Entry& Find(uint64_t key, uint32_t index) { return slots_[FindSlot(key, index)]; }
  // The same, as a slot number, which stays valid until the next Reset.
  size_t FindSlot(uint64_t key, uint32_t index);
  Entry& slot(size_t i) { return slots_[i]; }

 private:
  std::vector<Entry> slots_;
  size_t mask_ = 0;
  uint64_t epoch_ = 0;  // 1..255
};

// Per-thread buffers for the rules.
struct QualityScratch {
  WordSplitter splitter;
  std::vector<Word> words;
  std::vector<uint64_t> word_hashes;
  std::vector<std::string_view> lines;
  std::vector<std::string_view> paragraphs;
  // text.splitlines() of the text `splitlines_of` (see SplitLinesOnce), which Gopher quality
  // and C4 both read; AnalyzeWords forgets it for each new text.
  std::vector<std::string_view> splitlines;
  std::string_view splitlines_of;
  CountTable table;
  std::vector<uint32_t> repeated_5grams;  // word positions whose 5-gram may occur twice or more
  std::vector<uint16_t> gram_counts;      // sketch of the 2-gram counts
  std::vector<uint64_t> seen_bits;        // sketches of the 5-grams seen once, twice
  std::vector<uint64_t> twice_bits;
  std::vector<uint32_t> gram_slots;       // per word position: its 5-gram's bit in them
  std::vector<uint64_t> walk_keys;        // n-gram hashes at the repeated_5grams positions
  std::string c4_text;    // C4's output text
  std::string c4_line;    // one line without citations
  std::string c4_lower;   // one line in ASCII lower case
  // C4's phrase scan: Hyperscan scratch (made on first use) and (end offset, phrase) matches.
  struct HsScratchDeleter {
    void operator()(hs_scratch* scratch) const;
  };
  std::unique_ptr<hs_scratch, HsScratchDeleter> c4_hs;
  std::vector<std::pair<size_t, unsigned>> c4_matches;
};

// Fills scratch->words (and word_hashes) for `text`.
void AnalyzeWords(std::string_view text, QualityScratch* scratch);

// The checks read the words of `text` from scratch->words (AnalyzeWords first).
RuleResult CheckGopherQuality(std::string_view text, const GopherQualityParams& params,
                              QualityScratch* scratch);
RuleResult CheckGopherRepetition(std::string_view text, const GopherRepetitionParams& params,
                                 QualityScratch* scratch);
RuleResult CheckFineWeb(std::string_view text, const FineWebParams& params,
                        QualityScratch* scratch);
// The same with the number of words of `text` given (scratch->words is not read).
RuleResult CheckFineWeb(std::string_view text, const FineWebParams& params, size_t words,
                        QualityScratch* scratch);

// C4 filters lines, then judges the document; it needs no words.
struct C4Outcome {
  RuleResult hit;            // document rejected
  bool changed = false;      // scratch->c4_text holds the new text
  size_t lines_removed = 0;
  size_t words = 0;          // words of the output text, when asked for (see ApplyC4)
};
// With `words_of_text` (the words of `text`, as AnalyzeWords left them in the scratch),
// outcome.words is the number of words of the output text, mostly worked out from those
// words instead of splitting the output again (lines are kept whole or not at all, and no
// word crosses a line); the lines are then measured from those words too (trimmed ends,
// whitespace-separated words) and C4's phrases found with one Hyperscan scan of the text.
// Without them every line is decoded and searched on its own; both give the same outcome.
C4Outcome ApplyC4(std::string_view text, const C4Params& params, QualityScratch* scratch,
                  const std::vector<Word>* words_of_text = nullptr);

// Lines as Python's str.splitlines() gives them for '\n'-separated text: split on '\n', no
// empty last line after a final newline, a trailing '\r' dropped.
void SplitLinesForGopher(std::string_view text, std::vector<std::string_view>* out);
// The same in scratch->splitlines, split only when they do not already hold `text`'s lines
// (for callers that ran AnalyzeWords on `text`, which starts each text afresh).
const std::vector<std::string_view>& SplitLinesOnce(std::string_view text, QualityScratch* scratch);

// Gopher repetition's lines and paragraphs in one pass: lines as re.split("\n+", text) (runs
// of newlines separate; an empty line only at either end) and, when `paragraphs` is given,
// paragraphs as SplitParagraphs (text/words.h) makes them.
void SplitLineRuns(std::string_view text, std::vector<std::string_view>* lines,
                   std::vector<std::string_view>* paragraphs);

// JSON text of a measured value.
std::string JsonValue(double v);

}  // namespace ghirbal
