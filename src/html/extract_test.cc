#include "html/extract.h"

#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ghirbal::html {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string ReadTestdata(const std::string& name) {
  std::ifstream in(std::string(GHIRBAL_SOURCE_DIR) + "/testdata/html/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ExtractedPage Extract(std::string_view html, ExtractOptions options = {},
                      ExtractStatus expected = ExtractStatus::kOk) {
  ExtractedPage page;
  EXPECT_EQ(ExtractMainText(html, options, &page), expected);
  return page;
}

TEST(ExtractTest, EnglishNewsPage) {
  std::string html = ReadTestdata("en_news.html");
  ASSERT_FALSE(html.empty());
  ExtractedPage page = Extract(html);
  EXPECT_EQ(page.title, "River otters return to the valley");
  EXPECT_EQ(page.date, "2024-03-05T09:30:00Z");
  EXPECT_EQ(page.author, "Jane Doe");
  EXPECT_EQ(page.language, "en-GB");
  EXPECT_EQ(page.canonical_url, "https://news.example.com/otters");
  EXPECT_EQ(page.site_name, "The Daily Example");
  const std::string& t = page.text;
  // The article, in order, with its heading, list, table and pre.
  EXPECT_THAT(t, HasSubstr("Otters have been seen again in the upper valley"));
  EXPECT_THAT(t, HasSubstr("\xE2\x80\x9CWe were thrilled,\xE2\x80\x9D said one volunteer"));
  EXPECT_THAT(t, HasSubstr("\n\nCleaner water\n\n"));
  EXPECT_THAT(t, HasSubstr("Fish stocks doubled since 2014\nNitrate levels fell by a third"));
  EXPECT_THAT(t, HasSubstr("Year\tSightings\n2022\t0\n2023\t4"));
  EXPECT_THAT(t, HasSubstr("  count  = 4\n  source = volunteers"));
  EXPECT_THAT(t, HasSubstr("two new viewing points"));
  EXPECT_LT(t.find("Otters have been seen"), t.find("two new viewing points"));
  // Boilerplate is gone.
  for (const char* junk : {"Home", "cookies", "Share on", "Beavers", "Great news", "Most read",
                           "All rights reserved", "Hidden tracking", "window.dataLayer",
                           "display: none", "By Jane"}) {
    EXPECT_THAT(t, Not(HasSubstr(junk))) << junk;
  }
  // The headline is metadata, not text (unless title_in_text).
  EXPECT_THAT(t, Not(HasSubstr("River otters return")));
  EXPECT_EQ(t.find("Otters have been seen"), 0u);
  EXPECT_NE(t.back(), '\n');
}

TEST(ExtractTest, TitleInTextAndKeepComments) {
  std::string html = ReadTestdata("en_news.html");
  ExtractOptions options;
  options.title_in_text = true;
  options.keep_comments = true;
  ExtractedPage page = Extract(html, options);
  EXPECT_EQ(page.text.find("River otters return to the valley\n\nOtters have been seen"), 0u);
  EXPECT_THAT(page.text, HasSubstr("I saw one near the bridge"));
}

TEST(ExtractTest, ArabicRtlNewsPage) {
  std::string html = ReadTestdata("ar_news.html");
  ASSERT_FALSE(html.empty());
  ExtractedPage page = Extract(html);
  EXPECT_EQ(page.title, "افتتاح مكتبة عامة جديدة في وسط المدينة");
  EXPECT_EQ(page.date, "2024-05-12");
  EXPECT_EQ(page.author, "سارة أحمد");
  EXPECT_EQ(page.language, "ar");
  const std::string& t = page.text;
  EXPECT_EQ(t.find("افتتحت البلدية يوم السبت"), 0u);
  EXPECT_THAT(t, HasSubstr("مكان هادئ للقراءة بعيدا عن الشاشات."));
  EXPECT_THAT(t, HasSubstr("الشاشات."));
  EXPECT_NE(t.find("\n\nوقال رئيس البلدية"), std::string::npos);
  for (const char* junk : {"الرئيسية", "فيسبوك", "مشاركة", "ذات صلة", "الأكثر قراءة",
                           "جميع الحقوق", "ملفات تعريف الارتباط", "أوافق"}) {
    EXPECT_THAT(t, Not(HasSubstr(junk))) << junk;
  }
}

