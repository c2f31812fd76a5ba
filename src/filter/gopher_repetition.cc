// Gopher repetition rules (Rae et al. 2021, table A1), as datatrove's GopherRepetitionFilter.
#include <algorithm>
#include <bit>
#include <cstdint>

#include "core/target_clones.h"
#include "filter/quality_rules.h"
#include "filter/text_hash.h"

namespace ghirbal {
namespace {

// Multiplier of the polynomial rolling hash over word hashes (odd, so invertible mod 2^64).
constexpr uint64_t kBase = 0x9E3779B97F4A7C15ull;

// Duplicate elements and their characters, as datatrove's find_duplicates.
// `items` lie in a buffer readable up to `limit`.
std::pair<size_t, size_t> FindDuplicates(const std::vector<std::string_view>& items,
                                         const char* limit, CountTable* table) {
  table->Reset(items.size());
  size_t dup = 0, dup_chars = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    CountTable::Entry& e = table->Find(HashTextIn(items[i], limit), static_cast<uint32_t>(i));
    if (e.count++ > 0) {
      ++dup;
      dup_chars += CountCodePoints(items[i]);
    }
  }
  return {dup, dup_chars};
}

// Hashes of the n-grams starting at each word, rolling: H(i) = sum wh[i+k] * B^(n-1-k).
// The word hashes are uniformly mixed 64-bit values, so H is too (its high bits, which the
// count table uses for slots and tags, included) and needs no finalizer.
template <typename Visit>
void ForEachNgram(const std::vector<uint64_t>& wh, size_t n, Visit visit) {
  if (wh.size() < n) return;
  uint64_t top = 1;  // B^(n-1)
  for (size_t k = 1; k < n; ++k) top *= kBase;
  uint64_t h = 0;
  for (size_t k = 0; k < n; ++k) h = h * kBase + wh[k];
  for (size_t i = 0;; ++i) {
    if (!visit(i, h)) return;
    if (i + n >= wh.size()) return;
    h = (h - wh[i] * top) * kBase + wh[i + n];
  }
}

RuleHit Hit(std::string rule, double value) { return {std::move(rule), JsonValue(value)}; }

// Hashes of the 2-gram and the 5-gram at word i for the sketches below: computed on their own
// for each i (no chain of multiplications from one position to the next, as the rolling hash
// has), from the word hashes, uniformly mixed 64-bit values whose high bits stay so.
inline uint64_t SketchHash2(const std::vector<uint64_t>& wh, size_t i) {
  return wh[i] * kBase + wh[i + 1];
}
inline uint64_t SketchHash5(const std::vector<uint64_t>& wh, size_t i) {
  return wh[i] ^ std::rotl(wh[i + 1], 13) ^ std::rotl(wh[i + 2], 26) ^ std::rotl(wh[i + 3], 39) ^
         std::rotl(wh[i + 4], 52);
}

// Slots of a sketch of at least `per_item` * `items` slots, a power of two: the shift that
// takes a 64-bit hash to a slot number.
int SketchShift(size_t items, size_t per_item) {
  return 64 - std::bit_width(std::max<size_t>(items * per_item, 64) - 1);
}

// What the n-gram rules learn from a pass or two over the word hashes, with tables of
// counters and bits addressed by hash and holding no keys, branch-free where the exact count
// table's probes mispredict on every other n-gram:
//   - upper bounds of the top 2-, 3- and 4-gram measures (count times characters with the
//     joining spaces, before dividing by the text's length), from a count of the 2-grams:
//     2-grams sharing a counter add up, and an n-gram occurs at most as often as the 2-gram
//     it starts with, so at the last occurrence of any n-gram (n = 2..4) the counter of its
//     2-gram, just incremented, is at least the n-gram's count;
//   - the word positions whose 5-gram may occur twice or more (`repeated`): all those whose
//     5-gram does, and about one in 32 of the others (their hash shares a bit with another
//     5-gram's), from two bit sets, seen and seen twice.
struct NgramSketch {
  uint64_t top_bound[3] = {UINT64_MAX, UINT64_MAX, UINT64_MAX};  // UINT64_MAX: unknown
};

NgramSketch SketchNgrams(const std::vector<Word>& words, const std::vector<uint64_t>& wh,
                         bool top, bool dup, QualityScratch* s, std::vector<uint32_t>* repeated) {
  NgramSketch out;
  repeated->clear();
  const size_t w = wh.size();
  top = top && w >= 2 && w <= UINT16_MAX;  // 16-bit counters cannot overflow
  dup = dup && w >= 5;
  if (top) {
    const int shift = SketchShift(w - 1, 4);
    s->gram_counts.assign(size_t{1} << (64 - shift), 0);
    uint16_t* counts = s->gram_counts.data();
    uint64_t b2 = 0, b3 = 0, b4 = 0;
    size_t i = 0;
    if (w >= 4) {
      // The lengths of words i..i+3 slide along in registers.
      uint64_t c0 = words[0].chars, c1 = words[1].chars, c2 = words[2].chars;
      for (; i + 3 < w; ++i) {
        const uint64_t c3 = words[i + 3].chars;
        const uint64_t count = ++counts[SketchHash2(wh, i) >> shift];
        const uint64_t chars2 = c0 + c1 + 1;
        const uint64_t chars3 = chars2 + c2 + 1;
        b2 = std::max(b2, count * chars2);
        b3 = std::max(b3, count * chars3);
        b4 = std::max(b4, count * (chars3 + c3 + 1));
        c0 = c1;
        c1 = c2;
        c2 = c3;
      }
    }
    for (; i + 1 < w; ++i) {  // the last two or three 2-grams
      const uint64_t count = ++counts[SketchHash2(wh, i) >> shift];
      const uint64_t chars2 = words[i].chars + words[i + 1].chars + 1;
      b2 = std::max(b2, count * chars2);
      if (i + 2 < w) b3 = std::max(b3, count * (chars2 + words[i + 2].chars + 1));
    }
    out.top_bound[0] = b2;
    out.top_bound[1] = b3;
    out.top_bound[2] = b4;
  }
  if (dup) {
    const int shift = SketchShift(w - 4, 32);
    const size_t set_words = (size_t{1} << (64 - shift)) / 64;
    s->seen_bits.assign(set_words, 0);
    s->twice_bits.assign(set_words, 0);
    uint64_t* seen = s->seen_bits.data();
    uint64_t* twice = s->twice_bits.data();
    s->gram_slots.resize(w - 4);
    uint32_t* slots = s->gram_slots.data();  // each position's slot, for the second pass
    uint64_t any_twice = 0;
    for (size_t i = 0; i + 4 < w; ++i) {
      const uint64_t slot = SketchHash5(wh, i) >> shift;
      slots[i] = static_cast<uint32_t>(slot);
      const uint64_t bit = uint64_t{1} << (slot & 63);
      const uint64_t again = seen[slot >> 6] & bit;
      twice[slot >> 6] |= again;
      any_twice |= again;
      seen[slot >> 6] |= bit;
    }
    for (size_t i = 0; any_twice && i + 4 < w; ++i) {
      if ((twice[slots[i] >> 6] >> (slots[i] & 63)) & 1) {
        repeated->push_back(static_cast<uint32_t>(i));
      }
    }
  }
  return out;
}

}  // namespace

