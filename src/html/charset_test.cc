#include "html/charset.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/utf8.h"

namespace ghirbal::html {
namespace {

// Encodes UTF-8 `text` into `icu_name` with ICU; fails the test when a character has no mapping
// (so a round trip can only succeed if the test data is representable).
std::string Encode(std::string_view text, const char* icu_name) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* to = ucnv_open(icu_name, &err);
  EXPECT_TRUE(U_SUCCESS(err)) << icu_name << ": " << u_errorName(err);
  if (U_FAILURE(err)) return {};
  ucnv_setFromUCallBack(to, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  UConverter* from = ucnv_open("UTF-8", &err);
  std::string out(text.size() * 4 + 16, '\0');
  char* target = out.data();
  const char* source = text.data();
  ucnv_convertEx(to, from, &target, out.data() + out.size(), &source, text.data() + text.size(),
                 nullptr, nullptr, nullptr, nullptr, true, true, &err);
  EXPECT_TRUE(U_SUCCESS(err)) << icu_name << " cannot encode the test text: " << u_errorName(err);
  out.resize(target - out.data());
  ucnv_close(to);
  ucnv_close(from);
  return out;
}

std::string Page(std::string_view head, std::string_view body) {
  return "<!DOCTYPE html>\n<html><head>" + std::string(head) + "<title>t</title></head><body><p>" +
         std::string(body) + "</p></body></html>\n";
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const char kArabic[] =
    "اللغة العربية هي أكثر اللغات السامية تحدثاً، وإحدى أكثر اللغات انتشاراً في العالم. "
    "يتحدثها أكثر من أربعمائة مليون نسمة، ويتوزع متحدثوها في الوطن العربي وفي المناطق المجاورة.";
// Persian as legacy pages wrote it: windows-1256 has no U+06CC, so ARABIC LETTER YEH.
const char kPersian[] =
    "زبان فارسي يکي از زبان‌هاي هندواروپايي است "
    "که در ايران، افغانستان و تاجيکستان به آن سخن مي‌گويند. "
    "اين زبان پيشينه‌اي کهن دارد و شاعران بزرگي چون حافظ و سعدي به آن شعر گفته‌اند.";
const char kRussian[] =
    "Русский язык - один из восточнославянских языков, национальный язык русского народа. "
    "Является одним из наиболее распространённых языков мира и самым распространённым из "
    "славянских языков.";
const char kChinese[] =
    "中文是汉语的书面语言，使用汉字书写。汉语是世界上使用人数最多的语言之一，"
    "也是联合国的六种官方语言之一。现代标准汉语以北京语音为标准音。";
const char kTraditional[] =
    "中文是漢語的書面語言，使用漢字書寫。漢語是世界上使用人數最多的語言之一，"
    "也是聯合國的六種官方語言之一。現代標準漢語以北京語音為標準音。";
const char kJapanese[] =
    "日本語は、主に日本国内や日本人同士の間で使用されている言語である。"
    "日本は法令によって公用語を規定していないが、法令その他の公用文は全て日本語で記述される。";
const char kKorean[] =
    "한국어는 대한민국과 조선민주주의인민공화국의 공용어이다. 한국어는 주로 한반도와 그 주변 "
    "지역에서 사용되며, 세계적으로 약 팔천만 명의 사용자가 있다.";
const char kFrench[] =
    "Le français est une langue indo-européenne de la famille des langues romanes dont les "
    "locuteurs sont appelés « francophones ». Élève, où est le café ? Ça coûte cher.";

struct Case {
  const char* label;     // as written in the page
  const char* icu;       // encoder used to make the bytes
  const char* expected;  // normalized name
  const char* text;
};

const Case kCases[] = {
    {"windows-1256", "windows-1256", "windows-1256", kArabic},
    {"cp1256", "windows-1256", "windows-1256", kPersian},
    {"ISO-8859-6", "ISO-8859-6", "iso-8859-6", kArabic},
    {"windows-1251", "windows-1251", "windows-1251", kRussian},
    {"KOI8-R", "KOI8-R", "koi8-r", kRussian},
    {"ibm866", "ibm-866", "ibm866", kRussian},
    {"iso-8859-5", "ISO-8859-5", "iso-8859-5", kRussian},
    {"gb2312", "GB18030", "gbk", kChinese},
    {"GBK", "GB18030", "gbk", kChinese},
    {"gb18030", "GB18030", "gb18030", kChinese},
    {"big5", "Big5", "big5", kTraditional},
    {"Shift_JIS", "windows-31j", "shift_jis", kJapanese},
    {"x-sjis", "windows-31j", "shift_jis", kJapanese},
    {"EUC-JP", "EUC-JP", "euc-jp", kJapanese},
    {"iso-2022-jp", "ISO-2022-JP", "iso-2022-jp", kJapanese},
    {"euc-kr", "windows-949", "euc-kr", kKorean},
    {"ks_c_5601-1987", "windows-949", "euc-kr", kKorean},
    {"iso-8859-1", "windows-1252", "windows-1252", kFrench},
    {"latin1", "windows-1252", "windows-1252", kFrench},
};

TEST(CharsetTest, MetaCharsetRoundTrip) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.label);
    std::string page =
        Page("<meta charset=\"" + std::string(c.label) + "\">", Encode(c.text, c.icu));
    DecodedHtml d = DecodeHtmlToUtf8(page, "");
    EXPECT_EQ(d.charset, c.expected);
    EXPECT_EQ(d.source, "meta");
    EXPECT_EQ(d.replaced, 0u);
    EXPECT_NE(d.utf8.find(c.text), std::string::npos);
    EXPECT_TRUE(IsValidUtf8(d.utf8));
  }
}

