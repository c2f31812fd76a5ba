// PhraseMatcher: finds boilerplate phrases (cookie notices, "all rights reserved", "اقرأ أيضا")
// in lines of text, tolerant of case, punctuation, spacing and Arabic spelling variants.
//
// Both the phrases and the lines are first reduced by NormalizeForMatch, so "I agree.",
// "i  agree" and "I AGREE!" are the same line, and "استخدامنا ، لملفات" matches a phrase
// written "استخدامنا لملفات". Substring phrases are matched with one Hyperscan literal
// database (all phrases of all languages in one scan); whole-line phrases with a hash set.
// A substring phrase that begins with an ASCII letter or digit must begin a word ("sign up
// now" is not in "redesign up now"); other phrases match anywhere (after an Arabic
// proclitic: "وبيان"), and none has to end a word ("cookie" is in "cookies").
//
// Phrase files are UTF-8 text, one phrase per line, '#' starts a comment, and a line
// "[kind]" switches the kind of the phrases that follow (see PhraseKind). Thread-safety: a
// built PhraseMatcher is immutable and shared; each thread needs its own Scratch.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace ghirbal {

// Reduces `in` for matching into `out` (cleared first): letters lower-cased (simple case
// mapping), combining marks, tatweel and format characters (ZWNJ) dropped, Arabic letter
// variants folded (أ إ آ ٱ -> ا, ى ی -> ي, ة -> ه, ک -> ك), every run of spaces, punctuation
// and symbols turned into one ' ', and no space at either end.
void NormalizeForMatch(std::string_view in, std::string* out);
// The same, appended to `out` (which is not cleared).
void AppendNormalizedForMatch(std::string_view in, std::string* out);

// What a phrase says about a line that contains it. Bit flags: a line collects all kinds.
enum PhraseKind : uint32_t {
  kPhraseNotice = 1u << 0,    // [notice]: a consent/cookie/privacy notice (heading or body)
  kPhraseVocab = 1u << 1,     // [vocab]: notice vocabulary; a body line only inside a notice block
  kPhraseShort = 1u << 2,     // [phrase]: boilerplate when the line is short ("all rights reserved")
  kPhraseAnywhere = 1u << 3,  // [anywhere]: boilerplate at any line length ("lorem ipsum")
  kPhraseButton = 1u << 4,    // [button]: whole line; removed next to a notice ("I agree")
  kPhraseLine = 1u << 5,      // [line]: whole line; always boilerplate ("Read also", "Share")
};

struct Phrase {
  std::string text;  // normalized
  PhraseKind kind = kPhraseShort;
};

// Parses a phrase file's text; `where` names it in errors. Phrases before any "[kind]" line
// are of kind [phrase]. Unknown kinds are errors.
Status ParsePhrases(std::string_view text, std::string_view where, std::vector<Phrase>* out);
// Reads and parses one phrase file.
Status LoadPhraseFile(const std::string& path, std::vector<Phrase>* out);

class PhraseMatcher {
 public:
  class Scratch;  // per-thread Hyperscan scratch

  static Result<std::unique_ptr<PhraseMatcher>> Build(const std::vector<Phrase>& phrases);
  ~PhraseMatcher();

  std::unique_ptr<Scratch> NewScratch() const;
  // All kinds matched by an already normalized line: whole-line kinds when the line equals a
  // phrase, substring kinds when it contains one. 0 when nothing matches.
  uint32_t Match(std::string_view normalized, Scratch* scratch) const;

  // The two halves of Match, for many lines at once:
  // the whole-line kinds of one normalized line,
  uint32_t MatchWholeLine(std::string_view normalized) const;
  // the same for a line that was not normalized, normalizing no more of it than it must (a
  // line with more letters than the longest whole-line phrase is none): `normalized` receives
  // the line's normalized text when the result is not 0,
  uint32_t MatchWholeRawLine(std::string_view line, std::string* normalized) const;
  // and the substring phrases found in `lines`, normalized lines each followed by '\n' (no
  // phrase contains one, so no match crosses lines): `on_match(end, kind)` for every
  // occurrence, `end` the offset just past it. One scan for a whole document costs less than
  // one per line. With `anywhere_only`, only [anywhere] phrases are looked for (a smaller
  // database: for long lines, where no other substring kind counts).
  template <typename OnMatch>
  void ScanSubstrings(std::string_view lines, Scratch* scratch, OnMatch&& on_match,
                      bool anywhere_only = false) const {
    using Callback = std::remove_reference_t<OnMatch>;
    ScanSubstringsImpl(lines, scratch, anywhere_only, &CallOnMatch<Callback>, &on_match);
  }

  // The raw-text prefilter: one scan of text that was not normalized (a whole document) for
  // every place a substring phrase may come from. `on_hit(end)` is called for each hit, `end`
  // the offset just past it; no hit crosses a '\n'. A line without a hit and without a
  // character the normalizer drops (HasDroppedCharacter) normalizes to text that contains no
  // substring phrase (for phrases as ParsePhrases makes them). Returns false when the scan
  // could not run (text over 4 GiB, no Hyperscan scratch): then every line may hold one,
  // whatever was reported.
  template <typename OnHit>
  bool ScanRaw(std::string_view text, Scratch* scratch, OnHit&& on_hit) const {
    auto call = [&on_hit](size_t end, uint32_t) { on_hit(end); };
    return ScanRawImpl(text, scratch, &CallOnMatch<decltype(call)>, &call);
  }

  // True when NormalizeForMatch would drop a character of `text` (a mark, tatweel, ZWNJ...):
  // such a character may split a phrase's anchor in the raw text.
  static bool HasDroppedCharacter(std::string_view text);

  size_t size() const { return phrase_count_; }

 private:
  PhraseMatcher() = default;
  template <typename Callback>
  static void CallOnMatch(void* ctx, size_t end, uint32_t kind) {
    (*static_cast<Callback*>(ctx))(end, kind);
  }
  void ScanSubstringsImpl(std::string_view lines, Scratch* scratch, bool anywhere_only,
                          void (*call)(void*, size_t, uint32_t), void* ctx) const;
  bool ScanRawImpl(std::string_view text, Scratch* scratch,
                   void (*call)(void*, size_t, uint32_t), void* ctx) const;
  struct Database;
  std::unique_ptr<Database> db_;  // null when there are no substring phrases
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> whole_lines_;
  size_t longest_whole_line_ = 0;
  size_t phrase_count_ = 0;
};

class PhraseMatcher::Scratch {
 public:
  ~Scratch();

 private:
  friend class PhraseMatcher;
  void* hs_scratch_ = nullptr;
};

}  // namespace ghirbal
