#include "html/extract.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ghirbal::html {
namespace {

using Clock = std::chrono::steady_clock;

enum : uint8_t {
  kRemoved = 1,    // boilerplate: the subtree is not content
  kInLink = 2,     // inside <a>
  kInPre = 4,      // inside pre/xmp/textarea/plaintext: whitespace kept
  kCandidate = 8,  // has a container score
  kInHeading = 16,
  kInFigure = 32,
};

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; }

void AppendLower(std::string_view s, std::string* out) {
  for (char c : s) out->push_back(LowerAscii(c));
}

template <size_t N>
bool ContainsAny(std::string_view hay, const std::string_view (&needles)[N]) {
  for (std::string_view n : needles) {
    if (hay.find(n) != std::string_view::npos) return true;
  }
  return false;
}

// Non-space characters (code points) and commas of a text.
void CountText(std::string_view s, uint32_t* chars, uint32_t* commas) {
  uint32_t n = 0, c = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char b = p[i];
    if (b < 0x80) {
      if (b > ' ') {
        ++n;
        if (b == ',') ++c;
      }
    } else if ((b & 0xC0) != 0x80) {
      ++n;
      // U+060C ARABIC COMMA (D8 8C), U+FF0C FULLWIDTH COMMA (EF BC 8C), U+3001 (E3 80 81).
      if (b == 0xD8 && i + 1 < s.size() && p[i + 1] == 0x8C) ++c;
      if (b == 0xEF && i + 2 < s.size() && p[i + 1] == 0xBC && p[i + 2] == 0x8C) ++c;
      if (b == 0xE3 && i + 2 < s.size() && p[i + 1] == 0x80 && p[i + 2] == 0x81) ++c;
      if (b == 0xC2 && i + 1 < s.size() && p[i + 1] == 0xA0) --n;  // NBSP is a space
    }
  }
  *chars = n;
  *commas = c;
}

// Class/id words that mark boilerplate. Substrings of the lower-cased "class id" text.
constexpr std::string_view kUnlikely[] = {
    "-ad-",      "ad-break", "agegate",    "banner",   "breadcrumb", "combx",    "consent",
    "cookie",    "cover-wrap", "extra",    "footer",   "gdpr",       "header",   "legends",
    "menu",      "navbar",   "newsletter", "pager",    "pagination", "popup",    "related",
    "rss",       "shoutbox", "sidebar",    "skyscraper", "social",   "sponsor",  "share",
    "sharing",   "subscribe", "supplemental", "yom-remote", "signup", "promo",   "outbrain",
    "taboola",   "recommend", "trending",  "most-popular", "skip-link", "navigation",
};
constexpr std::string_view kCommentWords[] = {
    "comment", "disqus", "replies", "remark", "community", "respond",
};
constexpr std::string_view kMaybeContent[] = {
    "article", "body", "column", "content", "main", "shadow", "post", "entry", "story",
};
constexpr std::string_view kNegative[] = {
    "-ad-",   "hidden", "banner",  "combx",    "comment", "com-",     "contact",  "foot",
    "footnote", "gdpr", "masthead", "media",   "meta",    "outbrain", "promo",    "related",
    "scroll", "share",  "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags",
    "tool",   "widget", "byline",  "author",  "caption",  "subscribe", "newsletter", "credit",
    "timestamp", "dateline", "posted-on", "entry-date", "post-date", "article-date",
};
constexpr std::string_view kPositive[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main",
    "post",    "text", "blog",    "story", "articlebody", "paragraph",
};

int ClassWeight(std::string_view lower, bool keep_comments) {
  if (lower.empty()) return 0;
  int w = 0;
  if (ContainsAny(lower, kNegative) && !(keep_comments && ContainsAny(lower, kCommentWords))) {
    w -= 25;
  }
  if (ContainsAny(lower, kPositive)) w += 25;
  return w;
}

bool IsDroppedTag(Tag t) {
  switch (t) {
    case Tag::kScript: case Tag::kStyle: case Tag::kNoscript: case Tag::kTemplate:
    case Tag::kHead: case Tag::kTitle: case Tag::kSvg: case Tag::kMath: case Tag::kIframe:
    case Tag::kObject: case Tag::kEmbed: case Tag::kCanvas: case Tag::kVideo: case Tag::kAudio:
    case Tag::kSelect: case Tag::kOption: case Tag::kButton: case Tag::kInput:
    case Tag::kTextarea: case Tag::kNav: case Tag::kAside: case Tag::kFooter:
    case Tag::kHeader: case Tag::kDialog: case Tag::kMenu: case Tag::kApplet:
    case Tag::kNoembed: case Tag::kNoframes: case Tag::kFrameset: case Tag::kDatalist:
    case Tag::kMap: case Tag::kLabel: case Tag::kSearch: case Tag::kFigcaption:
      return true;
    default:
      return false;
  }
}

bool IsNonContentRole(std::string_view role) {
  return role == "navigation" || role == "banner" || role == "contentinfo" ||
         role == "complementary" || role == "menu" || role == "menubar" || role == "dialog" ||
         role == "alert" || role == "alertdialog" || role == "search";
}

