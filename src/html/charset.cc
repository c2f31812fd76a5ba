#include "html/charset.h"

#include <uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ustring.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/utf8.h"

namespace ghirbal::html {
namespace {

// One decodable encoding: its WHATWG name (lowercase) and the ICU converter that decodes it.
struct Encoding {
  std::string_view name;
  const char* icu;         // nullptr: decoded by our own code (utf-8, x-user-defined)
  bool ascii_compatible;   // bytes < 0x80 always mean ASCII
  bool c1_for_unassigned;  // WHATWG maps this single-byte encoding's holes to U+0080..U+009F
};

// ICU names checked against ICU 72's data. WHATWG's GBK decoder is the gb18030 decoder, its
// Big5 is Big5-HKSCS, its Shift_JIS is windows-31j and its EUC-KR is windows-949.
// ISO-8859-16 is missing from Debian's ICU data, so that label counts as unknown.
// clang-format off
constexpr Encoding kEncodings[] = {
    {"utf-8", nullptr, true, false},
    {"ibm866", "ibm-866", true, false},
    {"iso-8859-2", "ISO-8859-2", true, false},
    {"iso-8859-3", "ISO-8859-3", true, false},
    {"iso-8859-4", "ISO-8859-4", true, false},
    {"iso-8859-5", "ISO-8859-5", true, false},
    {"iso-8859-6", "ISO-8859-6", true, false},
    {"iso-8859-7", "ISO-8859-7", true, false},
    {"iso-8859-8", "ISO-8859-8", true, false},
    {"iso-8859-8-i", "ISO-8859-8", true, false},
    {"iso-8859-10", "ISO-8859-10", true, false},
    {"iso-8859-13", "ISO-8859-13", true, false},
    {"iso-8859-14", "ISO-8859-14", true, false},
    {"iso-8859-15", "ISO-8859-15", true, false},
    {"koi8-r", "KOI8-R", true, false},
    {"koi8-u", "KOI8-U", true, false},
    {"macintosh", "macintosh", true, false},
    {"x-mac-cyrillic", "x-mac-cyrillic", true, false},
    {"windows-874", "windows-874", true, true},
    {"windows-1250", "windows-1250", true, true},
    {"windows-1251", "windows-1251", true, true},
    {"windows-1252", "windows-1252", true, true},
    {"windows-1253", "windows-1253", true, true},
    {"windows-1254", "windows-1254", true, true},
    {"windows-1255", "windows-1255", true, true},
    {"windows-1256", "windows-1256", true, true},
    {"windows-1257", "windows-1257", true, true},
    {"windows-1258", "windows-1258", true, true},
    {"gbk", "GB18030", true, false},
    {"gb18030", "GB18030", true, false},
    {"big5", "Big5-HKSCS", true, false},
    {"euc-jp", "EUC-JP", true, false},
    {"iso-2022-jp", "ISO-2022-JP", false, false},
    {"shift_jis", "windows-31j", true, false},
    {"euc-kr", "windows-949", true, false},
    {"utf-16be", "UTF-16BE", false, false},
    {"utf-16le", "UTF-16LE", false, false},
    {"x-user-defined", nullptr, true, false},
};
// clang-format on

const Encoding* FindEncoding(std::string_view name) {
  for (const Encoding& e : kEncodings) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

// WHATWG Encoding Standard labels (https://encoding.spec.whatwg.org/#names-and-labels), then
// names uchardet reports that are not WHATWG labels.
struct Label {
  std::string_view label;
  std::string_view name;
};
// clang-format off
constexpr Label kLabels[] = {
    {"unicode-1-1-utf-8", "utf-8"}, {"unicode11utf8", "utf-8"}, {"unicode20utf8", "utf-8"},
    {"utf-8", "utf-8"}, {"utf8", "utf-8"}, {"x-unicode20utf8", "utf-8"},
    {"866", "ibm866"}, {"cp866", "ibm866"}, {"csibm866", "ibm866"}, {"ibm866", "ibm866"},
    {"csisolatin2", "iso-8859-2"}, {"iso-8859-2", "iso-8859-2"}, {"iso-ir-101", "iso-8859-2"},
    {"iso8859-2", "iso-8859-2"}, {"iso88592", "iso-8859-2"}, {"iso_8859-2", "iso-8859-2"},
    {"iso_8859-2:1987", "iso-8859-2"}, {"l2", "iso-8859-2"}, {"latin2", "iso-8859-2"},
    {"csisolatin3", "iso-8859-3"}, {"iso-8859-3", "iso-8859-3"}, {"iso-ir-109", "iso-8859-3"},
    {"iso8859-3", "iso-8859-3"}, {"iso88593", "iso-8859-3"}, {"iso_8859-3", "iso-8859-3"},
    {"iso_8859-3:1988", "iso-8859-3"}, {"l3", "iso-8859-3"}, {"latin3", "iso-8859-3"},
    {"csisolatin4", "iso-8859-4"}, {"iso-8859-4", "iso-8859-4"}, {"iso-ir-110", "iso-8859-4"},
    {"iso8859-4", "iso-8859-4"}, {"iso88594", "iso-8859-4"}, {"iso_8859-4", "iso-8859-4"},
    {"iso_8859-4:1988", "iso-8859-4"}, {"l4", "iso-8859-4"}, {"latin4", "iso-8859-4"},
    {"csisolatincyrillic", "iso-8859-5"}, {"cyrillic", "iso-8859-5"},
    {"iso-8859-5", "iso-8859-5"}, {"iso-ir-144", "iso-8859-5"}, {"iso8859-5", "iso-8859-5"},
    {"iso88595", "iso-8859-5"}, {"iso_8859-5", "iso-8859-5"}, {"iso_8859-5:1988", "iso-8859-5"},
    {"arabic", "iso-8859-6"}, {"asmo-708", "iso-8859-6"}, {"csiso88596e", "iso-8859-6"},
    {"csiso88596i", "iso-8859-6"}, {"csisolatinarabic", "iso-8859-6"},
    {"ecma-114", "iso-8859-6"}, {"iso-8859-6", "iso-8859-6"}, {"iso-8859-6-e", "iso-8859-6"},
    {"iso-8859-6-i", "iso-8859-6"}, {"iso-ir-127", "iso-8859-6"}, {"iso8859-6", "iso-8859-6"},
    {"iso88596", "iso-8859-6"}, {"iso_8859-6", "iso-8859-6"}, {"iso_8859-6:1987", "iso-8859-6"},
    {"csisolatingreek", "iso-8859-7"}, {"ecma-118", "iso-8859-7"}, {"elot_928", "iso-8859-7"},
    {"greek", "iso-8859-7"}, {"greek8", "iso-8859-7"}, {"iso-8859-7", "iso-8859-7"},
    {"iso-ir-126", "iso-8859-7"}, {"iso8859-7", "iso-8859-7"}, {"iso88597", "iso-8859-7"},
    {"iso_8859-7", "iso-8859-7"}, {"iso_8859-7:1987", "iso-8859-7"},
    {"sun_eu_greek", "iso-8859-7"},
    {"csiso88598e", "iso-8859-8"}, {"csisolatinhebrew", "iso-8859-8"}, {"hebrew", "iso-8859-8"},
    {"iso-8859-8", "iso-8859-8"}, {"iso-8859-8-e", "iso-8859-8"}, {"iso-ir-138", "iso-8859-8"},
    {"iso8859-8", "iso-8859-8"}, {"iso88598", "iso-8859-8"}, {"iso_8859-8", "iso-8859-8"},
    {"iso_8859-8:1988", "iso-8859-8"}, {"visual", "iso-8859-8"},
    {"csiso88598i", "iso-8859-8-i"}, {"iso-8859-8-i", "iso-8859-8-i"}, {"logical", "iso-8859-8-i"},
    {"csisolatin6", "iso-8859-10"}, {"iso-8859-10", "iso-8859-10"},
    {"iso-ir-157", "iso-8859-10"}, {"iso8859-10", "iso-8859-10"}, {"iso885910", "iso-8859-10"},
    {"l6", "iso-8859-10"}, {"latin6", "iso-8859-10"},
    {"iso-8859-13", "iso-8859-13"}, {"iso8859-13", "iso-8859-13"}, {"iso885913", "iso-8859-13"},
    {"iso-8859-14", "iso-8859-14"}, {"iso8859-14", "iso-8859-14"}, {"iso885914", "iso-8859-14"},
    {"csisolatin9", "iso-8859-15"}, {"iso-8859-15", "iso-8859-15"},
    {"iso8859-15", "iso-8859-15"}, {"iso885915", "iso-8859-15"}, {"iso_8859-15", "iso-8859-15"},
    {"l9", "iso-8859-15"},
    {"cskoi8r", "koi8-r"}, {"koi", "koi8-r"}, {"koi8", "koi8-r"}, {"koi8-r", "koi8-r"},
    {"koi8_r", "koi8-r"}, {"koi8-ru", "koi8-u"}, {"koi8-u", "koi8-u"},
    {"csmacintosh", "macintosh"}, {"mac", "macintosh"}, {"macintosh", "macintosh"},
    {"x-mac-roman", "macintosh"},
    {"dos-874", "windows-874"}, {"iso-8859-11", "windows-874"}, {"iso8859-11", "windows-874"},
    {"iso885911", "windows-874"}, {"tis-620", "windows-874"}, {"windows-874", "windows-874"},
    {"cp1250", "windows-1250"}, {"windows-1250", "windows-1250"}, {"x-cp1250", "windows-1250"},
    {"cp1251", "windows-1251"}, {"windows-1251", "windows-1251"}, {"x-cp1251", "windows-1251"},
    {"ansi_x3.4-1968", "windows-1252"}, {"ascii", "windows-1252"}, {"cp1252", "windows-1252"},
    {"cp819", "windows-1252"}, {"csisolatin1", "windows-1252"}, {"ibm819", "windows-1252"},
    {"iso-8859-1", "windows-1252"}, {"iso-ir-100", "windows-1252"},
    {"iso8859-1", "windows-1252"}, {"iso88591", "windows-1252"}, {"iso_8859-1", "windows-1252"},
    {"iso_8859-1:1987", "windows-1252"}, {"l1", "windows-1252"}, {"latin1", "windows-1252"},
    {"us-ascii", "windows-1252"}, {"windows-1252", "windows-1252"},
    {"x-cp1252", "windows-1252"},
    {"cp1253", "windows-1253"}, {"windows-1253", "windows-1253"}, {"x-cp1253", "windows-1253"},
    {"cp1254", "windows-1254"}, {"csisolatin5", "windows-1254"}, {"iso-8859-9", "windows-1254"},
    {"iso-ir-148", "windows-1254"}, {"iso8859-9", "windows-1254"}, {"iso88599", "windows-1254"},
    {"iso_8859-9", "windows-1254"}, {"iso_8859-9:1989", "windows-1254"}, {"l5", "windows-1254"},
    {"latin5", "windows-1254"}, {"windows-1254", "windows-1254"}, {"x-cp1254", "windows-1254"},
    {"cp1255", "windows-1255"}, {"windows-1255", "windows-1255"}, {"x-cp1255", "windows-1255"},
    {"cp1256", "windows-1256"}, {"windows-1256", "windows-1256"}, {"x-cp1256", "windows-1256"},
    {"cp1257", "windows-1257"}, {"windows-1257", "windows-1257"}, {"x-cp1257", "windows-1257"},
    {"cp1258", "windows-1258"}, {"windows-1258", "windows-1258"}, {"x-cp1258", "windows-1258"},
    {"x-mac-cyrillic", "x-mac-cyrillic"}, {"x-mac-ukrainian", "x-mac-cyrillic"},
    {"chinese", "gbk"}, {"csgb2312", "gbk"}, {"csiso58gb231280", "gbk"}, {"gb2312", "gbk"},
    {"gb_2312", "gbk"}, {"gb_2312-80", "gbk"}, {"gbk", "gbk"}, {"iso-ir-58", "gbk"},
    {"x-gbk", "gbk"}, {"gb18030", "gb18030"},
    {"big5", "big5"}, {"big5-hkscs", "big5"}, {"cn-big5", "big5"}, {"csbig5", "big5"},
    {"x-x-big5", "big5"},
    {"cseucpkdfmtjapanese", "euc-jp"}, {"euc-jp", "euc-jp"}, {"x-euc-jp", "euc-jp"},
    {"csiso2022jp", "iso-2022-jp"}, {"iso-2022-jp", "iso-2022-jp"},
    {"csshiftjis", "shift_jis"}, {"ms932", "shift_jis"}, {"ms_kanji", "shift_jis"},
    {"shift-jis", "shift_jis"}, {"shift_jis", "shift_jis"}, {"sjis", "shift_jis"},
    {"windows-31j", "shift_jis"}, {"x-sjis", "shift_jis"},
    {"cseuckr", "euc-kr"}, {"csksc56011987", "euc-kr"}, {"euc-kr", "euc-kr"},
    {"iso-ir-149", "euc-kr"}, {"korean", "euc-kr"}, {"ks_c_5601-1987", "euc-kr"},
    {"ks_c_5601-1989", "euc-kr"}, {"ksc5601", "euc-kr"}, {"ksc_5601", "euc-kr"},
    {"windows-949", "euc-kr"},
    {"unicodefffe", "utf-16be"}, {"utf-16be", "utf-16be"},
    {"csunicode", "utf-16le"}, {"iso-10646-ucs-2", "utf-16le"}, {"ucs-2", "utf-16le"},
    {"unicode", "utf-16le"}, {"unicodefeff", "utf-16le"}, {"utf-16", "utf-16le"},
    {"utf-16le", "utf-16le"},
    {"x-user-defined", "x-user-defined"},
    // uchardet's names that are not WHATWG labels.
    {"mac-cyrillic", "x-mac-cyrillic"}, {"uhc", "euc-kr"}, {"cp949", "euc-kr"},
    {"cp932", "shift_jis"}, {"cp936", "gbk"}, {"cp950", "big5"},
};
// clang-format on

constexpr size_t kMaxLabelLength = 40;

bool IsAsciiWhitespace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// True when `s` at `pos` starts with `lower` (lowercase ASCII), ignoring ASCII case.
bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view lower) {
  if (s.size() - pos < lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (AsciiLower(s[pos + i]) != lower[i]) return false;
  }
  return true;
}

bool IsAscii(std::string_view s) {
  size_t i = 0;
  uint64_t acc = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    acc |= w;
  }
  for (; i < s.size(); ++i) acc |= static_cast<unsigned char>(s[i]);
  return (acc & 0x8080808080808080ULL) == 0;
}

// How UTF-8-like invalid bytes are: well-formed multi-byte sequences vs. ill-formed ones.
struct Utf8Stats {
  size_t multibyte = 0;
  size_t invalid = 0;
};

Utf8Stats ScanUtf8(std::string_view s) {
  Utf8Stats st;
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t len = Utf8SequenceLength(s.data() + i, s.size() - i);
    if (len == 0) {
      ++st.invalid;
      ++i;
    } else {
      ++st.multibyte;
      i += len;
    }
  }
  return st;
}

