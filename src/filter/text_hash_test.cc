// HashTextIn must give exactly HashText's values (stop words are stored as HashText hashes).
#include "filter/text_hash.h"

#include <algorithm>
#include <bit>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace ghirbal {
namespace {

TEST(TextHashTest, HashTextInEqualsHashTextAtEveryOffsetAndLength) {
  std::mt19937 rng(7);
  std::string buffer(64, '\0');
  for (char& c : buffer) c = static_cast<char>(rng());
  for (size_t begin = 0; begin <= buffer.size(); ++begin) {
    for (size_t size = 0; begin + size <= buffer.size(); ++size) {
      std::string_view s(buffer.data() + begin, size);
      // Limits right at the end of the view (slow tail) and at the end of the buffer.
      ASSERT_EQ(HashTextIn(s, s.data() + s.size()), HashText(s)) << begin << " " << size;
      ASSERT_EQ(HashTextIn(s, buffer.data() + buffer.size()), HashText(s)) << begin << " " << size;
    }
  }
}

TEST(TextHashTest, LengthAndEveryByteMatter) {
  // Zero bytes at the end: the masked loads read zeros past a short string too.
  std::string zeros;
  std::vector<uint64_t> seen;
  for (size_t n = 0; n <= 40; ++n, zeros.push_back('\0')) seen.push_back(HashText(zeros));
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::adjacent_find(seen.begin(), seen.end()), seen.end());
  // One bit flipped anywhere in strings of every length up to 40 changes the hash, and
  // changes about half of its bits (the rules' sketches read its high bits).
  std::mt19937 rng(3);
  size_t changed_bits = 0, flips = 0;
  for (size_t n = 1; n <= 40; ++n) {
    std::string s(n, 'a');
    for (char& c : s) c = static_cast<char>(rng());
    const uint64_t h = HashText(s);
    for (size_t bit = 0; bit < 8 * n; ++bit) {
      std::string t = s;
      t[bit / 8] = static_cast<char>(t[bit / 8] ^ (1 << (bit % 8)));
      const uint64_t g = HashText(t);
      ASSERT_NE(g, h) << n << " " << bit;
      changed_bits += static_cast<size_t>(std::popcount(g ^ h));
      ++flips;
    }
  }
  const double mean = static_cast<double>(changed_bits) / static_cast<double>(flips);
  EXPECT_GT(mean, 30.0);
  EXPECT_LT(mean, 34.0);
}

TEST(TextHashTest, TailBytesMatter) {
  EXPECT_NE(HashText("abc"), HashText("abd"));
  std::string a = "abcXYZZZZZZ", b = "abcQQQQQQQQ";  // same 3-byte prefix, different garbage
  EXPECT_EQ(HashTextIn(std::string_view(a).substr(0, 3), a.data() + a.size()),
            HashTextIn(std::string_view(b).substr(0, 3), b.data() + b.size()));
}

}  // namespace
}  // namespace ghirbal