TEST(ExtractTest, ListingPageHasNoMainText) {
  ExtractedPage page = Extract(ReadTestdata("listing.html"), {}, ExtractStatus::kNoMainText);
  EXPECT_TRUE(page.text.empty());
  EXPECT_EQ(page.title, "Example News");  // metadata is still read, site part stripped
}

TEST(ExtractTest, ListingWithSummariesHasNoMainText) {
  Extract(ReadTestdata("listing_summaries.html"), {}, ExtractStatus::kNoMainText);
}

TEST(ExtractTest, EmptyAndJunkPages) {
  Extract("", {}, ExtractStatus::kNoMainText);
  Extract("<html><body></body></html>", {}, ExtractStatus::kNoMainText);
  std::string binary;
  for (int i = 0; i < 20000; ++i) binary.push_back(static_cast<char>((i * 131) % 256));
  ExtractedPage page;
  ExtractStatus st = ExtractMainText(binary, {}, &page);
  EXPECT_TRUE(st == ExtractStatus::kOk || st == ExtractStatus::kNoMainText);
}

TEST(ExtractTest, FormattingRules) {
  std::string html =
      "<body><div class=content>"
      "<p>First   paragraph\n with   collapsed\twhitespace and enough words to count.</p>"
      "<p>Second line<br>after a break, with more words so it is a real paragraph.</p>"
      "<ol><li>one <b>bold</b> item</li><li>two</li></ol>"
      "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>"
      "<pre>keep\n   this</pre>"
      "<p>Entities &amp; &eacute;t&eacute; &#x2014; done, and a final sentence here.</p>"
      "</div></body>";
  ExtractedPage page = Extract(html);
  EXPECT_EQ(page.text,
            "First paragraph with collapsed whitespace and enough words to count.\n\n"
            "Second line\nafter a break, with more words so it is a real paragraph.\n\n"
            "one bold item\ntwo\n\n"
            "a\tb\nc\td\n\n"
            "keep\n   this\n\n"
            "Entities & \xC3\xA9t\xC3\xA9 \xE2\x80\x94 done, and a final sentence here.");
}

TEST(ExtractTest, HiddenElementsAreRemoved) {
  std::string html =
      "<body><div>"
      "<p>Visible paragraph with plenty of words, commas, and sentences to be content.</p>"
      "<p hidden>Hidden by attribute, with plenty of words to look like content.</p>"
      "<p aria-hidden=\"true\">Hidden from readers, with plenty of words as well here.</p>"
      "<div style=\"visibility: hidden\">Invisible text, with plenty of words again.</div>"
      "<p>Another visible paragraph, with words, commas, and more words after that.</p>"
      "</div></body>";
  ExtractedPage page = Extract(html);
  EXPECT_THAT(page.text, HasSubstr("Visible paragraph"));
  EXPECT_THAT(page.text, HasSubstr("Another visible paragraph"));
  EXPECT_THAT(page.text, Not(HasSubstr("Hidden")));
  EXPECT_THAT(page.text, Not(HasSubstr("Invisible")));
}

TEST(ExtractTest, DeepNestingAndHugeText) {
  std::string html = "<body>";
  for (int i = 0; i < 200000; ++i) html += "<div>";
  html += "<p>Deep text, with commas, and enough characters to be a paragraph of content.</p>";
  ExtractedPage page = Extract(html);
  EXPECT_THAT(page.text, HasSubstr("Deep text"));

  std::string big = "<body><p>";
  for (int i = 0; i < 1000000; ++i) big += "word, ";
  big += "</p></body>";
  ExtractOptions options;
  options.timeout_ms = 0;  // no budget: the result must not depend on machine speed
  page = Extract(big, options);
  EXPECT_EQ(page.text.size(), 6u * 1000000 - 1);
}

TEST(ExtractTest, TimeoutIsReported) {
  std::string html = "<body>";
  for (int i = 0; i < 200000; ++i) html += "<p>some text, more text</p>";
  ExtractOptions options;
  options.timeout_ms = 1;
  // Parsing 5 MB takes longer than 1 ms on any machine this runs on... but not necessarily;
  // so only require that a timeout, if reported, leaves no text.
  ExtractedPage page;
  ExtractStatus st = ExtractMainText(html, options, &page);
  if (st == ExtractStatus::kTimeout) {
    EXPECT_EQ(ExtractStatusReason(st), "extract_timeout");
  } else {
    EXPECT_EQ(st, ExtractStatus::kOk);
  }
}

}  // namespace
}  // namespace ghirbal::html

