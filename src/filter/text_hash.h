// HashText: the 64-bit hash the quality rules compare words, lines and paragraphs with.
// Equal strings hash equal; different ones collide with probability about 2^-64, which the
// rules accept instead of comparing text. Built for words: a string of up to 16 bytes is two
// masked loads and two 64x64->128-bit multiplies, without a branch on its length (word
// lengths vary unpredictably); longer ones take 16 bytes per multiply.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace ghirbal {

namespace text_hash_internal {

constexpr uint64_t kK0 = 0xa0761d6478bd642full;
constexpr uint64_t kK1 = 0xe7037ed1a0b428dbull;
constexpr uint64_t kK2 = 0x8ebc6af09c88c6e3ull;

// The 128-bit product of a and b with its halves folded together: every input bit reaches
// every output bit.
inline uint64_t Fold(uint64_t a, uint64_t b) {
  const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

inline uint64_t Load(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// The low `bytes` bytes of v (bytes may exceed 8), as a little-endian load reads them.
inline uint64_t KeepLow(uint64_t v, size_t bytes) {
  const size_t bits = 8 * (bytes < 8 ? bytes : 8);
  return bits == 64 ? v : v & ((uint64_t{1} << (bits & 63)) - 1);
}

// Up to 16 bytes at p, 16 of which are readable.
inline uint64_t HashShort(const char* p, size_t n) {
  const uint64_t lo = KeepLow(Load(p), n);
  const uint64_t hi = KeepLow(Load(p + 8), n < 8 ? 0 : n - 8);
  return Fold(Fold(lo ^ kK1, hi ^ kK2) ^ kK0, n ^ kK1);
}

// More than 16 bytes: 16-byte blocks, the last one overlapping the one before it.
inline uint64_t HashLong(const char* p, size_t n) {
  uint64_t h = n ^ kK0;
  size_t i = 0;
  for (; i + 16 < n; i += 16) h = Fold(Load(p + i) ^ kK1, Load(p + i + 8) ^ h);
  h = Fold(Load(p + n - 16) ^ kK2, Load(p + n - 8) ^ h);
  return Fold(h ^ kK0, n ^ kK1);
}

}  // namespace text_hash_internal

// HashText(s) for `s` inside a buffer that stays readable up to `limit` (s.end() <= limit):
// a short string is read with loads past its end when the buffer allows.
inline uint64_t HashTextIn(std::string_view s, const char* limit) {
  static_assert(std::endian::native == std::endian::little);
  using namespace text_hash_internal;
  if (s.size() > 16) return HashLong(s.data(), s.size());
  if (limit - s.data() >= 16) return HashShort(s.data(), s.size());
  char copy[16] = {};
  std::memcpy(copy, s.data(), s.size());
  return HashShort(copy, s.size());
}

inline uint64_t HashText(std::string_view s) { return HashTextIn(s, s.data() + s.size()); }

}  // namespace ghirbal
