#include "html/tokenizer.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace ghirbal::html {
namespace {

// Tokens rendered compactly: <tag a="v">, </tag>, "text", <!--c-->, <!doctype>.
std::vector<std::string> Tokens(std::string_view html) {
  Tokenizer t(html);
  Token tok;
  std::vector<std::string> out;
  while (t.Next(&tok)) {
    std::string s;
    switch (tok.type) {
      case Token::Type::kStartTag:
        s = "<" + std::string(tok.name);
        for (const Attribute& a : tok.attributes) {
          s += " " + std::string(a.name) + "=\"" + std::string(a.value) + "\"";
        }
        if (tok.self_closing) s += "/";
        s += ">";
        break;
      case Token::Type::kEndTag:
        s = "</" + std::string(tok.name) + ">";
        break;
      case Token::Type::kText:
        s = "\"" + std::string(tok.text) + "\"";
        break;
      case Token::Type::kComment:
        s = "<!--" + std::string(tok.text) + "-->";
        break;
      case Token::Type::kDoctype:
        s = "<!doctype>";
        break;
      case Token::Type::kEof:
        break;
    }
    out.push_back(s);
  }
  return out;
}

using V = std::vector<std::string>;

TEST(TokenizerTest, TagsTextAndCase) {
  EXPECT_EQ(Tokens("<!DOCTYPE html><HTML><P Class=X>Hi</P></HTML>"),
            (V{"<!doctype>", "<html>", "<p class=\"X\">", "\"Hi\"", "</p>", "</html>"}));
}

TEST(TokenizerTest, AttributeQuoting) {
  EXPECT_EQ(Tokens("<a href='x y' id=\"q'\" data-x=un&amp;quoted hidden class=a=b>"),
            (V{"<a href=\"x y\" id=\"q'\" data-x=\"un&quoted\" hidden=\"\" class=\"a=b\">"}));
  EXPECT_EQ(Tokens("<div id=a id=b ID=c>"), (V{"<div id=\"a\">"}));  // first wins
  EXPECT_EQ(Tokens("<br/><img src=x />"), (V{"<br/>", "<img src=\"x\"/>"}));
  EXPECT_EQ(Tokens("<a href=\"?x=1&copy=2\">"), (V{"<a href=\"?x=1&copy=2\">"}));
  EXPECT_EQ(Tokens("<p =x>"), (V{"<p =x=\"\">"}));
}

TEST(TokenizerTest, RawTextAndRcData) {
  EXPECT_EQ(Tokens("<script>if (a<b && c) x='</p>';</script>t"),
            (V{"<script>", "\"if (a<b && c) x='</p>';\"", "</script>", "\"t\""}));
  EXPECT_EQ(Tokens("<style>a>b{}</STYLE >"), (V{"<style>", "\"a>b{}\"", "</style>"}));
  EXPECT_EQ(Tokens("<title>A &amp; <b>B</b></title>"),
            (V{"<title>", "\"A & <b>B</b>\"", "</title>"}));
  EXPECT_EQ(Tokens("<textarea>&lt;x&gt;</textarea>"),
            (V{"<textarea>", "\"<x>\"", "</textarea>"}));
  EXPECT_EQ(Tokens("<script>never closed <b>"), (V{"<script>", "\"never closed <b>\""}));
  EXPECT_EQ(Tokens("<script></scriptx></script>"),
            (V{"<script>", "\"</scriptx>\"", "</script>"}));
  EXPECT_EQ(Tokens("<plaintext></plaintext><b>"), (V{"<plaintext>", "\"</plaintext><b>\""}));
}

// Script bodies made of pieces that are and are not end tags, at every offset: the body token
// ends exactly where a simple scan finds the first "</script" (any case) followed by white
// space, '/', '>' or the end of input.
TEST(TokenizerTest, ScriptEndFoundWhereASimpleScanFindsIt) {
  const std::vector<std::string> pieces = {"<", "</", "x", "i<n", "</scriptx", "</scrip", "</SCRIPT>",
                                           "</script ", "</Script/", "</script", "'</p>'", "  "};
  uint64_t state = 3;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state >> 33;
  };
  int ended = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string html = "<script>";
    for (size_t k = next() % 12; k > 0; --k) html += pieces[next() % pieces.size()];
    size_t end = html.size();
    for (size_t at = 8; at + 8 <= html.size(); ++at) {
      std::string name = html.substr(at, 8);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const size_t after = at + 8;
      if (name == "</script" && (after >= html.size() || html[after] == ' ' ||
                                 html[after] == '/' || html[after] == '>')) {
        end = at;
        break;
      }
    }
    Tokenizer t(html);
    Token tok;
    ASSERT_TRUE(t.Next(&tok));  // <script>
    const std::string expected = html.substr(8, end - 8);
    ended += end < html.size();
    if (expected.empty()) continue;
    ASSERT_TRUE(t.Next(&tok)) << html;
    ASSERT_EQ(tok.type, Token::Type::kText) << html;
    EXPECT_EQ(tok.text, expected) << html;
  }
  EXPECT_GT(ended, 1000);
}

TEST(TokenizerTest, CommentsAndBogus) {
  EXPECT_EQ(Tokens("a<!-- x -- y -->b"), (V{"\"a\"", "<!-- x -- y -->", "\"b\""}));
  EXPECT_EQ(Tokens("<!-->a<!--->b"), (V{"<!---->", "\"a\"", "<!---->", "\"b\""}));
  EXPECT_EQ(Tokens("<!--x--!>y"), (V{"<!--x-->", "\"y\""}));
  EXPECT_EQ(Tokens("<![CDATA[x]]>y"), (V{"<!--[CDATA[x]]-->", "\"y\""}));
  EXPECT_EQ(Tokens("<?xml v?>z"), (V{"<!--?xml v?-->", "\"z\""}));
  EXPECT_EQ(Tokens("<!-- open"), (V{"<!-- open-->"}));
}

TEST(TokenizerTest, LessThanAsText) {
  EXPECT_EQ(Tokens("a < b <3 <"), (V{"\"a \"", "\"< b \"", "\"<3 \"", "\"<\""}));
  EXPECT_EQ(Tokens("x</>y"), (V{"\"x\"", "<!---->", "\"y\""}));
}

TEST(TokenizerTest, EntitiesAndNul) {
  EXPECT_EQ(Tokens("&lt;p&gt; &#1604;&#1575;"), (V{"\"<p> \xD9\x84\xD8\xA7\""}));
  EXPECT_EQ(Tokens(std::string_view("a\0b<p id=\"x\0\">", 15)),
            (V{"\"ab\"", "<p id=\"x\xEF\xBF\xBD\">"}));
}

TEST(TokenizerTest, TruncatedTagIsDropped) {
  EXPECT_EQ(Tokens("text<div class=\"unterminated"), (V{"\"text\""}));
  EXPECT_EQ(Tokens("<a href=x"), V{});
}

TEST(TokenizerTest, BinaryInputNeverFails) {
  std::string junk;
  for (int i = 0; i < 100000; ++i) junk.push_back(static_cast<char>((i * 7919) % 256));
  Tokenizer t(junk);
  Token tok;
  size_t n = 0;
  while (t.Next(&tok)) ++n;
  EXPECT_GT(n, 0u);
  EXPECT_EQ(t.position(), junk.size());
}

}  // namespace
}  // namespace ghirbal::html
