#include "core/json.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

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

// The escaping rules one byte at a time: the reference the fast paths must match.
std::string ReferenceJsonString(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t len = Utf8SequenceLength(s.data() + i, s.size() - i);
      out.append(len == 0 ? std::string(kUtf8Replacement) : std::string(s.substr(i, len)));
      i += len == 0 ? 1 : len;
      continue;
    }
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (c == '\b') out += "\\b";
    else if (c == '\f') out += "\\f";
    else if (c < 0x20) {
      char buf[8];
      snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
    ++i;
  }
  return out + "\"";
}

TEST(JsonString, MatchesByteAtATimeReferenceOnRandomBytes) {
  // Pieces drawn at random: plain ASCII, every escaped byte, DEL, well-formed 2/3/4-byte
  // sequences, and ill-formed ones (lone continuation, truncated, overlong, surrogate, > U+10FFFF).
  const std::vector<std::string> pieces = {
      "a", "word ", "0123456789abcdef", "\"", "\\", "\n", "\t", "\r", "\b", "\f", "\x01",
      std::string(1, '\0'), "\x1f", "\x7f", "ب", "عربي ", "€", "\xF0\x9F\x98\x80", "\x80",
      "\xC3", "\xE2\x82", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF"};
  std::mt19937 rng(11);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const size_t target = rng() % 300;
    // Mostly clean strings with rare specials (the fast path), or dense mixes (the slow one).
    const bool sparse = rng() % 2 == 0;
    while (s.size() < target) {
      size_t k = rng() % pieces.size();
      if (sparse && rng() % 16 != 0) k = rng() % 3 == 0 ? 14 : 1;
      s += pieces[k];
    }
    // Also fully random bytes now and then.
    if (round % 10 == 0) {
      for (char& c : s) c = static_cast<char>(rng());
    }
    std::string out = "prefix";
    AppendJsonString(&out, s);
    ASSERT_EQ(out, "prefix" + ReferenceJsonString(s)) << "round " << round;
  }
}

TEST(JsonString, FindsASpecialAtEveryOffsetOfALongCleanString) {
  for (char special : {'"', '\\', '\n', '\x00', '\x1f'}) {
    for (size_t at = 0; at < 80; ++at) {
      std::string s(80, 'x');
      s.replace(20, 2, "ب");  // not ASCII: never special, never hides one
      s[at] = special;
      if (at == 20 || at == 21) s.replace(20, 2, std::string(1, special) + "y");
      ASSERT_EQ(JsonString(s), ReferenceJsonString(s)) << "offset " << at;
    }
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
