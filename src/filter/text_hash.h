// HashText: the 64-bit hash the quality rules compare words, lines and paragraphs with.
// Fast for short strings (one multiply per 8 bytes); equal strings hash equal; different ones
// collide with probability about 2^-64, which the rules accept instead of comparing text.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace ghirbal {

inline uint64_t HashText(std::string_view s) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (s.size() * 0xC2B2AE3D27D4EB4Full);
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    h = (h ^ v) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  uint64_t v = 0;
  std::memcpy(&v, s.data() + i, s.size() - i);
  h = (h ^ v) * 0x94D049BB133111EBull;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h;
}

}  // namespace ghirbal
