#include "html/tree.h"

#include <algorithm>
#include <array>

#include "html/name_index.h"
#include "html/tokenizer.h"

namespace ghirbal::html {
namespace {

struct AttrEntry {
  std::string_view name;
  AttrName id;
};
constexpr AttrEntry kKeptAttributes[] = {
    {"aria-hidden", AttrName::kAriaHidden}, {"charset", AttrName::kCharset},
    {"class", AttrName::kClass},            {"content", AttrName::kContent},
    {"datetime", AttrName::kDatetime},      {"hidden", AttrName::kHidden},
    {"href", AttrName::kHref},              {"http-equiv", AttrName::kHttpEquiv},
    {"id", AttrName::kId},                  {"itemprop", AttrName::kItemprop},
    {"itemtype", AttrName::kItemtype},      {"lang", AttrName::kLang},
    {"name", AttrName::kName},              {"property", AttrName::kProperty},
    {"rel", AttrName::kRel},                {"role", AttrName::kRole},
    {"style", AttrName::kStyle},            {"type", AttrName::kType},
};

bool LookupAttr(std::string_view name, AttrName* id) {
  static constexpr auto kNames = [] {
    std::array<std::string_view, std::size(kKeptAttributes)> names{};
    for (size_t i = 0; i < names.size(); ++i) names[i] = kKeptAttributes[i].name;
    return names;
  }();
  static const NameIndex index(kNames);
  const int i = index.Find(name);
  if (i < 0) return false;
  *id = kKeptAttributes[i].id;
  return true;
}

bool ContainsNoCase(std::string_view hay, std::string_view lower_needle) {
  if (lower_needle.size() > hay.size()) return false;
  for (size_t i = 0; i + lower_needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < lower_needle.size() &&
           static_cast<char>(hay[i + k] | 0x20) == lower_needle[k]) {
      ++k;
    }
    if (k == lower_needle.size()) return true;
  }
  return false;
}

bool IsTableBoundary(Tag t) {
  return t == Tag::kTable || t == Tag::kTd || t == Tag::kTh || t == Tag::kCaption ||
         t == Tag::kTemplate || t == Tag::kHtml;
}

}  // namespace

void Tree::Clear() {
  nodes_.clear();
  attributes_.clear();
  text_pool_.clear();
  attr_pool_.clear();
  Node doc;
  doc.type = NodeType::kDocument;
  nodes_.push_back(doc);
}

std::string_view Tree::Attribute(uint32_t i, AttrName name) const {
  const Node& n = nodes_[i];
  if (n.type != NodeType::kElement) return {};
  for (uint32_t k = n.data_begin; k < n.data_begin + n.data_size; ++k) {
    const NodeAttribute& a = attributes_[k];
    if (a.name == name) return std::string_view(attr_pool_).substr(a.value_begin, a.value_size);
  }
  return {};
}

bool Tree::HasAttribute(uint32_t i, AttrName name) const {
  const Node& n = nodes_[i];
  if (n.type != NodeType::kElement) return false;
  for (uint32_t k = n.data_begin; k < n.data_begin + n.data_size; ++k) {
    if (attributes_[k].name == name) return true;
  }
  return false;
}

uint32_t Tree::FindFirst(Tag tag) const {
  for (uint32_t i = 1; i < nodes_.size(); ++i) {
    if (nodes_[i].type == NodeType::kElement && nodes_[i].tag == tag) return i;
  }
  return kNoNode;
}

class TreeBuilder {
 public:
  TreeBuilder(const ParseOptions& options, Tree* tree) : options_(options), t_(*tree) {
    open_.push_back(0);
  }

  void Reserve(size_t input_size) {
    t_.text_pool_.reserve(input_size / 4);
    t_.nodes_.reserve(input_size / 64 + 16);
  }

  bool Run(std::string_view html) {
    Tokenizer tokenizer(html);
    Token token;
    uint32_t count = 0;
    while (tokenizer.Next(&token)) {
      if ((++count & 255) == 0 && std::chrono::steady_clock::now() > options_.deadline) {
        return false;
      }
      if (token.type != Token::Type::kText) skip_next_text_ = false;
      switch (token.type) {
        case Token::Type::kText:
          if (!skip_next_text_) AddText(token.text, NodeType::kText);
          skip_next_text_ = false;
          break;
        case Token::Type::kComment:
          if (options_.keep_comments) AddText(token.text, NodeType::kComment);
          break;
        case Token::Type::kStartTag:
          StartTag(token);
          break;
        case Token::Type::kEndTag:
          EndTag(token.tag);
          break;
        default:
          break;
      }
    }
    return true;
  }

 private:
  uint32_t current() const { return open_.back(); }
  Tag current_tag() const { return t_.nodes_[open_.back()].tag; }