bool IsHiddenStyle(std::string_view style) {
  std::string s;
  for (char c : style) {
    if (!IsAsciiSpace(c)) s.push_back(LowerAscii(c));
  }
  return s.find("display:none") != std::string::npos ||
         s.find("visibility:hidden") != std::string::npos;
}

// Separator levels between pieces of text, strongest wins.
enum Sep : uint8_t { kNone = 0, kSpace = 1, kTab = 2, kLine = 3, kPara = 4 };

Sep BlockSep(Tag t) {
  switch (t) {
    case Tag::kLi: case Tag::kDt: case Tag::kDd: case Tag::kTr: case Tag::kOption:
    case Tag::kTbody: case Tag::kThead: case Tag::kTfoot:
      return kLine;
    case Tag::kTd: case Tag::kTh:
      return kTab;
    default:
      return IsBlock(t) ? kPara : kNone;
  }
}

// Renders text with browser-like whitespace handling and block separators.
class TextSink {
 public:
  explicit TextSink(std::string* out) : out_(*out) {}
  void Break(Sep s) { pending_ = std::max(pending_, s); }
  void LineBreak() { pending_ = pending_ >= kLine ? kPara : kLine; }
  void Text(std::string_view s, bool pre) {
    if (pre) {
      size_t start = 0;
      for (size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '\r') {
          if (i > start) {
            Flush();
            out_.append(s.substr(start, i - start));
          }
          start = i + 1;
        }
      }
      return;
    }
    size_t i = 0;
    while (i < s.size()) {
      char c = s[i];
      if (IsAsciiSpace(c)) {
        pending_ = std::max(pending_, kSpace);
        ++i;
        continue;
      }
      if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
        pending_ = std::max(pending_, kSpace);
        i += 2;
        continue;
      }
      size_t j = i + 1;
      while (j < s.size() && !IsAsciiSpace(s[j]) &&
             !(s[j] == '\xC2' && j + 1 < s.size() && s[j + 1] == '\xA0')) {
        ++j;
      }
      Flush();
      out_.append(s.substr(i, j - i));
      i = j;
    }
  }

 private:
  void Flush() {
    if (!out_.empty()) {
      switch (pending_) {
        case kSpace: out_.push_back(' '); break;
        case kTab: out_.push_back('\t'); break;
        case kLine: out_.push_back('\n'); break;
        case kPara: out_.append("\n\n"); break;
        default: break;
      }
    }
    pending_ = kNone;
  }
  std::string& out_;
  Sep pending_ = kNone;
};

// Collapsed text of a subtree, ignoring structure (for titles and headings). Bounded: stops
// after about 4 KiB of text or 20,000 nodes, which only short blocks are ever compared with.
std::string InlineText(const Tree& tree, uint32_t root, std::vector<uint32_t>* stack) {
  std::string out;
  TextSink sink(&out);
  stack->clear();
  uint32_t c = tree.node(root).first_child;
  if (c != kNoNode) stack->push_back(c);
  for (int visited = 0; !stack->empty() && visited < 20000; ++visited) {
    uint32_t i = stack->back();
    stack->pop_back();
    const Node& n = tree.node(i);
    if (n.next_sibling != kNoNode) stack->push_back(n.next_sibling);
    if (n.type == NodeType::kText) {
      sink.Text(tree.Text(i), false);
    } else if (n.type == NodeType::kElement && n.first_child != kNoNode &&
               !IsDroppedTag(n.tag)) {
      sink.Break(kSpace);
      stack->push_back(n.first_child);
    }
    if (out.size() > 4096) break;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Value of "key": "..." in JSON-LD text (first occurrence; simple escapes undone).
std::string JsonLdString(std::string_view json, std::string_view key) {
  std::string quoted = "\"" + std::string(key) + "\"";
  size_t at = json.find(quoted);
  while (at != std::string_view::npos) {
    size_t i = at + quoted.size();
    while (i < json.size() && IsAsciiSpace(json[i])) ++i;
    if (i < json.size() && json[i] == ':') {
      ++i;
      while (i < json.size() && IsAsciiSpace(json[i])) ++i;
      if (i < json.size() && json[i] == '"') {
        std::string value;
        for (++i; i < json.size() && json[i] != '"' && value.size() < 512; ++i) {
          if (json[i] == '\\' && i + 1 < json.size()) ++i;
          value.push_back(json[i]);
        }
        return std::string(Trim(value));
      }
    }
    at = json.find(quoted, at + 1);
  }
  return {};
}

// Strips a site-name part from a <title> ("Headline | Site"): the longest part wins.
std::string CleanTitle(std::string_view title, std::string_view site_name) {
  title = Trim(title);
  if (!site_name.empty() && title.size() > site_name.size() + 3 &&
      title.substr(title.size() - site_name.size()) == site_name) {
    std::string_view rest = Trim(title.substr(0, title.size() - site_name.size()));
    static constexpr std::string_view kTrailing[] = {"|", "-", ":", "\xE2\x80\x93", "\xE2\x80\x94",
                                                     "\xC2\xB7", "\xC2\xBB", "/"};
    for (bool again = true; again;) {
      again = false;
      for (std::string_view sep : kTrailing) {
        if (rest.size() >= sep.size() && rest.substr(rest.size() - sep.size()) == sep) {
          rest = Trim(rest.substr(0, rest.size() - sep.size()));
          again = true;
        }
      }
    }
    if (!rest.empty()) return std::string(rest);
  }
  static constexpr std::string_view kSeparators[] = {" | ", " - ", " \xE2\x80\x93 ",
                                                     " \xE2\x80\x94 ", " :: ", " \xC2\xB7 ",
                                                     " \xC2\xBB ", " // "};
  std::string_view best = title;
  for (std::string_view sep : kSeparators) {
    size_t at = title.find(sep);
    if (at == std::string_view::npos) continue;
    std::string_view best_part;
    size_t start = 0;
    while (true) {
      size_t end = title.find(sep, start);
      std::string_view part = Trim(title.substr(start, end == std::string_view::npos
                                                           ? std::string_view::npos
                                                           : end - start));
      if (part.size() > best_part.size()) best_part = part;
      if (end == std::string_view::npos) break;
      start = end + sep.size();
    }
    best = best_part;
    break;
  }
  return std::string(best);
}

}  // namespace

BoilerplatePhrases ParseBoilerplatePhrases(std::string_view text) {
  BoilerplatePhrases phrases;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty() || line[0] == '#') continue;
    bool exact = line[0] == '=';
    if (exact) line = Trim(line.substr(1));
    if (line.empty()) continue;
    std::string lower;
    AppendLower(line, &lower);
    (exact ? phrases.exact : phrases.contains).push_back(std::move(lower));
  }
  return phrases;
}