TEST(CharsetTest, HttpEquivRoundTrip) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.label);
    std::string page =
        Page("<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=" + std::string(c.label) +
                 "'>",
             Encode(c.text, c.icu));
    DecodedHtml d = DecodeHtmlToUtf8(page, "");
    EXPECT_EQ(d.charset, c.expected);
    EXPECT_EQ(d.source, "meta");
    EXPECT_NE(d.utf8.find(c.text), std::string::npos);
  }
}

TEST(CharsetTest, HttpHeaderRoundTrip) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.label);
    std::string page = Page("", Encode(c.text, c.icu));
    DecodedHtml d = DecodeHtmlToUtf8(page, "text/html; charset=" + std::string(c.label));
    EXPECT_EQ(d.charset, c.expected);
    EXPECT_EQ(d.source, "http");
    EXPECT_EQ(d.replaced, 0u);
    EXPECT_NE(d.utf8.find(c.text), std::string::npos);
  }
}

TEST(CharsetTest, DetectsUndeclaredLegacyEncodings) {
  // uchardet needs some text; three paragraphs of each are enough. Big5 gets two distinct
  // paragraphs instead: uchardet 0.0.7 calls a thrice-repeated paragraph of it GB18030.
  struct Undeclared {
    const char* icu;
    const char* text;
    int repeat = 3;
  };
  const std::string big5_text = std::string(kTraditional) +
                                "臺灣位於東亞，是一個島嶼。臺北是臺灣最大的城市，有許多著名的夜市和博物館。"
                                "每年都有很多遊客來這裡參觀，品嚐當地的美食，欣賞美麗的風景。";
  const Undeclared cases[] = {
      {"windows-1256", kArabic}, {"windows-1251", kRussian}, {"KOI8-R", kRussian},
      {"GB18030", kChinese},     {"windows-31j", kJapanese}, {"EUC-JP", kJapanese},
      {"windows-949", kKorean},  {"windows-1252", kFrench},  {"ISO-8859-6", kArabic},
      {"Big5", big5_text.c_str(), 1},
  };
  for (const Undeclared& c : cases) {
    SCOPED_TRACE(c.icu);
    std::string text = Repeat(c.text, c.repeat);
    DecodedHtml d = DecodeHtmlToUtf8(Page("", Encode(text, c.icu)), "");
    EXPECT_EQ(d.source, "detected") << d.charset;
    EXPECT_NE(d.utf8.find(text), std::string::npos) << d.charset;
  }
}