// A page declared UTF-8 that is mostly something else: the declaration is ignored.
bool DeclaredUtf8IsWrong(const Utf8Stats& st) {
  return st.invalid >= 8 && st.invalid > st.multibyte;
}

// An undeclared page that is UTF-8 with a few bad sequences (e.g. truncated mid-character).
bool MostlyUtf8(const Utf8Stats& st) { return st.multibyte > 0 && st.multibyte >= 2 * st.invalid; }

// UTF-16 HTML has NUL bytes (the high bytes of its ASCII markup) from the start; a "UTF-16"
// page without any in its first kMetaPrescanBytes bytes is mislabelled.
bool LooksLikeUtf16(std::string_view s) {
  return s.substr(0, kMetaPrescanBytes).find('\0') != std::string_view::npos;
}

// --- ICU decoding -----------------------------------------------------------------------------

struct CallbackState {
  size_t replaced = 0;
  bool c1_for_unassigned = false;
};

// Writes U+FFFD for undecodable input (ICU's default may write U+001A for single-byte
// converters) and counts it; WHATWG's single-byte windows-* indexes map their holes in
// 0x80..0x9F to the C1 controls, which are kept.
void ToUnicodeCallback(const void* context, UConverterToUnicodeArgs* args, const char* units,
                       int32_t length, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset/close/clone notifications
  auto* st = static_cast<CallbackState*>(const_cast<void*>(context));
  UChar c = 0xFFFD;
  auto b = length == 1 ? static_cast<unsigned char>(units[0]) : 0;
  if (st->c1_for_unassigned && reason == UCNV_UNASSIGNED && b >= 0x80 && b < 0xA0) {
    c = static_cast<UChar>(b);
  } else {
    ++st->replaced;
  }
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &c, 1, 0, err);
}