Result<BoilerplatePhrases> LoadBoilerplatePhrases(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open phrase file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IoError("cannot read phrase file " + path);
  return ParseBoilerplatePhrases(ss.str());
}

std::string_view ExtractStatusReason(ExtractStatus status) {
  switch (status) {
    case ExtractStatus::kOk: return "";
    case ExtractStatus::kNoMainText: return "no_main_text";
    case ExtractStatus::kTimeout: return "extract_timeout";
  }
  return "";
}

namespace {

// The per-page work of Extractor, with its scratch borrowed.
class PageExtractor {
 public:
  using Info = internal::NodeInfo;

  PageExtractor(const ExtractOptions& options, const Tree& tree, Clock::time_point deadline,
                std::vector<Info>* info, std::vector<uint32_t>* blocks,
                std::vector<uint32_t>* stack)
      : options_(options), tree_(tree), deadline_(deadline), info_(*info), block_of_(*blocks),
        stack_(*stack) {}

  bool TimedOut() {
    if ((++ticks_ & 4095) != 0) return timed_out_;
    if (Clock::now() > deadline_) timed_out_ = true;
    return timed_out_;
  }

  void ReadMetadata(ExtractedPage* page) {
    std::string title_tag, h1, og_title, first_time, jsonld_date, jsonld_author,
        jsonld_headline;
    std::string key;
    for (uint32_t i = 1; i < tree_.size(); ++i) {
      const Node& n = tree_.node(i);
      if (n.type != NodeType::kElement) continue;
      switch (n.tag) {
        case Tag::kHtml:
          if (page->language.empty()) page->language = std::string(Trim(tree_.Attribute(i, AttrName::kLang)));
          break;
        case Tag::kTitle:
          if (title_tag.empty()) title_tag = InlineText(tree_, i, &stack_);
          break;
        case Tag::kH1:
          if (h1.empty()) h1 = InlineText(tree_, i, &stack_);
          break;
        case Tag::kTime:
          if (first_time.empty()) first_time = Trim(tree_.Attribute(i, AttrName::kDatetime));
          if (page->date.empty() && tree_.Attribute(i, AttrName::kItemprop) == "datePublished") {
            page->date = Trim(tree_.Attribute(i, AttrName::kDatetime));
          }
          break;
        case Tag::kLink: {
          key.clear();
          AppendLower(tree_.Attribute(i, AttrName::kRel), &key);
          if (key == "canonical" && page->canonical_url.empty()) {
            page->canonical_url = Trim(tree_.Attribute(i, AttrName::kHref));
          }
          break;
        }
        case Tag::kScript:
          if (n.first_child != kNoNode && tree_.node(n.first_child).type == NodeType::kText) {
            std::string_view json = tree_.Text(n.first_child);
            if (jsonld_date.empty()) jsonld_date = JsonLdString(json, "datePublished");
            if (jsonld_headline.empty()) jsonld_headline = JsonLdString(json, "headline");
            if (jsonld_author.empty()) {
              size_t at = json.find("\"author\"");
              if (at != std::string_view::npos) {
                jsonld_author = JsonLdString(json.substr(at, 600), "name");
                if (jsonld_author.empty()) jsonld_author = JsonLdString(json.substr(at), "author");
              }
            }
          }
          break;
        case Tag::kMeta: {
          key.clear();
          std::string_view k = tree_.Attribute(i, AttrName::kProperty);
          if (k.empty()) k = tree_.Attribute(i, AttrName::kName);
          if (k.empty()) k = tree_.Attribute(i, AttrName::kItemprop);
          if (k.empty()) k = tree_.Attribute(i, AttrName::kHttpEquiv);
          AppendLower(Trim(k), &key);
          std::string_view v = Trim(tree_.Attribute(i, AttrName::kContent));
          if (v.empty()) v = Trim(tree_.Attribute(i, AttrName::kDatetime));
          if (v.empty() || key.empty()) break;
          auto set = [v](std::string* field) {
            if (field->empty()) *field = std::string(v);
          };
          if (key == "og:title" || key == "twitter:title") {
            set(&og_title);
          } else if (key == "og:site_name") {
            set(&page->site_name);
          } else if (key == "og:url") {
            if (page->canonical_url.empty()) og_url_ = std::string(v);
          } else if (key == "description" || key == "og:description") {
            set(&page->description);
          } else if (key == "article:published_time" || key == "datepublished" ||
                     key == "date" || key == "pubdate" || key == "publishdate" ||
                     key == "dc.date" || key == "dc.date.issued" || key == "dcterms.date" ||
                     key == "sailthru.date" || key == "parsely-pub-date" ||
                     key == "article.published" || key == "og:published_time") {
            set(&page->date);
          } else if (key == "author" || key == "dc.creator" || key == "article:author" ||
                     key == "parsely-author" || key == "sailthru.author") {
            if (v.substr(0, 4) != "http") set(&page->author);
          } else if (key == "content-language") {
            set(&http_equiv_language_);
          }
          break;
        }
        default:
          break;
      }
    }
    if (page->date.empty()) page->date = !jsonld_date.empty() ? jsonld_date : first_time;
    if (page->author.empty()) page->author = jsonld_author;
    if (page->canonical_url.empty()) page->canonical_url = og_url_;
    if (page->language.empty()) page->language = http_equiv_language_;
    std::string_view site = page->site_name;
    if (!og_title.empty()) {
      page->title = CleanTitle(og_title, site);
      if (page->title.size() < og_title.size() && site.empty()) page->title = og_title;
    } else if (!jsonld_headline.empty()) {
      page->title = jsonld_headline;
    } else if (!h1.empty() && h1.size() < 400) {
      page->title = std::string(Trim(h1));
    } else {
      page->title = CleanTitle(title_tag, site);
    }
    title_key_ = Letters(page->title);
    title_tag_key_ = Letters(title_tag);
    title_chars_ = static_cast<uint32_t>(std::max(title_key_.size(), title_tag_key_.size()));
  }

