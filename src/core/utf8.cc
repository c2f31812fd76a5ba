#include "core/utf8.h"

#include <simdjson.h>

namespace ghirbal {

size_t Utf8SequenceLength(const char* p, size_t avail) {
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  if (avail == 0) return 0;
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) {
    return (avail >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
  }
  if (c < 0xF0) {
    if (avail < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && s[1] < 0xA0) return 0;   // overlong
    if (c == 0xED && s[1] >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c < 0xF5) {
    if (avail < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
      return 0;
    if (c == 0xF0 && s[1] < 0x90) return 0;   // overlong
    if (c == 0xF4 && s[1] >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

size_t DecodeUtf8(const char* p, size_t avail, char32_t* cp) {
  size_t len = Utf8SequenceLength(p, avail);
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  switch (len) {
    case 1: *cp = s[0]; break;
    case 2: *cp = ((s[0] & 0x1F) << 6) | (s[1] & 0x3F); break;
    case 3: *cp = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F); break;
    case 4:
      *cp = ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
      break;
    default: *cp = 0xFFFD;
  }
  return len;
}

void AppendUtf8(std::string* out, char32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x110000) {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->append(kUtf8Replacement);
  }
}

bool IsValidUtf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

std::string ToValidUtf8(std::string_view s, size_t* replaced) {
  size_t count = 0;
  std::string out;
  if (IsValidUtf8(s)) {
    out.assign(s);
  } else {
    out.reserve(s.size() + 16);
    size_t i = 0;
    while (i < s.size()) {
      size_t len = Utf8SequenceLength(s.data() + i, s.size() - i);
      if (len == 0) {
        out.append(kUtf8Replacement);
        ++count;
        ++i;
      } else {
        out.append(s.data() + i, len);
        i += len;
      }
    }
  }
  if (replaced) *replaced = count;
  return out;
}

}  // namespace ghirbal