void SplitLineRuns(std::string_view text, std::vector<std::string_view>* lines,
                   std::vector<std::string_view>* paragraphs) {
  lines->clear();
  if (paragraphs != nullptr) paragraphs->clear();
  // Paragraphs lie in the text stripped of white space at both ends; a run of newlines is
  // either inside that part or outside it.
  const std::string_view trimmed = TrimWhitespace(text);
  const size_t inside_begin = static_cast<size_t>(trimmed.data() - text.data());
  const size_t inside_end = inside_begin + trimmed.size();
  size_t line_start = 0, paragraph_start = inside_begin;
  for (size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', line_start)) {
    size_t run_end = i + 1;
    while (run_end < text.size() && text[run_end] == '\n') ++run_end;
    lines->push_back(text.substr(line_start, i - line_start));
    line_start = run_end;
    if (paragraphs != nullptr && run_end - i >= 2 && i >= inside_begin && run_end <= inside_end) {
      paragraphs->push_back(text.substr(paragraph_start, i - paragraph_start));
      paragraph_start = run_end;
    }
  }
  lines->push_back(text.substr(line_start));
  if (paragraphs != nullptr) {
    paragraphs->push_back(text.substr(paragraph_start, inside_end - paragraph_start));
  }
}

void CountTable::Reset(size_t expected) {
  size_t cap = 16;
  while (cap < expected * 2) cap <<= 1;
  if (slots_.size() < cap || ++epoch_ > 0xFF) {  // grow, or epochs used up: clear
    slots_.assign(std::max(cap, slots_.size()), Entry{0, 0, 0});
    epoch_ = 1;
  }
  // Use only the first `cap` slots, so small documents touch little memory.
  mask_ = cap - 1;
}