// Per-thread ICU converters, opened on first use and kept for the thread's lifetime.
class ConverterCache {
 public:
  ~ConverterCache() {
    for (auto& [name, cnv] : converters_) {
      if (cnv != nullptr) ucnv_close(cnv);
    }
  }
  // nullptr when ICU cannot open the converter.
  UConverter* Get(const char* icu_name) {
    auto it = converters_.find(icu_name);
    if (it != converters_.end()) return it->second;
    UErrorCode err = U_ZERO_ERROR;
    UConverter* cnv = ucnv_open(icu_name, &err);
    if (U_FAILURE(err)) {
      cnv = nullptr;
    } else {
      ucnv_setToUCallBack(cnv, ToUnicodeCallback, &state, nullptr, nullptr, &err);
      if (U_FAILURE(err)) {
        ucnv_close(cnv);
        cnv = nullptr;
      }
    }
    converters_.emplace(icu_name, cnv);
    return cnv;
  }
  CallbackState state;
  std::vector<UChar> chunk = std::vector<UChar>(kChunk);
  static constexpr size_t kChunk = 32 * 1024;

 private:
  std::unordered_map<const char*, UConverter*> converters_;  // keys are static literals
};

ConverterCache& Converters() {
  thread_local ConverterCache cache;
  return cache;
}