namespace ghirbal::html {
namespace {

TEST(ExtractTest, PhraseFileFormat) {
  BoilerplatePhrases p = ParseBoilerplatePhrases(
      "# comment\n\n=Read More\nWe Use Cookies\n  = أوافق  \n=\n");
  EXPECT_EQ(p.exact, (std::vector<std::string>{"read more", "أوافق"}));
  EXPECT_EQ(p.contains, (std::vector<std::string>{"we use cookies"}));
  EXPECT_FALSE(LoadBoilerplatePhrases("/nonexistent/phrases.txt").ok());
}

TEST(ExtractTest, UnmarkedCookieNoticeInsideArabicArticle) {
  Result<BoilerplatePhrases> phrases = LoadBoilerplatePhrases(
      std::string(GHIRBAL_SOURCE_DIR) + "/data/html/boilerplate_phrases.txt");
  ASSERT_TRUE(phrases.ok());
  std::string html =
      "<html lang=ar dir=rtl><body><div>"
      "<p>افتتحت البلدية يوم السبت مكتبة عامة جديدة في وسط المدينة، تضم أكثر من عشرين ألف "
      "كتاب، إلى جانب قاعة للمطالعة وركن خاص للأطفال.</p>"
      "<p>وقال رئيس البلدية إن المشروع استغرق عامين، وإن الدخول مجاني لجميع السكان، مؤكدا أن "
      "المكتبة ستفتح أبوابها يوميا.</p>"
      "<p>بيان الخصوصية وسياسة ملفات تعريف الارتباط</p>"
      "<p>نستخدم ملفات تعريف الارتباط لتحسين تجربتك.</p>"
      "<p>أوافق</p>"
      "</div></body></html>";
  ExtractOptions options;
  options.phrases = std::move(phrases.value());
  ExtractedPage page = Extract(html, options);
  EXPECT_THAT(page.text, HasSubstr("المكتبة ستفتح أبوابها يوميا."));
  EXPECT_THAT(page.text, Not(HasSubstr("الخصوصية")));
  EXPECT_THAT(page.text, Not(HasSubstr("الارتباط")));
  EXPECT_THAT(page.text, Not(HasSubstr("أوافق")));
  // Without the phrase list the notice stays: nothing else marks it.
  EXPECT_THAT(Extract(html).text, HasSubstr("أوافق"));
}

}  // namespace
}  // namespace ghirbal::html

namespace ghirbal::html {
namespace {

TEST(ExtractTest, TitleSiteNameStripped) {
  auto title = [](std::string head) {
    ExtractedPage page;
    ExtractMainText("<html><head>" + head + "</head><body></body></html>", {}, &page);
    return page.title;
  };
  EXPECT_EQ(title("<title>الخبر الأول – جريدة المثال</title>"
                  "<meta property=og:site_name content='جريدة المثال'>"),
            "الخبر الأول");
  EXPECT_EQ(title("<title>Site | A much longer headline here</title>"),
            "A much longer headline here");
  EXPECT_EQ(title("<meta property=og:title content='Cats - a history'><title>x</title>"),
            "Cats - a history");  // og:title is a headline already
  EXPECT_EQ(title("<title>Only a title</title>"), "Only a title");
}

}  // namespace
}  // namespace ghirbal::html

namespace ghirbal::html {
namespace {

TEST(ExtractTest, PagesWithoutParagraphElements) {
  // Text and <br> straight in <body>, and a page without <html>/<body> tags at all.
  EXPECT_EQ(Extract("<html><body>Some plain text page, with commas, written long ago.<br>"
                    "Another line of the same page, with more words in it.</body></html>")
                .text,
            "Some plain text page, with commas, written long ago.\n"
            "Another line of the same page, with more words in it.");
  EXPECT_EQ(Extract("<title>t</title>Some plain text page, with commas, written long ago.<br>"
                    "Another line.<p>And a paragraph after the lines, long enough.")
                .text,
            "Some plain text page, with commas, written long ago.\nAnother line.\n\n"
            "And a paragraph after the lines, long enough.");
}

}  // namespace
}  // namespace ghirbal::html
