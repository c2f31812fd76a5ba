#include "filter/phrase_matcher.h"

#include <hs/hs.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <fstream>
#include <sstream>

#include "core/check.h"
#include "core/utf8.h"
#include "text/words.h"

namespace ghirbal {
namespace {

// Arabic-script letters folded so that common spelling variants match.
char32_t FoldLetter(char32_t cp) {
  switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627;  // alef forms
    case 0x0649: case 0x06CC: return 0x064A;                            // yeh forms
    case 0x0629: return 0x0647;                                         // teh marbuta
    case 0x06A9: return 0x0643;                                         // keheh
    case 0x0640: return 0;                                              // tatweel
    default: return cp;
  }
}

std::string_view StripComment(std::string_view line) {
  size_t hash = line.find('#');
  return hash == std::string_view::npos ? line : line.substr(0, hash);
}

}  // namespace

namespace {

// What NormalizeForMatch makes of a code point: a letter or digit lower-cased and folded,
// kDrop for characters that vanish (marks, tatweel), kSeparator for the rest (spaces,
// punctuation, symbols).
constexpr char32_t kDrop = 0;
constexpr char32_t kSeparator = 0xFFFFFFFF;

inline char32_t NormalizeCodePoint(char32_t cp, CharClass cls) {
  if (cls == CharClass::kMark) return kDrop;
  if (cls != CharClass::kLetter && cls != CharClass::kNumber) return kSeparator;
  return FoldLetter(static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))));
}

inline char* PutUtf8(char* p, char32_t cp) {
  if (cp < 0x80) {
    *p++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *p++ = static_cast<char>(0xC0 | (cp >> 6));
    *p++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *p++ = static_cast<char>(0xE0 | (cp >> 12));
    *p++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *p++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *p++ = static_cast<char>(0xF0 | (cp >> 18));
    *p++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *p++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *p++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return p;
}

// The output of U+0000..U+07FF as ready-made UTF-8, built once before main() so the common
// scripts never call ICU and never branch on the output length: the low three bytes are the
// UTF-8 bytes (little-endian, written with one 4-byte store), the high byte their count,
// kDropEntry and kSeparatorEntry mark the other two outcomes. Every folded code point below
// U+0800 stays below U+10000, so three bytes suffice.
constexpr uint32_t kDropEntry = 0;
constexpr uint32_t kSeparatorEntry = 0xFF000000u;
uint32_t kLowNorm[0x800];
[[maybe_unused]] const bool kLowNormReady = [] {
  for (char32_t cp = 0; cp < 0x800; ++cp) {
    // ASCII as words.h classifies it (letters and digits; no marks); ClassifyCodePointSlow
    // does not depend on other static tables.
    const CharClass cls = cp >= 0x80 ? ClassifyCodePointSlow(cp)
                          : ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? CharClass::kLetter
                          : (cp >= '0' && cp <= '9')                   ? CharClass::kNumber
                                                                       : CharClass::kPunct;
    const char32_t out = NormalizeCodePoint(cp, cls);
    if (out == kDrop) {
      kLowNorm[cp] = kDropEntry;
    } else if (out == kSeparator) {
      kLowNorm[cp] = kSeparatorEntry;
    } else {
      char bytes[4] = {};
      const size_t len = static_cast<size_t>(PutUtf8(bytes, out) - bytes);
      GHIRBAL_CHECK(len <= 3);
      uint32_t packed = 0;
      std::memcpy(&packed, bytes, 3);
      kLowNorm[cp] = packed | static_cast<uint32_t>(len) << 24;
    }
  }
  return true;
}();

#ifdef __SSE2__
// Fast path for 16 bytes of plain ASCII words: when they are all letters, digits and single
// spaces, neither starting nor ending with a space, their normalization is their lower case
// (after the pending space, if any). Writes it at *p and returns true; false otherwise.
inline bool NormalizeAsciiChunk(const unsigned char* in, char** p, size_t* pending_space) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
  auto in_range = [&](char low, char span) {  // low <= byte <= low + span
    const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8(low));
    return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(span)), d);
  };
  const __m128i upper = in_range('A', 25);
  const __m128i space = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
  const __m128i ok = _mm_or_si128(_mm_or_si128(in_range('a', 25), upper),
                                  _mm_or_si128(in_range('0', 9), space));
  if (_mm_movemask_epi8(ok) != 0xFFFF) return false;
  const unsigned spaces = static_cast<unsigned>(_mm_movemask_epi8(space));
  if ((spaces & 0x8001u) != 0 || (spaces & (spaces >> 1)) != 0) return false;
  **p = ' ';
  *p += *pending_space;
  *pending_space = 0;
  const __m128i lower = _mm_add_epi8(v, _mm_and_si128(upper, _mm_set1_epi8(32)));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(*p), lower);
  *p += 16;
  return true;
}
#endif

}  // namespace