// Appends `n` UTF-16 units as UTF-8; returns the number of unpaired surrogates replaced.
size_t AppendUtf16AsUtf8(const UChar* s, size_t n, std::string* out) {
  if (n == 0) return 0;
  size_t old = out->size();
  out->resize(old + 3 * n);
  int32_t written = 0;
  int32_t subs = 0;
  UErrorCode err = U_ZERO_ERROR;
  u_strToUTF8WithSub(out->data() + old, static_cast<int32_t>(3 * n), &written, s,
                     static_cast<int32_t>(n), 0xFFFD, &subs, &err);
  out->resize(U_SUCCESS(err) ? old + written : old);
  return static_cast<size_t>(subs);
}

// Decodes with ICU in bounded chunks. Returns the replacement count, or nullopt when the
// converter cannot be opened.
std::optional<size_t> DecodeWithIcu(std::string_view bytes, const Encoding& enc, std::string* out) {
  ConverterCache& cache = Converters();
  UConverter* cnv = cache.Get(enc.icu);
  if (cnv == nullptr) return std::nullopt;
  ucnv_resetToUnicode(cnv);
  cache.state = CallbackState{0, enc.c1_for_unassigned};
  out->clear();
  out->reserve(bytes.size() + bytes.size() / 2);
  size_t replaced = 0;
  const char* src = bytes.data();
  const char* src_end = bytes.data() + bytes.size();
  UChar* begin = cache.chunk.data();
  size_t carry = 0;  // a lead surrogate held back from the previous chunk
  for (;;) {
    UChar* target = begin + carry;
    UErrorCode err = U_ZERO_ERROR;
    ucnv_toUnicode(cnv, &target, begin + ConverterCache::kChunk, &src, src_end, nullptr,
                   /*flush=*/true, &err);
    size_t n = static_cast<size_t>(target - begin);
    bool more = err == U_BUFFER_OVERFLOW_ERROR;
    if (U_FAILURE(err) && !more) ++replaced;  // not expected with our callback; keep the rest
    carry = (more && n > 0 && U16_IS_LEAD(begin[n - 1])) ? 1 : 0;
    replaced += AppendUtf16AsUtf8(begin, n - carry, out);
    if (!more) break;
    if (carry) begin[0] = begin[n - 1];
  }
  return replaced + cache.state.replaced;
}