  uint32_t Append(Node node) {
    uint32_t parent = current();
    uint32_t index = static_cast<uint32_t>(t_.nodes_.size());
    node.parent = parent;
    Node& p = t_.nodes_[parent];
    if (p.last_child == kNoNode) {
      p.first_child = index;
    } else {
      t_.nodes_[p.last_child].next_sibling = index;
    }
    p.last_child = index;
    t_.nodes_.push_back(node);
    return index;
  }

  bool Full() const {
    return options_.max_nodes != 0 && t_.nodes_.size() >= options_.max_nodes;
  }

  void AddText(std::string_view text, NodeType type) {
    if (text.empty() || Full()) return;
    uint32_t last = t_.nodes_[current()].last_child;
    if (type == NodeType::kText && last != kNoNode && t_.nodes_[last].type == NodeType::kText &&
        t_.nodes_[last].data_begin + t_.nodes_[last].data_size == t_.text_pool_.size()) {
      t_.text_pool_.append(text);
      t_.nodes_[last].data_size += static_cast<uint32_t>(text.size());
      return;
    }
    Node n;
    n.type = type;
    n.data_begin = static_cast<uint32_t>(t_.text_pool_.size());
    n.data_size = static_cast<uint32_t>(text.size());
    t_.text_pool_.append(text);
    Append(n);
  }

  // Index in open_ of the nearest open element with tag `tag`, stopping at a table or cell
  // boundary (and at any tag of `stop_at`); 0 when none.
  size_t FindOpen(Tag tag, std::initializer_list<Tag> stop_at = {}) const {
    if (open_count_[static_cast<size_t>(tag)] == 0) return 0;  // the common case, O(1)
    for (size_t i = open_.size() - 1; i > 0; --i) {
      Tag t = t_.nodes_[open_[i]].tag;
      if (t == tag) return i;
      if (IsTableBoundary(t)) return 0;
      for (Tag s : stop_at) {
        if (t == s) return 0;
      }
    }
    return 0;
  }

  void PopTo(size_t depth) {  // pops open_[depth] and everything above it
    for (size_t i = depth; i < open_.size(); ++i) {
      --open_count_[static_cast<size_t>(t_.nodes_[open_[i]].tag)];
    }
    open_.resize(depth);
  }

  void CloseIfOpen(Tag tag, std::initializer_list<Tag> stop_at = {}) {
    size_t at = FindOpen(tag, stop_at);
    if (at > 0) PopTo(at);
  }

  void StartTag(const Token& token) {
    Tag tag = token.tag;
    switch (tag) {
      case Tag::kHtml:
      case Tag::kHead:
      case Tag::kBody: {
        bool& seen = tag == Tag::kHtml ? seen_html_ : tag == Tag::kHead ? seen_head_ : seen_body_;
        if (seen) return;  // repeated: ignored
        seen = true;
        break;
      }
      case Tag::kLi:
        CloseIfOpen(Tag::kLi, {Tag::kUl, Tag::kOl, Tag::kMenu});
        break;
      case Tag::kDd:
      case Tag::kDt:
        CloseIfOpen(Tag::kDd, {Tag::kDl});
        CloseIfOpen(Tag::kDt, {Tag::kDl});
        break;
      case Tag::kOption:
        if (current_tag() == Tag::kOption) PopTo(open_.size() - 1);
        break;
      case Tag::kOptgroup:
        if (current_tag() == Tag::kOption) PopTo(open_.size() - 1);
        if (current_tag() == Tag::kOptgroup) PopTo(open_.size() - 1);
        break;
      case Tag::kTr:
        CloseIfOpen(Tag::kTd, {Tag::kTr});
        CloseIfOpen(Tag::kTh, {Tag::kTr});
        CloseCellsAndRows(/*rows=*/true, /*sections=*/false);
        break;
      case Tag::kTd:
      case Tag::kTh:
        CloseCellsAndRows(/*rows=*/false, /*sections=*/false);
        break;
      case Tag::kTbody:
      case Tag::kThead:
      case Tag::kTfoot:
        CloseCellsAndRows(/*rows=*/true, /*sections=*/true);
        break;
      case Tag::kA:
        if (current_tag() == Tag::kA) PopTo(open_.size() - 1);
        break;
      default:
        break;
    }
    if (ClosesParagraph(tag)) {
      CloseIfOpen(Tag::kP, {Tag::kButton});
      if (IsHeading(tag) && IsHeading(current_tag())) PopTo(open_.size() - 1);
    }

    if (Full()) return;  // AddText drops the content too
    Node n;
    n.type = NodeType::kElement;
    n.tag = tag;
    n.data_begin = static_cast<uint32_t>(t_.attributes_.size());
    for (const html::Attribute& a : token.attributes) {
      AttrName id;
      if (!LookupAttr(a.name, &id)) continue;
      t_.attributes_.push_back({id, static_cast<uint32_t>(t_.attr_pool_.size()),
                                static_cast<uint32_t>(a.value.size())});
      t_.attr_pool_.append(a.value);
    }
    n.data_size = static_cast<uint32_t>(t_.attributes_.size()) - n.data_begin;
    uint32_t index = Append(n);
    if (IsVoid(tag)) return;
    if (tag == Tag::kUnknown && token.self_closing) return;  // <foo/> in foreign content
    // The raw text of script, style, ... is the next token.
    skip_next_text_ = ContentModelOf(tag) != ContentModel::kNormal && KeepsNoText(token);
    // Too deep: the element stays a leaf, its content goes to the deepest open element.
    if (open_.size() > options_.max_depth) return;
    open_.push_back(index);
    ++open_count_[static_cast<size_t>(tag)];
  }