void NormalizeForMatch(std::string_view in, std::string* out) {
  out->clear();
  AppendNormalizedForMatch(in, out);
}

void AppendNormalizedForMatch(std::string_view in, std::string* out) {
  // Every input code point of k bytes gives at most one space and one output code point, at
  // most 2k bytes in all; the fast path below also stores 4 bytes where it keeps fewer.
  // After c input bytes at most 2c bytes are out, so 2 * size + 4 bytes always suffice
  // (the ASCII chunk path writes 17 bytes for 16).
  const size_t old_size = out->size();
  out->resize(old_size + in.size() * 2 + 4);
  char* const begin = out->data() + old_size;
  char* p = begin;
  // 1 when a separator was seen since the last output character (and one is out already).
  size_t pending_space = 0;
  const unsigned char* s = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  size_t scalar_until = 0;  // after a chunk failed the fast path, its bytes go one by one
  while (i < n) {
#ifdef __SSE2__
    if (i >= scalar_until && i + 16 <= n) {
      if (NormalizeAsciiChunk(s + i, &p, &pending_space)) {
        i += 16;
        continue;
      }
      scalar_until = i + 16;
    }
#endif
    const unsigned char c = s[i];
    uint32_t entry;
    if (c < 0x80) {
      entry = kLowNorm[c];
      ++i;
    } else if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      entry = kLowNorm[((c & 0x1F) << 6) | (s[i + 1] & 0x3F)];  // Arabic, Cyrillic...
      i += 2;
      // The rest of a run of two-byte letters (an Arabic word) goes out here; the character
      // that ends the run is handled below.
      while (entry != kDropEntry && entry != kSeparatorEntry && i + 1 < n && s[i] >= 0xC2 &&
             s[i] < 0xE0 && (s[i + 1] & 0xC0) == 0x80) {
        *p = ' ';
        p += pending_space;
        pending_space = 0;
        std::memcpy(p, &entry, 4);
        p += entry >> 24;
        entry = kLowNorm[((s[i] & 0x1F) << 6) | (s[i + 1] & 0x3F)];
        i += 2;
      }
    } else {  // three- and four-byte characters, and ill-formed bytes
      char32_t cp;
      size_t len = DecodeUtf8(in.data() + i, n - i, &cp);
      i += len == 0 ? 1 : len;
      if (cp < 0x800) {
        entry = kLowNorm[cp];
      } else {
        const char32_t folded = NormalizeCodePoint(cp, ClassifyCodePoint(cp));
        if (folded == kDrop) continue;
        if (folded == kSeparator) {
          pending_space = p != begin;
          continue;
        }
        *p = ' ';
        p += pending_space;
        pending_space = 0;
        p = PutUtf8(p, folded);
        continue;
      }
    }
    if (entry == kDropEntry) continue;  // diacritics, ZWNJ, tatweel: invisible for matching
    if (entry == kSeparatorEntry) {
      pending_space = p != begin;
      continue;
    }
    *p = ' ';
    p += pending_space;
    pending_space = 0;
    std::memcpy(p, &entry, 4);  // the high byte is overwritten by the next character
    p += entry >> 24;
  }
  out->resize(old_size + static_cast<size_t>(p - begin));
}

Status ParsePhrases(std::string_view text, std::string_view where, std::vector<Phrase>* out) {
  PhraseKind kind = kPhraseShort;
  size_t line_no = 0;
  std::string normalized;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = TrimWhitespace(StripComment(text.substr(start, nl - start)));
    start = nl + 1;
    ++line_no;
    if (line.empty()) continue;
    if (line.front() == '[' && line.back() == ']') {
      std::string_view name = line.substr(1, line.size() - 2);
      if (name == "notice") kind = kPhraseNotice;
      else if (name == "vocab") kind = kPhraseVocab;
      else if (name == "phrase") kind = kPhraseShort;
      else if (name == "anywhere") kind = kPhraseAnywhere;
      else if (name == "button") kind = kPhraseButton;
      else if (name == "line") kind = kPhraseLine;
      else {
        return Status::InvalidArgument(std::string(where) + ":" + std::to_string(line_no) +
                                       ": unknown phrase kind [" + std::string(name) + "]");
      }
      continue;
    }
    NormalizeForMatch(line, &normalized);
    if (normalized.empty()) continue;  // only punctuation: nothing to match
    out->push_back({normalized, kind});
  }
  return Status::Ok();
}

Status LoadPhraseFile(const std::string& path, std::vector<Phrase>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open phrase file " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Status::IoError("cannot read phrase file " + path);
  return ParsePhrases(buf.str(), path, out);
}

struct PhraseMatcher::Database {
  hs_database_t* db = nullptr;           // every substring phrase
  hs_database_t* anywhere_db = nullptr;  // only the [anywhere] ones (null when none)
  hs_scratch_t* prototype = nullptr;     // scratch for both
  ~Database() {
    if (prototype != nullptr) hs_free_scratch(prototype);
    if (anywhere_db != nullptr) hs_free_database(anywhere_db);
    if (db != nullptr) hs_free_database(db);
  }
};