// x-user-defined: bytes 0x80..0xFF are U+F780..U+F7FF.
size_t DecodeUserDefined(std::string_view bytes, std::string* out) {
  out->clear();
  out->reserve(bytes.size());
  for (char ch : bytes) {
    auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      out->push_back(ch);
    } else {
      AppendUtf8(out, 0xF780 + (b - 0x80));
    }
  }
  return 0;
}

// --- uchardet ---------------------------------------------------------------------------------

constexpr size_t kMaxAsciiRun = 64;

// Skips from `i` (at '<') past the markup construct starting there: a comment, a script or
// style element with its content, or a tag. Returns the end of `s` when it is not closed.
size_t SkipMarkup(std::string_view s, size_t i) {
  auto past = [&](std::string_view close) {
    size_t end = s.find(close, i + 1);
    return end == std::string_view::npos ? s.size() : end + close.size();
  };
  if (s.compare(i, 4, "<!--") == 0) return past("-->");
  for (std::string_view raw : {std::string_view("script"), std::string_view("style")}) {
    if (StartsWithNoCase(s, i + 1, raw)) {
      // Case-insensitive search for the closing tag.
      for (size_t j = s.find("</", i + 1); j != std::string_view::npos; j = s.find("</", j + 2)) {
        if (StartsWithNoCase(s, j + 2, raw)) {
          size_t end = s.find('>', j);
          return end == std::string_view::npos ? s.size() : end + 1;
        }
      }
      return s.size();
    }
  }
  return past(">");
}