  // Marks boilerplate and counts text. `strip_unlikely`: drop class/id-matched boilerplate.
  void Measure(bool strip_unlikely) {
    const size_t n = tree_.size();
    info_.assign(n, Info{});
    block_of_.assign(n, 0);
    std::string cls;
    for (uint32_t i = 1; i < n && !TimedOut(); ++i) {
      const Node& node = tree_.node(i);
      const uint32_t p = node.parent;
      Info& in = info_[i];
      in.flags = info_[p].flags & (kRemoved | kInLink | kInPre | kInHeading | kInFigure);
      if (node.type == NodeType::kText) {
        block_of_[i] = block_of_[p];
        if (in.flags & kRemoved) continue;
        uint32_t chars, commas;
        CountText(tree_.Text(i), &chars, &commas);
        in.text = chars;
        in.commas = commas;
        if (in.flags & kInHeading) in.headings = chars;
        if (in.flags & kInLink) {
          in.link = chars;
        } else {
          info_[block_of_[i]].direct += chars;
          info_[block_of_[i]].dcommas += commas;
        }
        continue;
      }
      if (node.type != NodeType::kElement) {
        in.flags |= kRemoved;
        continue;
      }
      const Tag tag = node.tag;
      block_of_[i] = (IsBlock(tag) || tag == Tag::kTd || tag == Tag::kTh) ? i : block_of_[p];
      if (tag == Tag::kA) in.flags |= kInLink;
      if (tag == Tag::kPre || tag == Tag::kXmp || tag == Tag::kPlaintext) in.flags |= kInPre;
      if (IsHeading(tag)) in.flags |= kInHeading;
      if (tag == Tag::kFigure) in.flags |= kInFigure;
      if (in.flags & kRemoved) continue;
      if (IsDroppedTag(tag) || tree_.HasAttribute(i, AttrName::kHidden) ||
          tree_.Attribute(i, AttrName::kAriaHidden) == "true" ||
          IsNonContentRole(tree_.Attribute(i, AttrName::kRole))) {
        in.flags |= kRemoved;
        continue;
      }
      std::string_view style = tree_.Attribute(i, AttrName::kStyle);
      if (!style.empty() && IsHiddenStyle(style)) {
        in.flags |= kRemoved;
        continue;
      }
      std::string_view itemprop = tree_.Attribute(i, AttrName::kItemprop);
      bool article_body = itemprop == "articleBody" || itemprop == "text";
      std::string_view class_attr = tree_.Attribute(i, AttrName::kClass);
      std::string_view id_attr = tree_.Attribute(i, AttrName::kId);
      if (class_attr.empty() && id_attr.empty() && !article_body) continue;
      cls.clear();
      AppendLower(class_attr, &cls);
      cls.push_back(' ');
      AppendLower(id_attr, &cls);
      if (strip_unlikely && tag != Tag::kBody && tag != Tag::kHtml && tag != Tag::kA &&
          tag != Tag::kArticle && tag != Tag::kMain && !article_body) {
        bool unlikely = ContainsAny(cls, kUnlikely) ||
                        (!options_.keep_comments && ContainsAny(cls, kCommentWords));
        if (unlikely && !ContainsAny(cls, kMaybeContent)) {
          in.flags |= kRemoved;
          continue;
        }
      }
      int w = ClassWeight(cls, options_.keep_comments);
      if (article_body) w += 50;
      in.weight = static_cast<int16_t>(w);
    }
    // Bottom-up sums: children have larger indices than their parent.
    for (uint32_t i = static_cast<uint32_t>(n) - 1; i >= 1; --i) {
      const Node& node = tree_.node(i);
      Info& in = info_[i];
      if (in.flags & kRemoved) {
        // Form inputs are never text, but a block full of them is a form, not content.
        if (node.tag == Tag::kInput && !(info_[node.parent].flags & kRemoved)) {
          ++info_[node.parent].inputs;
        }
        continue;
      }
      if (node.type == NodeType::kElement) {
        // Readability turns divs holding text directly into paragraphs: count them too.
        in.paras += node.tag == Tag::kP || (node.tag == Tag::kDiv && in.direct >= 25);
        in.items += node.tag == Tag::kLi;
        in.images += node.tag == Tag::kImg;
      }
      Info& pi = info_[node.parent];
      pi.text += in.text;
      pi.link += in.link;
      pi.commas += in.commas;
      pi.paras += in.paras;
      pi.items += in.items;
      pi.images += in.images;
      pi.inputs += in.inputs;
      pi.headings += in.headings;
    }
  }

