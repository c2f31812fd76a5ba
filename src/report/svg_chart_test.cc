#include "report/svg_chart.h"

#include <gtest/gtest.h>

namespace ghirbal {
namespace {

TEST(HtmlEscapeTest, MarkupCannotSurvive) {
  EXPECT_EQ(HtmlEscape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(HtmlEscape("</textarea><img src=x onerror=\"a\">"),
            "&lt;/textarea&gt;&lt;img src=x onerror=&quot;a&quot;&gt;");
  EXPECT_EQ(HtmlEscape("a & b 'c'"), "a &amp; b &#39;c&#39;");
  EXPECT_EQ(HtmlEscape("line\n\ttab"), "line\n\ttab");
}

TEST(HtmlEscapeTest, ControlCharactersAndBadBytesBecomeInert) {
  EXPECT_EQ(HtmlEscape(std::string("a\0b", 3)), "a\u2400b");
  EXPECT_EQ(HtmlEscape("\x1B[31m"), "\u241B[31m");
  EXPECT_EQ(HtmlEscape("\x7F"), "\uFFFD");
  EXPECT_EQ(HtmlEscape("\xC2\x85"), "\uFFFD");  // U+0085, a C1 control
  EXPECT_EQ(HtmlEscape("\xFF<"), "\uFFFD&lt;");
  EXPECT_EQ(HtmlEscape("\xE0\x80\xBC"), "\uFFFD\uFFFD\uFFFD");  // overlong '<' is not '<'
  EXPECT_EQ(HtmlEscape("نص عربي"), "نص عربي");
}

TEST(FormatTest, CountsAndValues) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(1234567), "1,234,567");
  EXPECT_EQ(FormatValue(0.8), "0.8");
  EXPECT_EQ(FormatValue(1250), "1250");
}

TEST(BarChartTest, EscapesLabelsAndDrawsEveryBar) {
  std::string svg = BarChartSvg("Rejects <by rule>", "documents", {{"<script>x", 10, ""}, {"ar", 5, "mean 0.9"}});
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;x"), std::string::npos);
  EXPECT_NE(svg.find("Rejects &lt;by rule&gt;"), std::string::npos);
  EXPECT_NE(svg.find("mean 0.9"), std::string::npos);
  EXPECT_NE(svg.find(">documents<"), std::string::npos);  // axis label
}

TEST(HistogramTest, StacksKeptAndRejectedAndDrawsThresholds) {
  ValueSketch kept, rejected;
  for (int i = 50; i < 100; ++i) kept.Add(i / 100.0);
  for (int i = 0; i < 50; ++i) rejected.Add(i / 100.0);
  HistogramSpec h;
  h.title = "language_score";
  h.x_label = "score";
  h.kept = &kept;
  h.rejected = &rejected;
  h.thresholds = {{0.5, "langid.min_score = 0.5"}};
  std::string svg = HistogramSvg(h);
  EXPECT_NE(svg.find("class=\"threshold\""), std::string::npos);
  EXPECT_NE(svg.find("langid.min_score = 0.5"), std::string::npos);
  EXPECT_NE(svg.find(" kept</title>"), std::string::npos);
  EXPECT_NE(svg.find(" rejected</title>"), std::string::npos);
  EXPECT_EQ(svg.find("log scale"), std::string::npos);
  EXPECT_NE(svg.find(">0.2</text>"), std::string::npos);  // round ticks: 0, 0.2, 0.4, ...
  EXPECT_NE(svg.find(">0.8</text>"), std::string::npos);
  // Values spanning decades get a log axis.
  ValueSketch lengths;
  for (double v : {0.0, 10.0, 100.0, 10000.0}) lengths.Add(v);
  h.kept = &lengths;
  h.rejected = nullptr;
  h.thresholds.clear();
  svg = HistogramSvg(h);
  EXPECT_NE(svg.find("log scale (zeros in the first bar)"), std::string::npos);
  // Nothing to draw.
  ValueSketch empty;
  h.kept = &empty;
  EXPECT_NE(HistogramSvg(h).find("no values"), std::string::npos);
}

}  // namespace
}  // namespace ghirbal
