#include "html/name_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "html/tags.h"

namespace ghirbal::html {
namespace {

TEST(NameIndexTest, EveryTagNameFindsItsTag) {
  for (size_t t = 1; t < static_cast<size_t>(Tag::kCount); ++t) {
    const Tag tag = static_cast<Tag>(t);
    EXPECT_EQ(LookupTag(TagName(tag)), tag) << TagName(tag);
  }
}

// Strings made of pieces of tag names (prefixes, extensions, other case, empty) are found
// exactly when a linear search finds them.
TEST(NameIndexTest, SameAnswersAsALinearSearch) {
  std::vector<std::string> names;
  for (size_t t = 1; t < static_cast<size_t>(Tag::kCount); ++t) names.emplace_back(TagName(static_cast<Tag>(t)));
  std::vector<std::string_view> views(names.begin(), names.end());
  const NameIndex index(views);
  const std::vector<std::string> pieces = {"", "a", "b", "div", "h", "1", "DIV", "x", "-", "tion", "sc", "ript", "p"};
  uint64_t state = 11;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    for (int k = static_cast<int>((state >> 33) % 4); k > 0; --k) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      s += pieces[(state >> 33) % pieces.size()];
    }
    int expected = -1;
    for (size_t j = 0; j < names.size(); ++j) {
      if (names[j] == s) expected = static_cast<int>(j);
    }
    ASSERT_EQ(index.Find(s), expected) << s;
  }
}

}  // namespace
}  // namespace ghirbal::html
