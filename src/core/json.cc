#include "core/json.h"

#include <charconv>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/utf8.h"

namespace ghirbal {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// True for bytes that need escaping or UTF-8 validation.
inline bool IsSpecial(unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c >= 0x80; }

void AppendEscapedAscii(std::string* out, unsigned char c) {
  switch (c) {
    case '"': out->append("\\\""); return;
    case '\\': out->append("\\\\"); return;
    case '\n': out->append("\\n"); return;
    case '\t': out->append("\\t"); return;
    case '\r': out->append("\\r"); return;
    case '\b': out->append("\\b"); return;
    case '\f': out->append("\\f"); return;
    default: {
      char buf[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
      out->append(buf, 6);
    }
  }
}

inline bool IsAsciiSpecial(char c) {
  return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\';
}

// The first byte in [p, end) below 0x20, '"' or '\\' (bytes >= 0x80 never are), or end.
// 16 bytes at a time with SSE2 (part of every x86-64), else 8 at a time in a 64-bit word.
const char* FindAsciiSpecial(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i k1f = _mm_set1_epi8(0x1f);
  const __m128i kQuote = _mm_set1_epi8('"');
  const __m128i kBackslash = _mm_set1_epi8('\\');
  for (; end - p >= 16; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, k1f), v);  // unsigned v <= 0x1f
    const __m128i special = _mm_or_si128(
        control, _mm_or_si128(_mm_cmpeq_epi8(v, kQuote), _mm_cmpeq_epi8(v, kBackslash)));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(special));
    if (mask != 0) return p + __builtin_ctz(mask);
  }
#else
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  auto has_zero = [](uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  for (; end - p >= 8; p += 8) {
    uint64_t w;
    memcpy(&w, p, 8);
    if ((((w - 0x20 * kOnes) & ~w & kHigh) | has_zero(w ^ ('"' * kOnes)) |
         has_zero(w ^ ('\\' * kOnes))) != 0) {
      break;  // the special byte is among these 8
    }
  }
#endif
  while (p < end && !IsAsciiSpecial(*p)) ++p;
  return p;
}

// Escapes well-formed UTF-8: only ASCII specials need work, and clean runs are copied whole.
void AppendValidUtf8JsonString(std::string* out, std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    const char* special = FindAsciiSpecial(p, end);
    out->append(p, special - p);
    if (special == end) break;
    AppendEscapedAscii(out, static_cast<unsigned char>(*special));
    p = special + 1;
  }
}

}  // namespace

void AppendJsonString(std::string* out, std::string_view s) {
  out->reserve(out->size() + s.size() + 2);
  out->push_back('"');
  if (s.size() >= 64 && IsValidUtf8(s)) {
    AppendValidUtf8JsonString(out, s);
    out->push_back('"');
    return;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const auto* run = p;
    while (p < end && !IsSpecial(*p)) ++p;
    out->append(reinterpret_cast<const char*>(run), p - run);
    if (p == end) break;
    if (*p < 0x80) {
      AppendEscapedAscii(out, *p);
      ++p;
      continue;
    }
    size_t len = Utf8SequenceLength(reinterpret_cast<const char*>(p), end - p);
    if (len == 0) {
      out->append(kUtf8Replacement);
      ++p;
    } else {
      out->append(reinterpret_cast<const char*>(p), len);
      p += len;
    }
  }
  out->push_back('"');
}

std::string JsonString(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

void AppendJsonNumber(std::string* out, double value) {
  if (!std::isfinite(value)) {
    out->append("null");
    return;
  }
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    AppendJsonInt(out, static_cast<int64_t>(value));
    return;
  }
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, value);
  out->append(buf, res.ptr - buf);
}

void AppendJsonInt(std::string* out, int64_t value) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, value);
  out->append(buf, res.ptr - buf);
}

std::optional<std::string> ParseJsonString(std::string_view json) {
  if (json.size() < 2 || json.front() != '"' || json.back() != '"') return std::nullopt;
  std::string out;
  out.reserve(json.size() - 2);
  for (size_t i = 1; i + 1 < json.size(); ++i) {
    char c = json[i];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++i + 1 > json.size() - 1) return std::nullopt;
    switch (json[i]) {
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      case '/': out.push_back('/'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'u': {
        auto hex4 = [&](size_t at, uint32_t* v) {
          if (at + 4 > json.size() - 1) return false;
          auto r = std::from_chars(json.data() + at, json.data() + at + 4, *v, 16);
          return r.ec == std::errc() && r.ptr == json.data() + at + 4;
        };
        uint32_t cp = 0;
        if (!hex4(i + 1, &cp)) return std::nullopt;
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 2 < json.size() - 1 && json[i + 1] == '\\' &&
            json[i + 2] == 'u') {
          uint32_t lo = 0;
          if (hex4(i + 3, &lo) && lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
          }
        }
        if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
        AppendUtf8(&out, cp);
        break;
      }
      default: return std::nullopt;
    }
  }
  return out;
}

std::optional<double> ParseJsonNumber(std::string_view json) {
  double v = 0;
  auto res = std::from_chars(json.data(), json.data() + json.size(), v);
  if (res.ec != std::errc() || res.ptr != json.data() + json.size()) return std::nullopt;
  return v;
}

void JsonBuilder::Separate() {
  if (need_comma_) out_.push_back(',');
  need_comma_ = true;
}
JsonBuilder& JsonBuilder::BeginObject() {
  Separate();
  out_.push_back('{');
  need_comma_ = false;
  return *this;
}
JsonBuilder& JsonBuilder::EndObject() {
  out_.push_back('}');
  need_comma_ = true;
  return *this;
}
JsonBuilder& JsonBuilder::BeginArray() {
  Separate();
  out_.push_back('[');
  need_comma_ = false;
  return *this;
}
JsonBuilder& JsonBuilder::EndArray() {
  out_.push_back(']');
  need_comma_ = true;
  return *this;
}
JsonBuilder& JsonBuilder::Key(std::string_view key) {
  Separate();
  AppendJsonString(&out_, key);
  out_.push_back(':');
  need_comma_ = false;
  return *this;
}
JsonBuilder& JsonBuilder::String(std::string_view value) {
  Separate();
  AppendJsonString(&out_, value);
  return *this;
}
JsonBuilder& JsonBuilder::Number(double value) {
  Separate();
  AppendJsonNumber(&out_, value);
  return *this;
}
JsonBuilder& JsonBuilder::Int(int64_t value) {
  Separate();
  AppendJsonInt(&out_, value);
  return *this;
}
JsonBuilder& JsonBuilder::Bool(bool value) {
  Separate();
  out_.append(value ? "true" : "false");
  return *this;
}
JsonBuilder& JsonBuilder::Null() {
  Separate();
  out_.append("null");
  return *this;
}
JsonBuilder& JsonBuilder::Raw(std::string_view json) {
  Separate();
  out_.append(json);
  return *this;
}

}  // namespace ghirbal
