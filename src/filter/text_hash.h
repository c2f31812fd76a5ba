// HashText: the 64-bit hash the quality rules compare words, lines and paragraphs with.
// Fast for short strings (one multiply per 8 bytes); equal strings hash equal; different ones
// collide with probability about 2^-64, which the rules accept instead of comparing text.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace ghirbal {

namespace text_hash_internal {

// The hash of `s` with `tail` the last s.size() % 8 bytes as a little-endian integer.
template <typename Tail>
inline uint64_t HashWithTail(std::string_view s, Tail tail, const char* limit) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (s.size() * 0xC2B2AE3D27D4EB4Full);
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    h = (h ^ v) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  const uint64_t v = tail(s.data() + i, s.size() - i, limit);
  h = (h ^ v) * 0x94D049BB133111EBull;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h;
}

inline uint64_t CopyTail(const char* p, size_t n, const char*) {
  uint64_t v = 0;
  std::memcpy(&v, p, n);
  return v;
}

// One 8-byte load, masked, when 8 bytes are readable before `limit` (little-endian only).
inline uint64_t LoadTail(const char* p, size_t n, const char* limit) {
  if (n == 0) return 0;
  if (static_cast<size_t>(limit - p) < 8) return CopyTail(p, n, limit);
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v & (~uint64_t{0} >> (64 - 8 * n));
}

}  // namespace text_hash_internal

inline uint64_t HashText(std::string_view s) {
  return text_hash_internal::HashWithTail(s, text_hash_internal::CopyTail, nullptr);
}

// HashText(s) for `s` inside a buffer that stays readable up to `limit` (s.end() <= limit):
// the same value, computed without a variable-length copy when the buffer allows.
inline uint64_t HashTextIn(std::string_view s, const char* limit) {
  static_assert(std::endian::native == std::endian::little);
  return text_hash_internal::HashWithTail(s, text_hash_internal::LoadTail, limit);
}

}  // namespace ghirbal