  float LinkDensity(uint32_t i) const {
    const Info& in = info_[i];
    return in.text == 0 ? 0.f : static_cast<float>(in.link) / in.text;
  }

  void InitCandidate(uint32_t i) {
    Info& in = info_[i];
    if (in.flags & kCandidate) return;
    in.flags |= kCandidate;
    float s = 0;
    switch (tree_.node(i).tag) {
      case Tag::kDiv: case Tag::kArticle: case Tag::kMain: case Tag::kSection: s = 5; break;
      case Tag::kPre: case Tag::kTd: case Tag::kBlockquote: s = 3; break;
      case Tag::kAddress: case Tag::kOl: case Tag::kUl: case Tag::kDl: case Tag::kDd:
      case Tag::kDt: case Tag::kLi: case Tag::kForm: s = -3; break;
      case Tag::kH1: case Tag::kH2: case Tag::kH3: case Tag::kH4: case Tag::kH5: case Tag::kH6:
      case Tag::kTh: s = -5; break;
      default: break;
    }
    // A class name alone must not make a short block the content: the weight counts fully
    // from 500 characters of text on.
    in.score = s + in.weight * std::min(1.f, in.text / 500.f);
  }

  // Scores containers; returns the best one or kNoNode when no paragraph qualifies.
  uint32_t ScoreCandidates() {
    const uint32_t n = static_cast<uint32_t>(tree_.size());
    // Text flowing directly in <body> (or <html>, or the document when tags are missing)
    // makes them candidates (old hand-written pages: text and <br>, no <p>).
    for (uint32_t b = 0; b < n; ++b) {
      const Info& bi = info_[b];
      if (bi.direct < 25 || (bi.flags & kRemoved)) continue;
      const Node& node = tree_.node(b);
      if (node.type != NodeType::kElement && b != 0) continue;
      Tag t = node.tag;
      if (IsHeading(t)) continue;
      float content = 1.f + bi.dcommas + std::min(bi.direct / 100.f, 3.f);
      // List items are not scored (navigation and link lists are made of them).
      if (t == Tag::kLi || t == Tag::kDt || t == Tag::kDd || t == Tag::kTh) continue;
      bool paragraph_tag = t == Tag::kP || t == Tag::kPre || t == Tag::kTd ||
                           t == Tag::kBlockquote;
      uint32_t a = paragraph_tag ? node.parent : b;
      for (int level = 0; level < 5 && a != kNoNode && (a != 0 || level == 0); ++level) {
        if (a != 0 && tree_.node(a).type != NodeType::kElement) break;
        InitCandidate(a);
        float divider = level == 0 ? 1.f : level == 1 ? 2.f : level * 3.f;
        info_[a].score += content / divider;
        a = tree_.node(a).parent;
      }
    }
    uint32_t top = kNoNode;
    float best = 0;
    for (uint32_t i = 0; i < n; ++i) {
      Info& in = info_[i];
      if (!(in.flags & kCandidate) || (in.flags & kRemoved)) continue;
      in.score *= 1.f - LinkDensity(i);
      if (top == kNoNode || in.score > best) {
        top = i;
        best = in.score;
      }
    }
    return top;
  }

