#include "core/json.h"

#include <charconv>
#include <cmath>
#include <cstring>

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

// True when one of the 8 bytes in `w` is below 0x20, '"' or '\\' (bytes >= 0x80 never are).
inline bool HasAsciiSpecial(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  auto has_zero = [](uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  return (((w - 0x20 * kOnes) & ~w & kHigh) | has_zero(w ^ ('"' * kOnes)) |
          has_zero(w ^ ('\\' * kOnes))) != 0;
}

inline bool IsAsciiSpecial(char c) {
  return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\';
}

// Escapes well-formed UTF-8: only ASCII specials need work, found 8 bytes at a time.
void AppendValidUtf8JsonString(std::string* out, std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    const char* run = p;
    while (end - p >= 8) {
      uint64_t w;
      memcpy(&w, p, 8);
      if (HasAsciiSpecial(w)) break;
      p += 8;
    }
    // The special byte, if any, is within the next 8.
    const char* stop = end - p < 8 ? end : p + 8;
    while (p < stop && !IsAsciiSpecial(*p)) ++p;
    out->append(run, p - run);
    if (p < stop) {
      AppendEscapedAscii(out, static_cast<unsigned char>(*p));
      ++p;
    }
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