// The bytes uchardet looks at: text outside markup, ASCII-only runs cut to kMaxAsciiRun bytes,
// at most kDetectionSampleBytes. The page prefix when that text has no non-ASCII byte.
std::string DetectionSample(std::string_view s) {
  std::string sample;
  bool non_ascii = false;
  size_t ascii_run = 0;
  for (size_t i = 0; i < s.size() && sample.size() < kDetectionSampleBytes;) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '<') {
      i = SkipMarkup(s, i);
      if (ascii_run < kMaxAsciiRun) sample.push_back(' ');
      ++ascii_run;
      continue;
    }
    if (c >= 0x80) {
      non_ascii = true;
      ascii_run = 0;
      sample.push_back(static_cast<char>(c));
    } else if (++ascii_run <= kMaxAsciiRun) {
      sample.push_back(static_cast<char>(c));
    }
    ++i;
  }
  if (!non_ascii) sample.assign(s.substr(0, kDetectionSampleBytes));
  return sample;
}

class Detector {
 public:
  Detector() : ud_(uchardet_new()) {}
  ~Detector() {
    if (ud_ != nullptr) uchardet_delete(ud_);
  }
  // The normalized encoding uchardet guesses for `page`, or empty when it has no answer.
  std::string_view Detect(std::string_view page) {
    if (ud_ == nullptr) return {};
    std::string sample = DetectionSample(page);
    uchardet_reset(ud_);
    if (uchardet_handle_data(ud_, sample.data(), sample.size()) != 0) return {};
    uchardet_data_end(ud_);
    const char* name = uchardet_get_charset(ud_);
    return name == nullptr ? std::string_view() : NormalizeCharsetLabel(name);
  }

 private:
  uchardet_t ud_;
};

// --- HTML5 prescan (https://html.spec.whatwg.org/#prescan-a-byte-stream-to-determine-its-encoding)

struct Attribute {
  std::string name;
  std::string value;
};

// The "get an attribute" algorithm. Returns false at '>' or at the end of the input (no
// attribute); `*pos` is left after the attribute.
bool GetAttribute(std::string_view s, size_t* pos, Attribute* attr) {
  size_t i = *pos;
  const size_t n = s.size();
  attr->name.clear();
  attr->value.clear();
  while (i < n && (IsAsciiWhitespace(s[i]) || s[i] == '/')) ++i;
  if (i >= n || s[i] == '>') {
    *pos = i;
    return false;
  }
  // Name.
  for (;;) {
    if (i >= n) {
      *pos = i;
      return false;
    }
    char c = s[i];
    if (c == '=' && !attr->name.empty()) break;
    if (IsAsciiWhitespace(c)) {
      while (i < n && IsAsciiWhitespace(s[i])) ++i;
      if (i >= n || s[i] != '=') {
        *pos = i;
        return i < n;
      }
      break;
    }
    if (c == '/' || c == '>') {
      *pos = i;
      return true;
    }
    if (attr->name.size() < kMaxLabelLength) attr->name.push_back(AsciiLower(c));
    ++i;
  }
  // s[i] == '='.
  ++i;
  while (i < n && IsAsciiWhitespace(s[i])) ++i;
  if (i >= n) {
    *pos = i;
    return false;
  }
  char q = s[i];
  if (q == '"' || q == '\'') {
    ++i;
    while (i < n && s[i] != q) {
      if (attr->value.size() < 1024) attr->value.push_back(AsciiLower(s[i]));
      ++i;
    }
    if (i >= n) {
      *pos = i;
      return false;
    }
    *pos = i + 1;
    return true;
  }
  if (q == '>') {
    *pos = i;
    return true;
  }
  while (i < n && !IsAsciiWhitespace(s[i]) && s[i] != '>') {
    if (attr->value.size() < 1024) attr->value.push_back(AsciiLower(s[i]));
    ++i;
  }
  *pos = i;
  return true;
}

// "Extracting a character encoding from a meta element" (also used for Content-Type headers):
// the raw label after the first `charset=`, or nullopt.
std::optional<std::string_view> ExtractCharsetParam(std::string_view s) {
  size_t i = 0;
  for (;;) {
    size_t at = std::string_view::npos;
    for (size_t j = i; j + 7 <= s.size(); ++j) {
      if (StartsWithNoCase(s, j, "charset")) {
        at = j;
        break;
      }
    }
    if (at == std::string_view::npos) return std::nullopt;
    i = at + 7;
    while (i < s.size() && IsAsciiWhitespace(s[i])) ++i;
    if (i < s.size() && s[i] == '=') break;
  }
  ++i;
  while (i < s.size() && IsAsciiWhitespace(s[i])) ++i;
  if (i >= s.size()) return std::nullopt;
  char q = s[i];
  if (q == '"' || q == '\'') {
    size_t end = s.find(q, i + 1);
    if (end == std::string_view::npos) return std::nullopt;
    return s.substr(i + 1, end - i - 1);
  }
  size_t end = i;
  while (end < s.size() && !IsAsciiWhitespace(s[end]) && s[end] != ';') ++end;
  return s.substr(i, end - i);
}

