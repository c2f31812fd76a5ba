#include "html/entities.h"

#include <string>

#include <gtest/gtest.h>

namespace ghirbal::html {
namespace {

std::string Decode(std::string_view s, bool attr = false) {
  std::string out;
  AppendDecoded(s, attr, &out);
  return out;
}

TEST(EntitiesTest, NamedWithSemicolon) {
  EXPECT_EQ(Decode("a &amp; b &lt;c&gt; &quot;&apos;"), "a & b <c> \"'");
  EXPECT_EQ(Decode("&eacute;t&eacute;"), "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(Decode("&nbsp;"), "\xC2\xA0");
  EXPECT_EQ(Decode("&CounterClockwiseContourIntegral;"), "\xE2\x88\xB3");
  EXPECT_EQ(Decode("&NotEqualTilde;"), "\xE2\x89\x82\xCC\xB8");  // two code points
}

TEST(EntitiesTest, LegacyWithoutSemicolon) {
  EXPECT_EQ(Decode("&copy 2024"), "\xC2\xA9 2024");
  EXPECT_EQ(Decode("&ampx"), "&x");           // longest legacy prefix "amp"
  EXPECT_EQ(Decode("&notit;"), "\xC2\xACit;");  // "not" is legacy, "notit;" unknown
}

TEST(EntitiesTest, AttributeRules) {
  EXPECT_EQ(Decode("?a=1&copy=2", /*attr=*/true), "?a=1&copy=2");
  EXPECT_EQ(Decode("?a=1&copyx", /*attr=*/true), "?a=1&copyx");
  EXPECT_EQ(Decode("?a=1&copy;", /*attr=*/true), "?a=1\xC2\xA9");
  EXPECT_EQ(Decode("x&amp;y", /*attr=*/true), "x&y");
}

TEST(EntitiesTest, Numeric) {
  EXPECT_EQ(Decode("&#65;&#x42;&#X43;"), "ABC");
  EXPECT_EQ(Decode("&#1575;&#x644;"), "\xD8\xA7\xD9\x84");  // Arabic alef, lam
  EXPECT_EQ(Decode("&#128512;"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(Decode("&#65"), "A");  // ';' optional
  EXPECT_EQ(Decode("&#0;"), "\xEF\xBF\xBD");
  EXPECT_EQ(Decode("&#xD800;"), "\xEF\xBF\xBD");
  EXPECT_EQ(Decode("&#x110000;"), "\xEF\xBF\xBD");
  EXPECT_EQ(Decode("&#99999999999999999999;"), "\xEF\xBF\xBD");
  EXPECT_EQ(Decode("&#x80;&#151;"), "\xE2\x82\xAC\xE2\x80\x94");  // windows-1252 fix-ups
}

TEST(EntitiesTest, NotReferences) {
  EXPECT_EQ(Decode("AT&T & co &; &#; &#x; &unknown; &"), "AT&T & co &; &#; &#x; &unknown; &");
}

}  // namespace
}  // namespace ghirbal::html