size_t CountTable::FindSlot(uint64_t key, uint32_t index) {
  const uint64_t tag = (key & ~uint64_t{0xFF}) | epoch_;
  size_t slot = (key >> 8) & mask_;
  while (true) {
    Entry& e = slots_[slot];
    if ((e.tag & 0xFF) != epoch_) {
      e = Entry{tag, 0, index};
      return slot;
    }
    if (e.tag == tag) return slot;
    slot = (slot + 1) & mask_;
  }
}

GHIRBAL_TARGET_CLONES RuleResult CheckGopherRepetition(std::string_view text,
                                                       const GopherRepetitionParams& p,
                                                       QualityScratch* s) {
  const size_t text_chars = CountCodePoints(text);
  if (text_chars == 0) return std::nullopt;
  const double len = static_cast<double>(text_chars);
  const char* text_end = text.data() + text.size();

  const bool paragraph_rules = p.dup_para_frac || p.dup_para_char_frac;
  const bool line_rules = p.dup_line_frac || p.dup_line_char_frac;
  if (paragraph_rules || line_rules) {
    SplitLineRuns(text, &s->lines, paragraph_rules ? &s->paragraphs : nullptr);
  }
  if (paragraph_rules) {
    auto [dup, dup_chars] = FindDuplicates(s->paragraphs, text_end, &s->table);
    double frac = static_cast<double>(dup) / static_cast<double>(s->paragraphs.size());
    if (p.dup_para_frac && frac > *p.dup_para_frac) return Hit("gopher_dup_para_frac", frac);
    double char_frac = static_cast<double>(dup_chars) / len;
    if (p.dup_para_char_frac && char_frac > *p.dup_para_char_frac) {
      return Hit("gopher_dup_para_char_frac", char_frac);
    }
  }
  if (line_rules) {
    auto [dup, dup_chars] = FindDuplicates(s->lines, text_end, &s->table);
    double frac = static_cast<double>(dup) / static_cast<double>(s->lines.size());
    if (p.dup_line_frac && frac > *p.dup_line_frac) return Hit("gopher_dup_line_frac", frac);
    double char_frac = static_cast<double>(dup_chars) / len;
    if (p.dup_line_char_frac && char_frac > *p.dup_line_char_frac) {
      return Hit("gopher_dup_line_char_frac", char_frac);
    }
  }

  const std::vector<Word>& words = s->words;
  const std::vector<uint64_t>& wh = s->word_hashes;
  // Top n-gram: the most frequent n-gram (ties: the first seen), its length with the joining
  // spaces times its count.
  // Most texts are far below the limits, which the sketch's bounds show; only when they
  // cannot is an n-gram counted exactly.
  std::vector<uint32_t>& repeated = s->repeated_5grams;
  const NgramSketch sketch = SketchNgrams(
      words, wh, p.top_ngram_frac[0] || p.top_ngram_frac[1] || p.top_ngram_frac[2],
      std::any_of(p.dup_ngram_frac.begin(), p.dup_ngram_frac.end(),
                  [](const Threshold& t) { return t.has_value(); }),
      s, &repeated);
  // An n-gram occurs at most as often as its (n-1)-gram prefix, so once some top count is
  // known, count * (longest n-gram) bounds the measure; when the bound cannot exceed the limit
  // the table pass is skipped (the decision is the same).
  // The longest n-gram is itself bounded by n times the longest word, which is checked first.
  uint32_t count_bound = UINT32_MAX;
  size_t longest_word = 0;
  for (size_t n = 2; n <= 4; ++n) {
    const Threshold& limit = p.top_ngram_frac[n - 2];
    if (!limit || words.size() < n) continue;
    if (static_cast<double>(sketch.top_bound[n - 2]) / len <= *limit) continue;
    if (count_bound != UINT32_MAX) {
      if (longest_word == 0) {
        for (const Word& w : words) longest_word = std::max<size_t>(longest_word, w.chars);
      }
      if (static_cast<double>(n * longest_word + n - 1) * count_bound / len <= *limit) continue;
      size_t window = 0, longest = 0;
      for (size_t i = 0; i < words.size(); ++i) {
        window += words[i].chars;
        if (i >= n) window -= words[i - n].chars;
        if (i + 1 >= n) longest = std::max(longest, window);
      }
      if (static_cast<double>(longest + n - 1) * count_bound / len <= *limit) continue;
    }
    s->table.Reset(words.size());
    uint32_t best_count = 0, best_first = 0;
    ForEachNgram(wh, n, [&](size_t i, uint64_t key) {
      CountTable::Entry& e = s->table.Find(key, static_cast<uint32_t>(i));
      ++e.count;
      if (e.count > best_count || (e.count == best_count && e.first < best_first)) {
        best_count = e.count;
        best_first = e.first;
      }
      return true;
    });
    count_bound = best_count;
    size_t gram_chars = n - 1;
    for (size_t k = 0; k < n; ++k) gram_chars += words[best_first + k].chars;
    double frac = static_cast<double>(gram_chars) * best_count / len;
    if (frac > *limit) return Hit("gopher_top_" + std::to_string(n) + "gram_frac", frac);
  }
  // Duplicated n-grams: walking left to right, a repeated n-gram adds its characters (without
  // spaces) and the walk jumps past it, so overlapping repeats are not counted twice.
  // Only an n-gram that occurs twice in the document can ever be found in the walk's set, and
  // an n-gram (n >= 5) that occurs twice starts with a 5-gram that does. So a sketch of the
  // 5-grams marks the positions that may matter (SketchNgrams); elsewhere a walk only
  // steps on (what it would add to the set is never looked up again, which holds for the few
  // positions marked in excess too), and the set holds the marked positions' n-grams only.
  // A repeated n-gram contains a repeated (n-1)-gram: once a length has no repeats, no longer
  // one has.
  // keys[j]: the hash of the `keys_n`-gram at repeated[j] (as ForEachNgram computes it),
  // extended by one word per length.
  bool repeats_possible = !repeated.empty();
  std::vector<uint64_t>& keys = s->walk_keys;
  keys.assign(repeated.size(), 0);
  size_t keys_n = 0;
  for (size_t n = 5; n <= 10 && repeats_possible; ++n) {
    const Threshold& limit = p.dup_ngram_frac[n - 5];
    if (!limit || words.size() < n) continue;
    for (; keys_n < n; ++keys_n) {
      for (size_t j = 0; j < repeated.size() && repeated[j] + keys_n < wh.size(); ++j) {
        keys[j] = keys[j] * kBase + wh[repeated[j] + keys_n];
      }
    }
    s->table.Reset(repeated.size());
    size_t repeated_chars = 0;
    size_t skip_until = 0;  // the walk jumps past a repeat
    for (size_t j = 0; j < repeated.size(); ++j) {
      const uint32_t i = repeated[j];
      if (i + n > words.size()) break;
      if (i < skip_until) continue;
      if (s->table.Find(keys[j], i).count++ > 0) {
        for (size_t k = 0; k < n; ++k) repeated_chars += words[i + k].chars;
        skip_until = i + n;
      }
    }
    repeats_possible = repeated_chars > 0;
    double frac = static_cast<double>(repeated_chars) / len;
    if (frac > *limit) return Hit("gopher_dup_" + std::to_string(n) + "gram_frac", frac);
  }
  return std::nullopt;
}

}  // namespace ghirbal