TEST(CharsetTest, DetectionLooksPastMarkupAndAsciiText) {
  // 100 KB of script, style and English navigation before the windows-1256 text: detection
  // samples the text, not the first bytes.
  std::string head = "<style>p { color: red; }</style><script>";
  while (head.size() < 100000) head += "if (a < b) { document.write('<p>x</p>'); }\n";
  head += "</script><!-- <p>comment</p> -->";
  std::string nav;
  for (int i = 0; i < 300; ++i) nav += "<li><a href='/x'>Home News Sports Weather</a></li>";
  std::string text = Repeat(kArabic, 2);
  DecodedHtml d = DecodeHtmlToUtf8(Page(head, nav + Encode(text, "windows-1256")), "");
  EXPECT_EQ(d.source, "detected");
  EXPECT_EQ(d.charset, "windows-1256");
  EXPECT_NE(d.utf8.find(text), std::string::npos);
}

TEST(CharsetTest, UndeclaredUtf8) {
  DecodedHtml d = DecodeHtmlToUtf8(Page("", kArabic), "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.source, "detected");
  EXPECT_EQ(d.utf8, Page("", kArabic));

  d = DecodeHtmlToUtf8(Page("", "plain ascii"), "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.source, "default");
}

TEST(CharsetTest, ByteOrderMarks) {
  std::string text = std::string(kArabic) + kJapanese;
  DecodedHtml d = DecodeHtmlToUtf8("\xEF\xBB\xBF" + Page("", text), "text/html; charset=koi8-r");
  EXPECT_EQ(d.source, "bom");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.utf8, Page("", text));  // BOM removed

  // UTF-16 with a BOM: the BOM wins over the header and over an ASCII-looking meta.
  std::string le = Encode(Page("<meta charset=windows-1252>", text), "UTF-16LE");
  d = DecodeHtmlToUtf8("\xFF\xFE" + le, "text/html; charset=utf-8");
  EXPECT_EQ(d.source, "bom");
  EXPECT_EQ(d.charset, "utf-16le");
  EXPECT_EQ(d.utf8, Page("<meta charset=windows-1252>", text));

  std::string be = Encode(Page("", text), "UTF-16BE");
  d = DecodeHtmlToUtf8("\xFE\xFF" + be, "");
  EXPECT_EQ(d.charset, "utf-16be");
  EXPECT_EQ(d.utf8, Page("", text));
  EXPECT_EQ(d.replaced, 0u);

  // A lone surrogate in UTF-16 is replaced.
  const char lone[] = {'\xFF', '\xFE', 'a', '\0', '\0', '\xD8', 'b', '\0'};  // a, U+D800, b
  d = DecodeHtmlToUtf8(std::string_view(lone, sizeof(lone)), "");
  EXPECT_EQ(d.utf8, "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(d.replaced, 1u);
}

TEST(CharsetTest, HttpHeaderWinsOverMeta) {
  std::string page = Page("<meta charset=koi8-r>", Encode(kRussian, "windows-1251"));
  DecodedHtml d = DecodeHtmlToUtf8(page, "text/html; charset=windows-1251");
  EXPECT_EQ(d.source, "http");
  EXPECT_EQ(d.charset, "windows-1251");
  EXPECT_NE(d.utf8.find(kRussian), std::string::npos);

  // Without the header, the meta is followed (and gives the wrong, but declared, text).
  d = DecodeHtmlToUtf8(page, "text/html");
  EXPECT_EQ(d.source, "meta");
  EXPECT_EQ(d.charset, "koi8-r");
  EXPECT_EQ(d.utf8.find(kRussian), std::string::npos);
}

TEST(CharsetTest, BogusLabelsFallBackToDetection) {
  std::string page =
      Page("<meta charset=\"no-such-charset\">", Encode(Repeat(kArabic, 3), "windows-1256"));
  DecodedHtml d = DecodeHtmlToUtf8(page, "text/html; charset=x-bogus");
  EXPECT_EQ(d.source, "detected");
  EXPECT_EQ(d.charset, "windows-1256");
  EXPECT_NE(d.utf8.find(kArabic), std::string::npos);

  // "replacement" labels and ISO-8859-16 (missing from ICU's data) count as unknown too.
  d = DecodeHtmlToUtf8(Page("<meta charset=iso-2022-kr>", kKorean), "charset=iso-8859-16");
  EXPECT_EQ(d.source, "detected");
  EXPECT_EQ(d.charset, "utf-8");
}

TEST(CharsetTest, DeclaredUtf8WithInvalidBytesIsReplaced) {
  std::string body = std::string(kRussian) + "\xFF" + kArabic + "\xC3(" + kChinese + "\xE4\xB8";
  DecodedHtml d = DecodeHtmlToUtf8(Page("<meta charset=utf-8>", body), "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.source, "meta");
  // "\xE4\xB8" before "<" is a truncated sequence: each of its bytes is replaced.
  EXPECT_EQ(d.replaced, 4u);
  std::string expected = std::string(kRussian) + "\xEF\xBF\xBD" + kArabic + "\xEF\xBF\xBD(" +
                         kChinese + "\xEF\xBF\xBD\xEF\xBF\xBD";
  EXPECT_EQ(d.utf8, Page("<meta charset=utf-8>", expected));
}

TEST(CharsetTest, UndeclaredMostlyUtf8KeepsUtf8) {
  std::string body = std::string(kArabic) + "\x80";  // a stray byte
  DecodedHtml d = DecodeHtmlToUtf8(Page("", body), "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.source, "detected");
  EXPECT_EQ(d.replaced, 1u);
  EXPECT_NE(d.utf8.find(kArabic), std::string::npos);
}

TEST(CharsetTest, WrongUtf8DeclarationIsIgnored) {
  std::string page =
      Page("<meta charset=windows-1256>", Encode(Repeat(kArabic, 2), "windows-1256"));
  DecodedHtml d = DecodeHtmlToUtf8(page, "text/html; charset=UTF-8");
  EXPECT_EQ(d.source, "meta");
  EXPECT_EQ(d.charset, "windows-1256");
  EXPECT_EQ(d.replaced, 0u);
  EXPECT_NE(d.utf8.find(kArabic), std::string::npos);
}

TEST(CharsetTest, Utf16HeaderOnAsciiCompatibleBytesIsIgnored) {
  DecodedHtml d =
      DecodeHtmlToUtf8(Page("<meta charset=utf-8>", kArabic), "text/html; charset=utf-16");
  EXPECT_EQ(d.source, "meta");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_NE(d.utf8.find(kArabic), std::string::npos);
  // Real UTF-16 (no BOM) under the same header is decoded as UTF-16.
  d = DecodeHtmlToUtf8(Encode(Page("", kArabic), "UTF-16LE"), "text/html; charset=utf-16");
  EXPECT_EQ(d.source, "http");
  EXPECT_EQ(d.utf8, Page("", kArabic));
}

TEST(CharsetTest, MislabelledUtf8IsUtf8) {
  DecodedHtml d = DecodeHtmlToUtf8(Page("<meta charset=iso-8859-1>", kFrench), "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.source, "detected");
  EXPECT_NE(d.utf8.find(kFrench), std::string::npos);

  // Pure ASCII keeps its declaration (the bytes mean the same either way).
  d = DecodeHtmlToUtf8(Page("<meta charset=iso-8859-1>", "ascii"), "");
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_EQ(d.source, "meta");
}

TEST(CharsetTest, Windows1252HolesAreC1Controls) {
  DecodedHtml d = DecodeHtmlToUtf8(
      "a\x81"
      "b\x80"
      "c",
      "text/html; charset=windows-1252");
  EXPECT_EQ(d.utf8,
            "a\xC2\x81"
            "b\xE2\x82\xAC"
            "c");  // U+0081, EURO SIGN
  EXPECT_EQ(d.replaced, 0u);
}

TEST(CharsetTest, UndecodableLegacyBytesAreCounted) {
  // 0x80 followed by 0x20 is not a valid Shift_JIS sequence; 0xA0 is unassigned.
  DecodedHtml d = DecodeHtmlToUtf8("ok \x80 \xA0 \x82\xA0", "text/html; charset=shift_jis");
  EXPECT_EQ(d.charset, "shift_jis");
  EXPECT_GE(d.replaced, 1u);
  EXPECT_TRUE(IsValidUtf8(d.utf8));
  EXPECT_NE(d.utf8.find("\xE3\x81\x82"), std::string::npos);  // あ
}

TEST(CharsetTest, NormalizesLabels) {
  EXPECT_EQ(NormalizeCharsetLabel("latin1"), "windows-1252");
  EXPECT_EQ(NormalizeCharsetLabel("ISO-8859-1"), "windows-1252");
  EXPECT_EQ(NormalizeCharsetLabel("US-ASCII"), "windows-1252");
  EXPECT_EQ(NormalizeCharsetLabel("gb2312"), "gbk");
  EXPECT_EQ(NormalizeCharsetLabel("GBK"), "gbk");
  EXPECT_EQ(NormalizeCharsetLabel("x-sjis"), "shift_jis");
  EXPECT_EQ(NormalizeCharsetLabel(" UTF8\t"), "utf-8");
  EXPECT_EQ(NormalizeCharsetLabel("unicode-1-1-utf-8"), "utf-8");
  EXPECT_EQ(NormalizeCharsetLabel("iso-8859-9"), "windows-1254");
  EXPECT_EQ(NormalizeCharsetLabel("tis-620"), "windows-874");
  EXPECT_EQ(NormalizeCharsetLabel("utf-16"), "utf-16le");
  EXPECT_EQ(NormalizeCharsetLabel("WINDOWS-1256"), "windows-1256");  // uchardet's spelling
  EXPECT_EQ(NormalizeCharsetLabel("UHC"), "euc-kr");
  EXPECT_EQ(NormalizeCharsetLabel("bogus"), "");
  EXPECT_EQ(NormalizeCharsetLabel(""), "");
  EXPECT_EQ(NormalizeCharsetLabel("iso-2022-kr"), "");
  EXPECT_EQ(NormalizeCharsetLabel(std::string(200, 'a')), "");
}

TEST(CharsetTest, ContentTypeParameter) {
  EXPECT_EQ(CharsetFromContentType("text/html; charset=UTF-8"), "utf-8");
  EXPECT_EQ(CharsetFromContentType("text/html;charset=\"Shift_JIS\""), "shift_jis");
  EXPECT_EQ(CharsetFromContentType("text/html; Charset = 'koi8-r'"), "koi8-r");
  EXPECT_EQ(CharsetFromContentType("text/html; charset=windows-1256; foo=bar"), "windows-1256");
  EXPECT_EQ(CharsetFromContentType("text/html"), "");
  EXPECT_EQ(CharsetFromContentType("text/html; charset="), "");
  EXPECT_EQ(CharsetFromContentType("text/html; charset=\"utf-8"), "");  // unterminated
  EXPECT_EQ(CharsetFromContentType(""), "");
}

TEST(CharsetTest, MetaPrescan) {
  EXPECT_EQ(PrescanMetaCharset("<meta charset=utf-8>"), "utf-8");
  EXPECT_EQ(PrescanMetaCharset("<META CHARSET='Windows-1256'/>"), "windows-1256");
  EXPECT_EQ(PrescanMetaCharset("<meta/charset=koi8-r>"), "koi8-r");
  // content before http-equiv; the pragma is required for content.
  EXPECT_EQ(PrescanMetaCharset("<meta content=\"text/html; charset=euc-kr\" "
                               "http-equiv=\"content-type\">"),
            "euc-kr");
  EXPECT_EQ(PrescanMetaCharset("<meta content=\"text/html; charset=euc-kr\">"), "");
  // Only the first attribute of a name counts.
  EXPECT_EQ(PrescanMetaCharset("<meta charset=gbk charset=big5>"), "gbk");
  // Comments and other tags' attributes are skipped.
  EXPECT_EQ(PrescanMetaCharset("<!-- <meta charset=big5> --><meta charset=gbk>"), "gbk");
  EXPECT_EQ(PrescanMetaCharset("<div title='<meta charset=big5>'><meta charset=gbk>"), "gbk");
  EXPECT_EQ(PrescanMetaCharset("<!doctype html><?php x ?><meta charset=gbk>"), "gbk");
  // A bogus first meta does not stop the prescan.
  EXPECT_EQ(PrescanMetaCharset("<meta charset=bogus><meta charset=euc-jp>"), "euc-jp");
  // UTF-16 in a meta means UTF-8; x-user-defined means windows-1252.
  EXPECT_EQ(PrescanMetaCharset("<meta charset=utf-16>"), "utf-8");
  EXPECT_EQ(PrescanMetaCharset("<meta charset=x-user-defined>"), "windows-1252");
  // <metadata> is not <meta>.
  EXPECT_EQ(PrescanMetaCharset("<metadata charset=gbk>"), "");
  // Too late.
  EXPECT_EQ(PrescanMetaCharset(std::string(kMetaPrescanBytes, ' ') + "<meta charset=gbk>"), "");
  EXPECT_EQ(PrescanMetaCharset(std::string(3000, ' ') + "<meta charset=gbk>"), "gbk");
  // Truncated tags end the prescan without a result.
  EXPECT_EQ(PrescanMetaCharset("<meta charset=\"gbk"), "");
  EXPECT_EQ(PrescanMetaCharset("<meta charset"), "");
  EXPECT_EQ(PrescanMetaCharset("<!-- <meta charset=gbk>"), "");
  // XML declaration.
  EXPECT_EQ(PrescanMetaCharset("<?xml version=\"1.0\" encoding=\"ISO-8859-6\"?><html>"),
            "iso-8859-6");
}

TEST(CharsetTest, LongTextCrossesConversionChunks) {
  // Four-byte GB18030 sequences become surrogate pairs; 60000 of them cross several chunks
  // at odd positions (one ASCII byte shifts the boundary).
  std::string text = "x" + Repeat(
                               "\xF0\x9F\x98\x80"
                               "\xE4\xB8\xAD",
                               30000);  // 😀中
  DecodedHtml d = DecodeHtmlToUtf8(Encode(text, "GB18030"), "text/html; charset=gb18030");
  EXPECT_EQ(d.replaced, 0u);
  EXPECT_EQ(d.utf8, text);
}

TEST(CharsetTest, NeverFailsOnJunk) {
  EXPECT_EQ(DecodeHtmlToUtf8("", "").utf8, "");
  EXPECT_EQ(DecodeHtmlToUtf8("", "").source, "default");
  EXPECT_EQ(DecodeHtmlToUtf8("", "text/html; charset=utf-16le").utf8, "");
  std::string nuls("a\0b\0<meta charset=\0>", 19);
  EXPECT_EQ(DecodeHtmlToUtf8(nuls, "").utf8, nuls);

  std::mt19937 rng(42);
  const char* labels[] = {"",        "utf-8",          "shift_jis", "utf-16be", "iso-2022-jp",
                          "gb18030", "x-user-defined", "\"",        "big5"};
  for (int i = 0; i < 300; ++i) {
    std::string junk(rng() % 600, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    std::string label = labels[i % 9];
    if (i % 3 == 0) junk = "<meta charset=" + label + ">" + junk;
    DecodedHtml d = DecodeHtmlToUtf8(junk, i % 2 ? "text/html; charset=" + label : "");
    EXPECT_TRUE(IsValidUtf8(d.utf8)) << i;
    EXPECT_FALSE(d.charset.empty());
  }
}

TEST(CharsetTest, UserDefined) {
  DecodedHtml d = DecodeHtmlToUtf8("a\x80\xFF", "text/html; charset=x-user-defined");
  EXPECT_EQ(d.charset, "x-user-defined");
  EXPECT_EQ(d.utf8, "a\xEF\x9E\x80\xEF\x9F\xBF");  // U+F780 U+F7FF
}

TEST(CharsetTest, ThreadsDecodeIndependently) {
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &ok] {
      const Case& c = kCases[t * 4];
      std::string page = Page("", Encode(c.text, c.icu));
      for (int i = 0; i < 50; ++i) {
        DecodedHtml d = DecodeHtmlToUtf8(page, std::string("charset=") + c.label);
        if (d.utf8.find(c.text) != std::string::npos) ++ok[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(ok[t], 50) << t;
}

}  // namespace
}  // namespace ghirbal::html
