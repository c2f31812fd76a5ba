#include "html/tree.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace ghirbal::html {
namespace {

// Serializes the body of a tree (html/head/body nodes omitted), e.g. "<p>a</p><p>b</p>".
std::string Dump(const Tree& tree) {
  std::string out;
  struct Frame {
    uint32_t node;
    bool exit;
  };
  std::vector<Frame> stack;
  std::vector<uint32_t> kids;
  for (uint32_t k = tree.node(0).first_child; k != kNoNode; k = tree.node(k).next_sibling) {
    kids.push_back(k);
  }
  for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back({*it, false});
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    const Node& n = tree.node(f.node);
    bool shown = n.tag != Tag::kHtml && n.tag != Tag::kHead && n.tag != Tag::kBody;
    if (f.exit) {
      if (shown) out += "</" + std::string(TagName(n.tag)) + ">";
      continue;
    }
    if (n.type == NodeType::kText) {
      out += std::string(tree.Text(f.node));
      continue;
    }
    if (n.type != NodeType::kElement) continue;
    if (shown) out += "<" + std::string(n.tag == Tag::kUnknown ? "?" : TagName(n.tag)) + ">";
    stack.push_back({f.node, true});
    std::vector<uint32_t> kids;
    for (uint32_t k = n.first_child; k != kNoNode; k = tree.node(k).next_sibling) {
      kids.push_back(k);
    }
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back({*it, false});
  }
  return out;
}

std::string Parse(std::string_view html) {
  Tree tree;
  EXPECT_TRUE(ParseHtml(html, ParseOptions(), &tree));
  return Dump(tree);
}

TEST(TreeTest, ImpliedEndTags) {
  EXPECT_EQ(Parse("<p>a<p>b<div>c</div>"), "<p>a</p><p>b</p><div>c</div>");
  EXPECT_EQ(Parse("<ul><li>a<li>b<ul><li>c</ul><li>d</ul>"),
            "<ul><li>a</li><li>b<ul><li>c</li></ul></li><li>d</li></ul>");
  EXPECT_EQ(Parse("<dl><dt>a<dd>b<dt>c</dl>"), "<dl><dt>a</dt><dd>b</dd><dt>c</dt></dl>");
  EXPECT_EQ(Parse("<select><option>a<option>b</select>"),
            "<select><option>a</option><option>b</option></select>");
  EXPECT_EQ(Parse("<table><tr><td>a<td>b<tr><td>c</table>"),
            "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>");
  EXPECT_EQ(Parse("<h1>a<h2>b</h2>"), "<h1>a</h1><h2>b</h2>");
  EXPECT_EQ(Parse("<p>a<table><tr><td>x</td></tr></table>"),
            "<p>a</p><table><tr><td>x</td></tr></table>");
  EXPECT_EQ(Parse("<a>x<a>y"), "<a>x</a><a>y</a>");
}

TEST(TreeTest, VoidElementsAndStrayEndTags) {
  EXPECT_EQ(Parse("a<br>b<img>c</br>d"), "a<br></br>b<img></img>c<br></br>d");
  EXPECT_EQ(Parse("<div>a</span>b</div>"), "<div>ab</div>");
  EXPECT_EQ(Parse("x</p>y"), "x<p></p>y");
}

TEST(TreeTest, MisnestedFormattingKeepsText) {
  EXPECT_EQ(Parse("<p><b>1<i>2</b>3</i>4</p>"), "<p><b>1<i>2</i></b>34</p>");
}

TEST(TreeTest, EndTagOutsideCellIsIgnored) {
  EXPECT_EQ(Parse("<div><table><tr><td>a</div>b</td></tr></table>c</div>"),
            "<div><table><tr><td>ab</td></tr></table>c</div>");
}