  // Moves the top candidate up while its parent is as good (Readability's rules).
  uint32_t RefineTop(uint32_t top) {
    float last = info_[top].score;
    float threshold = last / 3;
    for (uint32_t p = tree_.node(top).parent; p != kNoNode && p != 0;
         p = tree_.node(p).parent) {
      Tag t = tree_.node(p).tag;
      if (t == Tag::kBody || t == Tag::kHtml) break;
      if (!(info_[p].flags & kCandidate)) continue;
      if (info_[p].score < threshold) break;
      if (info_[p].score > last) {
        top = p;
        break;
      }
      last = info_[p].score;
    }
    // An only child stands for its parent.
    while (true) {
      uint32_t p = tree_.node(top).parent;
      if (p == kNoNode || p == 0) break;
      Tag t = tree_.node(p).tag;
      if (t == Tag::kBody || t == Tag::kHtml) break;
      if (info_[p].text != info_[top].text) break;
      top = p;
    }
    return top;
  }

  // True when element `i`, inside the content, looks like boilerplate (Readability's
  // conditional cleaning, plus link-dense lists).
  bool Prune(uint32_t i) const {
    const Node& node = tree_.node(i);
    const Info& in = info_[i];
    Tag t = node.tag;
    if (IsHeading(t)) {
      return in.weight < 0 || LinkDensity(i) > 0.5f;
    }
    // Small blocks named like boilerplate (captions, bylines, share bars) anywhere.
    if (in.weight < 0 && in.text < 300 && t != Tag::kBody) return true;
    // Paragraphs that are mostly links ("SEE MORE: ...", teaser lines).
    if ((t == Tag::kP || t == Tag::kLi) && in.text < 200 && LinkDensity(i) > 0.5f) return true;
    bool list = t == Tag::kUl || t == Tag::kOl;
    if (!(t == Tag::kDiv || t == Tag::kSection || t == Tag::kTable || list ||
          t == Tag::kForm || t == Tag::kFieldset || t == Tag::kDl)) {
      return false;
    }
    float score = (in.flags & kCandidate) ? in.score : 0.f;
    if (in.weight + score < 0) return true;
    if (in.commas >= 10) return false;
    float ld = LinkDensity(i);
    int64_t p = in.paras, img = in.images, li = static_cast<int64_t>(in.items) - 100;
    bool in_figure = in.flags & kInFigure;
    float heading_density = in.text == 0 ? 0.f : static_cast<float>(in.headings) / in.text;
    if (img > 1 && static_cast<float>(p) / img < 0.5f && !in_figure && in.text < 200) return true;
    if (!list && li > p) return true;
    if (static_cast<int64_t>(in.inputs) > p / 3) return true;
    if (!list && t != Tag::kTable && heading_density < 0.9f && in.text < 25 &&
        (img == 0 || img > 2) && !in_figure) {
      return true;
    }
    if (!list && in.weight < 25 && ld > 0.2f) return true;
    if (in.weight >= 25 && ld > 0.5f) return true;
    if (list && ld > 0.5f) return true;
    return false;
  }

  // The subtree text of `root` rendered into `sink`, boilerplate pruned.
  void Render(uint32_t root, TextSink* sink) {
    struct Frame {
      uint32_t node;
      bool exit;
    };
    std::vector<Frame> frames;
    frames.push_back({root, false});
    while (!frames.empty() && !TimedOut()) {
      Frame f = frames.back();
      frames.pop_back();
      const Node& node = tree_.node(f.node);
      if (f.exit) {
        sink->Break(BlockSep(node.tag));
        continue;
      }
      const Info& in = info_[f.node];
      if (node.type == NodeType::kText) {
        if (!(in.flags & kRemoved)) sink->Text(tree_.Text(f.node), in.flags & kInPre);
        continue;
      }
      if ((node.type != NodeType::kElement && f.node != 0) || (in.flags & kRemoved)) continue;
      if (Prune(f.node)) {
        if (IsHeading(node.tag) && LinkDensity(f.node) > 0.5f) ++link_headings_;
        continue;
      }
      if (node.tag == Tag::kBr) {
        sink->LineBreak();
        continue;
      }
      if (node.tag == Tag::kHr) {
        sink->Break(kPara);
        continue;
      }
      if (LooksLikeHeadline(f.node)) continue;  // kept apart, in the title
      if (MatchesPhrase(f.node)) continue;
      Sep sep = BlockSep(node.tag);
      sink->Break(sep);
      if (sep != kNone) frames.push_back({f.node, true});
      // Children in document order: push in reverse.
      size_t mark = frames.size();
      for (uint32_t c = node.first_child; c != kNoNode; c = tree_.node(c).next_sibling) {
        frames.push_back({c, false});
      }
      std::reverse(frames.begin() + mark, frames.end());
    }
  }

