#include "core/json.h"

#include <gtest/gtest.h>

#include "core/metadata.h"
#include "core/utf8.h"

namespace ghirbal {
namespace {

TEST(JsonString, EscapesControlAndQuotes) {
  EXPECT_EQ(JsonString("a\"b\\c\n\t\x01"), "\"a\\\"b\\\\c\\n\\t\\u0001\"");
}

TEST(JsonString, KeepsValidUtf8AndReplacesInvalid) {
  EXPECT_EQ(JsonString("مرحبا"), "\"مرحبا\"");
  EXPECT_EQ(JsonString("a\xFF" "b"), "\"a\xEF\xBF\xBD" "b\"");
  EXPECT_EQ(JsonString("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // surrogate
}

TEST(JsonString, RoundTripsThroughParse) {
  for (std::string s : {"", "plain", "quote\" back\\ nl\n", "عربي \x7f", "\xF0\x9F\x98\x80"}) {
    auto back = ParseJsonString(JsonString(s));
    ASSERT_TRUE(back.has_value()) << s;
    EXPECT_EQ(*back, s);
  }
}

TEST(ParseJsonString, DecodesSurrogatePairsAndRejectsGarbage) {
  EXPECT_EQ(*ParseJsonString("\"\\ud83d\\ude00\""), "\xF0\x9F\x98\x80");
  EXPECT_EQ(*ParseJsonString("\"\\u0627\""), "ا");
  EXPECT_FALSE(ParseJsonString("abc").has_value());
  EXPECT_FALSE(ParseJsonString("\"\\x\"").has_value());
}

TEST(JsonNumber, IntegersAndFractions) {
  std::string s;
  AppendJsonNumber(&s, 3.0);
  s += ',';
  AppendJsonNumber(&s, 0.25);
  s += ',';
  AppendJsonNumber(&s, 0.0 / 0.0);
  EXPECT_EQ(s, "3,0.25,null");
}

TEST(JsonBuilder, NestedObject) {
  JsonBuilder b;
  b.BeginObject().Key("stage").String("filter").Key("v").Number(0.5).Key("l");
  b.BeginArray().Int(1).Int(2).EndArray().EndObject();
  EXPECT_EQ(b.str(), R"({"stage":"filter","v":0.5,"l":[1,2]})");
}

TEST(Metadata, KeepsInsertionOrderAndReplacesInPlace) {
  Metadata m;
  m.SetString("language", "ar");
  m.SetNumber("score", 0.5);
  m.SetString("language", "fa");
  std::string out;
  m.AppendJson(&out);
  EXPECT_EQ(out, R"({"language":"fa","score":0.5})");
  EXPECT_EQ(*m.GetString("language"), "fa");
  EXPECT_DOUBLE_EQ(*m.GetNumber("score"), 0.5);
  EXPECT_FALSE(m.GetNumber("language").has_value());
  EXPECT_TRUE(m.Erase("language"));
  EXPECT_FALSE(m.Contains("language"));
}

TEST(Utf8, SequenceLengthRejectsOverlongAndSurrogates) {
  EXPECT_EQ(Utf8SequenceLength("\xC0\x80", 2), 0u);
  EXPECT_EQ(Utf8SequenceLength("\xE0\x80\x80", 3), 0u);
  EXPECT_EQ(Utf8SequenceLength("\xF4\x90\x80\x80", 4), 0u);
  EXPECT_EQ(Utf8SequenceLength("\xD8\xB9", 2), 2u);
  EXPECT_EQ(Utf8SequenceLength("\xD8", 1), 0u);
  size_t replaced = 0;
  EXPECT_EQ(ToValidUtf8("a\x80" "b\xC3", &replaced), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
  EXPECT_EQ(replaced, 2u);
}

}  // namespace
}  // namespace ghirbal