TEST(TreeTest, RepeatedBodyAndTextAfterIt) {
  Tree tree;
  ASSERT_TRUE(ParseHtml("<html><body><p>a</p></body></html><body>b", ParseOptions(), &tree));
  EXPECT_EQ(Dump(tree), "<p>a</p>b");
  int bodies = 0;
  for (const Node& n : tree.nodes()) bodies += n.tag == Tag::kBody;
  EXPECT_EQ(bodies, 1);
}

TEST(TreeTest, ScriptTextKeptOnlyForJsonLd) {
  Tree tree;
  ASSERT_TRUE(ParseHtml("<script>var x;</script><script type=\"application/ld+json\">{}"
                        "</script><style>p{}</style><title>T</title>",
                        ParseOptions(), &tree));
  EXPECT_EQ(Dump(tree), "<script></script><script>{}</script><style></style><title>T</title>");
}

TEST(TreeTest, Attributes) {
  Tree tree;
  ASSERT_TRUE(ParseHtml("<div class=\"a b\" ID=main data-x=1 hidden aria-hidden=true>",
                        ParseOptions(), &tree));
  uint32_t div = tree.FindFirst(Tag::kDiv);
  ASSERT_NE(div, kNoNode);
  EXPECT_EQ(tree.Attribute(div, AttrName::kClass), "a b");
  EXPECT_EQ(tree.Attribute(div, AttrName::kId), "main");
  EXPECT_TRUE(tree.HasAttribute(div, AttrName::kHidden));
  EXPECT_EQ(tree.Attribute(div, AttrName::kAriaHidden), "true");
  EXPECT_FALSE(tree.HasAttribute(div, AttrName::kStyle));
}

TEST(TreeTest, EmptyAndNulInputs) {
  EXPECT_EQ(Parse(""), "");
  EXPECT_EQ(Parse("<html><body></body></html>"), "");
  EXPECT_EQ(Parse(std::string_view("<p>a\0b</p>", 10)), "<p>ab</p>");
}

TEST(TreeTest, DeepNestingIsBounded) {
  const int kDepth = 200000;
  std::string html;
  for (int i = 0; i < kDepth; ++i) html += "<div>";
  html += "deep";
  for (int i = 0; i < kDepth; ++i) html += "</div>";
  Tree tree;
  ParseOptions options;
  ASSERT_TRUE(ParseHtml(html, options, &tree));
  EXPECT_EQ(tree.size(), kDepth + 2u);  // document + divs + one text node
  // The deepest chain is bounded by max_depth.
  size_t depth = 0;
  uint32_t text = kNoNode;
  for (uint32_t i = 0; i < tree.size(); ++i) {
    if (tree.node(i).type == NodeType::kText) text = i;
  }
  ASSERT_NE(text, kNoNode);
  EXPECT_EQ(tree.Text(text), "deep");
  for (uint32_t p = tree.node(text).parent; p != kNoNode; p = tree.node(p).parent) ++depth;
  EXPECT_LE(depth, options.max_depth + 1);
}

TEST(TreeTest, HugeTextNode) {
  std::string html = "<p>";
  html.append(50u << 20, 'x');
  html += "</p>";
  Tree tree;
  ASSERT_TRUE(ParseHtml(html, ParseOptions(), &tree));
  ASSERT_EQ(tree.size(), 3u);
  EXPECT_EQ(tree.Text(2).size(), 50u << 20);
}

TEST(TreeTest, NodeBudgetCutsThePage) {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<b>x";
  ParseOptions options;
  options.max_nodes = 1000;
  Tree tree;
  ASSERT_TRUE(ParseHtml(html, options, &tree));
  EXPECT_EQ(tree.size(), 1000u);
}

TEST(TreeTest, DeadlineStopsParsing) {
  std::string html;
  for (int i = 0; i < 10000; ++i) html += "<b>x</b>";
  ParseOptions options;
  options.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  Tree tree;
  EXPECT_FALSE(ParseHtml(html, options, &tree));
}

}  // namespace
}  // namespace ghirbal::html