// A <meta> tag's attributes, starting after "<meta": the declared encoding, or empty.
std::string_view MetaCharset(std::string_view s, size_t* pos) {
  bool got_pragma = false;
  std::optional<bool> need_pragma;
  std::string_view charset;
  bool seen_http_equiv = false, seen_content = false, seen_charset = false;
  Attribute attr;
  while (GetAttribute(s, pos, &attr)) {
    if (attr.name == "http-equiv" && !seen_http_equiv) {
      seen_http_equiv = true;
      if (attr.value == "content-type") got_pragma = true;
    } else if (attr.name == "content" && !seen_content) {
      seen_content = true;
      if (charset.empty()) {
        auto label = ExtractCharsetParam(attr.value);
        if (label) {
          charset = NormalizeCharsetLabel(*label);
          if (!charset.empty()) need_pragma = true;
        }
      }
    } else if (attr.name == "charset" && !seen_charset) {
      seen_charset = true;
      charset = NormalizeCharsetLabel(attr.value);
      need_pragma = false;
    }
  }
  if (!need_pragma.has_value() || charset.empty()) return {};
  if (*need_pragma && !got_pragma) return {};
  if (charset == "utf-16le" || charset == "utf-16be") return "utf-8";
  if (charset == "x-user-defined") return "windows-1252";
  return charset;
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// <?xml version="1.0" encoding="..."?> at the very start: its encoding, normalized, or empty.
std::string_view XmlDeclarationCharset(std::string_view s) {
  if (!StartsWithNoCase(s, 0, "<?xml")) return {};
  size_t end = s.find("?>");
  if (end == std::string_view::npos || end > 256) return {};
  std::string_view decl = s.substr(0, end);
  size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  size_t i = at + 8;
  while (i < decl.size() && IsAsciiWhitespace(decl[i])) ++i;
  if (i >= decl.size() || decl[i] != '=') return {};
  ++i;
  while (i < decl.size() && IsAsciiWhitespace(decl[i])) ++i;
  if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) return {};
  size_t close = decl.find(decl[i], i + 1);
  if (close == std::string_view::npos) return {};
  std::string_view charset = NormalizeCharsetLabel(decl.substr(i + 1, close - i - 1));
  if (charset == "utf-16le" || charset == "utf-16be") return "utf-8";  // bytes are ASCII here
  return charset;
}

}  // namespace

std::string_view NormalizeCharsetLabel(std::string_view label) {
  static const auto* const kMap = [] {
    auto* map = new std::unordered_map<std::string_view, std::string_view>();
    for (const Label& l : kLabels) map->emplace(l.label, l.name);
    return map;
  }();
  while (!label.empty() && IsAsciiWhitespace(label.front())) label.remove_prefix(1);
  while (!label.empty() && IsAsciiWhitespace(label.back())) label.remove_suffix(1);
  if (label.empty() || label.size() > kMaxLabelLength) return {};
  char lower[kMaxLabelLength];
  for (size_t i = 0; i < label.size(); ++i) lower[i] = AsciiLower(label[i]);
  auto it = kMap->find(std::string_view(lower, label.size()));
  return it == kMap->end() ? std::string_view() : it->second;
}

std::string_view CharsetFromContentType(std::string_view content_type) {
  auto label = ExtractCharsetParam(content_type);
  return label ? NormalizeCharsetLabel(*label) : std::string_view();
}