  // True when block `i` repeats the page title (or is a part of it, or contains it),
  // comparing letters and digits only.
  bool LooksLikeHeadline(uint32_t i) {
    const Node& n = tree_.node(i);
    if (!(IsHeading(n.tag) || n.tag == Tag::kP || n.tag == Tag::kDiv)) return false;
    uint32_t chars = info_[i].text;
    if (chars < 4 || chars > title_chars_ * 2 + 8) return false;
    std::string key = Letters(InlineText(tree_, i, &stack_));
    if (key.size() < 4) return false;
    for (const std::string& title : {title_key_, title_tag_key_}) {
      if (title.empty()) continue;
      if (key == title || (key.size() >= 10 && title.find(key) != std::string::npos) ||
          (title.size() >= 10 && key.find(title) != std::string::npos)) {
        return true;
      }
    }
    return false;
  }

  // True when block `i` is short and matches a boilerplate phrase.
  bool MatchesPhrase(uint32_t i) {
    const BoilerplatePhrases& phrases = options_.phrases;
    if (phrases.empty() || info_[i].text == 0 || info_[i].text >= 120) return false;
    if (BlockSep(tree_.node(i).tag) == kNone) return false;
    std::string text = InlineText(tree_, i, &stack_);
    std::string lower;
    AppendLower(Trim(text), &lower);
    for (const std::string& p : phrases.contains) {
      if (lower.find(p) != std::string::npos) return true;
    }
    std::string_view whole = lower;
    while (!whole.empty() && (whole.back() == ':' || whole.back() == '.' ||
                              whole.back() == '!' || IsAsciiSpace(whole.back()))) {
      whole.remove_suffix(1);
    }
    for (const std::string& p : phrases.exact) {
      if (whole == p) return true;
    }
    return false;
  }

  // `s` without spaces, ASCII punctuation and General Punctuation (U+2000..U+206F),
  // ASCII lower-cased.
  static std::string Letters(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = s[i];
      if (c < 0x80) {
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) out.push_back(c);
        if (c >= 'A' && c <= 'Z') out.push_back(c | 0x20);
      } else if (c == 0xE2 && i + 2 < s.size() &&
                 (static_cast<unsigned char>(s[i + 1]) == 0x80 ||
                  static_cast<unsigned char>(s[i + 1]) == 0x81)) {
        i += 2;
      } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        ++i;
      } else {
        out.push_back(c);
      }
    }
    return out;
  }

  // Selects the content and renders it into `out`.
  void ExtractText(bool strip_unlikely, std::string* out) {
    out->clear();
    rendered_.clear();
    link_headings_ = 0;
    Measure(strip_unlikely);
    if (timed_out_) return;
    uint32_t top = ScoreCandidates();
    if (top == kNoNode) return;
    top = RefineTop(top);
    TextSink sink(out);
    uint32_t parent = tree_.node(top).parent;
    Tag parent_tag = parent == kNoNode ? Tag::kUnknown : tree_.node(parent).tag;
    if (parent == kNoNode || parent == 0 || parent_tag == Tag::kHtml) {
      Render(top, &sink);
      rendered_.push_back(top);
      if (options_.keep_comments) RenderComments(&sink);
      return;
    }
    float top_score = info_[top].score;
    float threshold = std::max(10.f, top_score * 0.2f);
    std::string_view top_class = tree_.Attribute(top, AttrName::kClass);
    for (uint32_t s = tree_.node(parent).first_child; s != kNoNode;
         s = tree_.node(s).next_sibling) {
      const Node& sn = tree_.node(s);
      const Info& si = info_[s];
      if (si.flags & kRemoved) continue;
      bool append = s == top;
      if (!append && sn.type == NodeType::kElement) {
        float bonus = 0;
        if (!top_class.empty() && tree_.Attribute(s, AttrName::kClass) == top_class) {
          bonus = top_score * 0.2f;
        }
        if ((si.flags & kCandidate) && si.score + bonus >= threshold) {
          append = true;
        } else if (sn.tag == Tag::kP) {
          float ld = LinkDensity(s);
          if (si.text > 80 && ld < 0.25f) {
            append = true;
          } else if (si.text > 0 && si.text <= 80 && ld == 0) {
            std::string t = InlineText(tree_, s, &stack_);
            std::string_view tv = Trim(t);
            append = tv.find(". ") != std::string_view::npos ||
                     (!tv.empty() && tv.back() == '.');
          }
        }
      }
      if (append) {
        sink.Break(kPara);
        Render(s, &sink);
        sink.Break(kPara);
        rendered_.push_back(s);
      }
    }
    if (options_.keep_comments) RenderComments(&sink);
  }

  // Appends the outermost comment sections that are not part of the content already.
  void RenderComments(TextSink* sink) {
    std::string cls;
    for (uint32_t i = 1; i < tree_.size() && !TimedOut(); ++i) {
      const Node& n = tree_.node(i);
      if (n.type != NodeType::kElement || (info_[i].flags & kRemoved) || info_[i].text < 25) {
        continue;
      }
      cls.clear();
      AppendLower(tree_.Attribute(i, AttrName::kClass), &cls);
      cls.push_back(' ');
      AppendLower(tree_.Attribute(i, AttrName::kId), &cls);
      if (!ContainsAny(cls, kCommentWords) || Within(i)) continue;
      sink->Break(kPara);
      Render(i, sink);
      sink->Break(kPara);
      rendered_.push_back(i);
    }
  }

  // True when `i` is inside (or is) a subtree rendered already.
  bool Within(uint32_t i) const {
    for (uint32_t a = i; a != kNoNode; a = tree_.node(a).parent) {
      if (std::find(rendered_.begin(), rendered_.end(), a) != rendered_.end()) return true;
    }
    return false;
  }

  bool timed_out() const { return timed_out_; }
  // Headings made of a link (teaser titles) met in the content by the last ExtractText.
  uint32_t link_headings() const { return link_headings_; }

 private:
  const ExtractOptions& options_;
  const Tree& tree_;
  Clock::time_point deadline_;
  std::vector<Info>& info_;
  std::vector<uint32_t>& block_of_;
  std::vector<uint32_t>& stack_;
  uint32_t ticks_ = 0;
  bool timed_out_ = false;
  std::string title_key_, title_tag_key_, og_url_, http_equiv_language_;
  uint32_t title_chars_ = 0;  // bytes of the longer title key
  std::vector<uint32_t> rendered_;  // roots of the subtrees rendered into the text
  uint32_t link_headings_ = 0;
};

