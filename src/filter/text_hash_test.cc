// HashTextIn must give exactly HashText's values (stop words are stored as HashText hashes).
#include "filter/text_hash.h"

#include <random>
#include <string>

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

TEST(TextHashTest, TailBytesMatter) {
  EXPECT_NE(HashText("abc"), HashText("abd"));
  std::string a = "abcXYZZZZZZ", b = "abcQQQQQQQQ";  // same 3-byte prefix, different garbage
  EXPECT_EQ(HashTextIn(std::string_view(a).substr(0, 3), a.data() + a.size()),
            HashTextIn(std::string_view(b).substr(0, 3), b.data() + b.size()));
}

}  // namespace
}  // namespace ghirbal