PhraseMatcher::~PhraseMatcher() = default;

PhraseMatcher::Scratch::~Scratch() {
  if (hs_scratch_ != nullptr) hs_free_scratch(static_cast<hs_scratch_t*>(hs_scratch_));
}

Result<std::unique_ptr<PhraseMatcher>> PhraseMatcher::Build(const std::vector<Phrase>& phrases) {
  std::unique_ptr<PhraseMatcher> m(new PhraseMatcher());
  m->phrase_count_ = phrases.size();
  std::vector<const Phrase*> substrings;
  for (const Phrase& p : phrases) {
    if (p.text.empty()) continue;
    if (p.kind == kPhraseButton || p.kind == kPhraseLine) {
      m->whole_lines_[p.text] |= p.kind;
      m->longest_whole_line_ = std::max(m->longest_whole_line_, p.text.size());
      continue;
    }
    substrings.push_back(&p);
  }
  if (substrings.empty()) return m;
  if (hs_valid_platform() != HS_SUCCESS) {
    return Status::Unsupported("Hyperscan needs a CPU with SSSE3");
  }
  // One literal database of the phrases whose kind is in `kinds`; null when there are none.
  auto compile = [&](uint32_t kinds, hs_database_t** out) -> Status {
    std::vector<const char*> exprs;
    std::vector<size_t> lens;
    std::vector<unsigned> flags;
    std::vector<unsigned> ids;
    for (const Phrase* p : substrings) {
      if ((p->kind & kinds) == 0) continue;
      exprs.push_back(p->text.c_str());
      lens.push_back(p->text.size());
      flags.push_back(0);  // every occurrence: a scan may cover many lines
      ids.push_back(p->kind);
    }
    if (exprs.empty()) return Status::Ok();
    hs_compile_error_t* error = nullptr;
    if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                             static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, out,
                             &error) != HS_SUCCESS) {
      std::string msg = "cannot compile boilerplate phrases: ";
      msg += error != nullptr && error->message != nullptr ? error->message : "unknown error";
      hs_free_compile_error(error);
      return Status::InvalidArgument(msg);
    }
    if (hs_alloc_scratch(*out, &m->db_->prototype) != HS_SUCCESS) {
      return Status::IoError("cannot allocate Hyperscan scratch");
    }
    return Status::Ok();
  };
  m->db_ = std::make_unique<Database>();
  GHIRBAL_RETURN_IF_ERROR(compile(~0u, &m->db_->db));
  GHIRBAL_RETURN_IF_ERROR(compile(kPhraseAnywhere, &m->db_->anywhere_db));
  return m;
}

std::unique_ptr<PhraseMatcher::Scratch> PhraseMatcher::NewScratch() const {
  auto s = std::unique_ptr<Scratch>(new Scratch());
  if (db_) {
    hs_scratch_t* clone = nullptr;
    // A failed clone (out of memory) leaves the scratch empty; Match then finds no substrings.
    if (hs_clone_scratch(db_->prototype, &clone) == HS_SUCCESS) s->hs_scratch_ = clone;
  }
  return s;
}

uint32_t PhraseMatcher::MatchWholeLine(std::string_view normalized) const {
  if (normalized.size() > longest_whole_line_) return 0;
  auto it = whole_lines_.find(normalized);
  return it == whole_lines_.end() ? 0 : it->second;
}

void PhraseMatcher::ScanSubstringsImpl(std::string_view lines, Scratch* scratch,
                                       bool anywhere_only,
                                       void (*call)(void*, size_t, uint32_t), void* ctx) const {
  if (!db_ || scratch == nullptr || scratch->hs_scratch_ == nullptr || lines.empty() ||
      lines.size() > UINT32_MAX) {
    return;
  }
  hs_database_t* db = anywhere_only ? db_->anywhere_db : db_->db;
  if (db == nullptr) return;
  struct Context {
    void (*call)(void*, size_t, uint32_t);
    void* ctx;
  } context{call, ctx};
  auto on_match = [](unsigned id, unsigned long long, unsigned long long to, unsigned,
                     void* c) -> int {
    auto* context = static_cast<Context*>(c);
    context->call(context->ctx, static_cast<size_t>(to), id);
    return 0;
  };
  hs_scan(db, lines.data(), static_cast<unsigned>(lines.size()), 0,
          static_cast<hs_scratch_t*>(scratch->hs_scratch_), on_match, &context);
}

uint32_t PhraseMatcher::Match(std::string_view normalized, Scratch* scratch) const {
  uint32_t kinds = MatchWholeLine(normalized);
  ScanSubstrings(normalized, scratch, [&](size_t, uint32_t kind) { kinds |= kind; });
  return kinds;
}

}  // namespace ghirbal