size_t CountNonSpace(std::string_view s) {
  uint32_t chars, commas;
  CountText(s, &chars, &commas);
  return chars;
}

}  // namespace

ExtractStatus Extractor::Extract(std::string_view html, ExtractedPage* page) {
  *page = ExtractedPage();
  Clock::time_point deadline = options_.timeout_ms > 0
                                   ? Clock::now() + std::chrono::milliseconds(options_.timeout_ms)
                                   : Clock::time_point::max();
  ParseOptions parse;
  parse.deadline = deadline;
  parse.max_depth = static_cast<size_t>(std::max<int64_t>(options_.max_depth, 1));
  // Bounds memory on pathological markup ("<b><b><b>..."): real pages use 30-100 bytes of
  // HTML per node; with about 80 bytes of tree and scratch per node, one node per 4 bytes
  // keeps memory within ~20x the page in the worst case (about 2x on real pages).
  parse.max_nodes = html.size() / 4 + 4096;
  if (!ParseHtml(html, parse, &tree_)) return ExtractStatus::kTimeout;

  PageExtractor page_extractor(options_, tree_, deadline, &info_, &block_of_, &stack_);
  page_extractor.ReadMetadata(page);
  page_extractor.ExtractText(/*strip_unlikely=*/true, &page->text);
  if (page_extractor.timed_out()) return ExtractStatus::kTimeout;
  size_t chars = CountNonSpace(page->text);
  uint32_t teasers = page_extractor.link_headings();
  if (chars < 500) {
    // Little text: the class/id rules may have removed the content; retry without them and
    // keep the longer result (Readability's fallback).
    std::string retry;
    page_extractor.ExtractText(/*strip_unlikely=*/false, &retry);
    if (page_extractor.timed_out()) return ExtractStatus::kTimeout;
    size_t retry_chars = CountNonSpace(retry);
    if (retry_chars > chars * 2 && retry_chars > chars + 100) {
      page->text.swap(retry);
      chars = retry_chars;
      teasers = page_extractor.link_headings();
    }
  }
  // A listing (home page, category page): the "content" is teasers, each a linked heading
  // with a short summary.
  if (teasers >= 4 && chars < teasers * 400) chars = 0;
  if (static_cast<int64_t>(chars) < options_.min_text_chars) {
    page->text.clear();
    return ExtractStatus::kNoMainText;
  }
  // Pre-formatted text may start or end with blank space; the text never does.
  size_t last = page->text.find_last_not_of(" \t\n\r\f");
  page->text.erase(last == std::string::npos ? 0 : last + 1);
  page->text.erase(0, page->text.find_first_not_of(" \t\n\r\f"));
  if (options_.title_in_text && !page->title.empty()) {
    page->text.insert(0, page->title + "\n\n");
  }
  return ExtractStatus::kOk;
}

ExtractStatus ExtractMainText(std::string_view html_utf8, const ExtractOptions& options,
                              ExtractedPage* page) {
  Extractor extractor(options);
  return extractor.Extract(html_utf8, page);
}

}  // namespace ghirbal::html
