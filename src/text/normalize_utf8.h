// Internal to normalize.cc and mojibake.cc: decoding UTF-8 that is already known to be valid,
// without re-validating every sequence (the hot loops of normalization).
#pragma once

#include <cstddef>

namespace ghirbal::text_internal {

// Decodes the code point at `s`, which must start a well-formed UTF-8 sequence; returns its
// length (1..4).
inline size_t DecodeValidUtf8(const char* p, char32_t* cp) {
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  if (s[0] < 0x80) {
    *cp = s[0];
    return 1;
  }
  if (s[0] < 0xE0) {
    *cp = (static_cast<char32_t>(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    return 2;
  }
  if (s[0] < 0xF0) {
    *cp = (static_cast<char32_t>(s[0] & 0x0F) << 12) | (static_cast<char32_t>(s[1] & 0x3F) << 6) |
          (s[2] & 0x3F);
    return 3;
  }
  *cp = (static_cast<char32_t>(s[0] & 0x07) << 18) | (static_cast<char32_t>(s[1] & 0x3F) << 12) |
        (static_cast<char32_t>(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
  return 4;
}

}  // namespace ghirbal::text_internal