std::string_view PrescanMetaCharset(std::string_view bytes) {
  std::string_view s = bytes.substr(0, kMetaPrescanBytes);
  const size_t n = s.size();
  size_t i = 0;
  Attribute attr;
  while (i < n) {
    if (s[i] != '<') {
      size_t next = s.find('<', i + 1);
      if (next == std::string_view::npos) break;
      i = next;
      continue;
    }
    if (s.compare(i, 4, "<!--") == 0) {
      size_t end = s.find("-->", i + 2);
      if (end == std::string_view::npos) break;
      i = end + 3;
    } else if (StartsWithNoCase(s, i, "<meta") && i + 5 < n &&
               (IsAsciiWhitespace(s[i + 5]) || s[i + 5] == '/')) {
      i += 6;
      std::string_view charset = MetaCharset(s, &i);
      if (!charset.empty()) return charset;
    } else if (i + 1 < n && (IsAsciiAlpha(s[i + 1]) ||
                             (s[i + 1] == '/' && i + 2 < n && IsAsciiAlpha(s[i + 2])))) {
      // A start or end tag: skip its name, then its attributes.
      i += 1;
      while (i < n && !IsAsciiWhitespace(s[i]) && s[i] != '>') ++i;
      while (GetAttribute(s, &i, &attr)) {
      }
      ++i;  // past '>' (or the end)
    } else if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '/' || s[i + 1] == '?')) {
      size_t end = s.find('>', i + 2);
      if (end == std::string_view::npos) break;
      i = end + 1;
    } else {
      ++i;
    }
  }
  return XmlDeclarationCharset(s);
}

size_t DecodeCharset(std::string_view bytes, std::string_view charset, std::string* out) {
  const Encoding* enc = FindEncoding(charset);
  if (enc != nullptr && enc->name == "x-user-defined") return DecodeUserDefined(bytes, out);
  if (enc != nullptr && enc->icu != nullptr) {
    if (enc->ascii_compatible && IsAscii(bytes)) {
      out->assign(bytes);
      return 0;
    }
    if (auto replaced = DecodeWithIcu(bytes, *enc, out)) return *replaced;
  }
  size_t replaced = 0;
  *out = ToValidUtf8(bytes, &replaced);
  return replaced;
}

DecodedHtml DecodeHtmlToUtf8(std::string_view bytes, std::string_view content_type_header) {
  DecodedHtml r;
  // Computed at most once, only when needed.
  std::optional<bool> valid;
  std::optional<Utf8Stats> stats;
  auto finish = [&](std::string_view body, std::string_view charset, const char* source) {
    r.charset.assign(charset);
    r.source = source;
    if (charset == "utf-8" && body.size() == bytes.size() && valid.value_or(false)) {
      r.utf8.assign(body);  // already validated
    } else {
      r.replaced = DecodeCharset(body, charset, &r.utf8);
    }
  };

  // 1. Byte order mark.
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    finish(bytes.substr(3), "utf-8", "bom");
  } else if (bytes.substr(0, 2) == "\xFF\xFE") {
    finish(bytes.substr(2), "utf-16le", "bom");
  } else if (bytes.substr(0, 2) == "\xFE\xFF") {
    finish(bytes.substr(2), "utf-16be", "bom");
  }
  if (!r.source.empty()) return r;

  auto is_valid = [&] {
    if (!valid) valid = IsValidUtf8(bytes);
    return *valid;
  };
  auto utf8_stats = [&]() -> const Utf8Stats& {
    if (!stats) stats = ScanUtf8(bytes);
    return *stats;
  };

  // 2-3. Declarations. Returns false when the declaration is to be ignored.
  auto declared = [&](std::string_view charset, const char* source) {
    if (charset.empty()) return false;
    if (charset == "utf-8") {
      if (!is_valid() && DeclaredUtf8IsWrong(utf8_stats())) return false;
      finish(bytes, charset, source);
      return true;
    }
    if ((charset == "utf-16le" || charset == "utf-16be") && !LooksLikeUtf16(bytes)) return false;
    const Encoding* enc = FindEncoding(charset);
    if (enc != nullptr && enc->ascii_compatible && !IsAscii(bytes) && is_valid()) {
      finish(bytes, "utf-8", "detected");  // a mislabelled UTF-8 page
      return true;
    }
    finish(bytes, charset, source);
    return true;
  };
  if (declared(CharsetFromContentType(content_type_header), "http")) return r;
  if (declared(PrescanMetaCharset(bytes), "meta")) return r;

  // 4. Detection.
  if (is_valid()) {
    finish(bytes, "utf-8", IsAscii(bytes) ? "default" : "detected");
  } else if (MostlyUtf8(utf8_stats())) {
    finish(bytes, "utf-8", "detected");
  } else {
    thread_local Detector detector;
    std::string_view detected = detector.Detect(bytes);
    if (detected.empty()) {
      finish(bytes, "windows-1252", "default");
    } else {
      finish(bytes, detected, "detected");
    }
  }
  return r;
}

}  // namespace ghirbal::html