  // Raw-text elements whose text the extractor never reads.
  static bool KeepsNoText(const Token& token) {
    switch (token.tag) {
      case Tag::kScript:
        for (const html::Attribute& a : token.attributes) {
          if (a.name == "type") return !ContainsNoCase(a.value, "ld+json");
        }
        return true;
      case Tag::kTitle:
      case Tag::kTextarea:
      case Tag::kXmp:
      case Tag::kPlaintext:
        return false;
      default:
        return true;
    }
  }

  void CloseCellsAndRows(bool rows, bool sections) {
    auto open = [this](Tag t) { return open_count_[static_cast<size_t>(t)] > 0; };
    if (!open(Tag::kTd) && !open(Tag::kTh) && !(rows && open(Tag::kTr)) &&
        !(sections && (open(Tag::kTbody) || open(Tag::kThead) || open(Tag::kTfoot)))) {
      return;
    }
    for (size_t i = open_.size() - 1; i > 0; --i) {
      Tag t = t_.nodes_[open_[i]].tag;
      if (t == Tag::kTable || t == Tag::kHtml || t == Tag::kTemplate) return;
      if (t == Tag::kTd || t == Tag::kTh || (rows && t == Tag::kTr) ||
          (sections && (t == Tag::kTbody || t == Tag::kThead || t == Tag::kTfoot))) {
        PopTo(i);
        // Keep going: a section start closes the row around a cell too.
        if (!rows) return;
      }
    }
  }

  void EndTag(Tag tag) {
    switch (tag) {
      case Tag::kBody:
      case Tag::kHtml:
        return;
      case Tag::kBr: {
        Token br;
        br.type = Token::Type::kStartTag;
        br.tag = Tag::kBr;
        StartTag(br);
        return;
      }
      default:
        break;
    }
    if (tag == Tag::kUnknown) {
      // Unknown elements: matched by position only when the open element is unknown too.
      if (current_tag() == Tag::kUnknown && open_.size() > 1) PopTo(open_.size() - 1);
      return;
    }
    size_t at = IsTableBoundary(tag) ? FindOpenAnywhere(tag) : FindOpen(tag);
    if (at > 0) {
      PopTo(at);
    } else if (tag == Tag::kP && !Full()) {  // "</p>" alone: an empty paragraph (HTML5)
      Node n;
      n.type = NodeType::kElement;
      n.tag = Tag::kP;
      n.data_begin = static_cast<uint32_t>(t_.attributes_.size());
      Append(n);
    }
  }

  size_t FindOpenAnywhere(Tag tag) const {
    if (open_count_[static_cast<size_t>(tag)] == 0) return 0;
    for (size_t i = open_.size() - 1; i > 0; --i) {
      Tag t = t_.nodes_[open_[i]].tag;
      if (t == tag) return i;
      if (t == Tag::kTable && tag != Tag::kTable) return 0;
    }
    return 0;
  }

  const ParseOptions& options_;
  Tree& t_;
  std::vector<uint32_t> open_;  // indices of open elements; open_[0] is the document
  uint32_t open_count_[static_cast<size_t>(Tag::kCount)] = {};  // open elements per tag
  bool skip_next_text_ = false;  // the next text is the dropped raw text of script, style...
  bool seen_html_ = false;
  bool seen_head_ = false;
  bool seen_body_ = false;
};

bool ParseHtml(std::string_view html, const ParseOptions& options, Tree* tree) {
  tree->Clear();
  if (html.size() >= 0xFFFFFFFFu) html = html.substr(0, 0xFFFFFFFEu);
  TreeBuilder builder(options, tree);
  builder.Reserve(html.size());
  return builder.Run(html);
}

}  // namespace ghirbal::html
