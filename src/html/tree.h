// Tree: an HTML document parsed into a flat arena of nodes, and the parser that builds it.
//
// Nodes live in one vector and refer to each other by index, so a tree is a few allocations
// whatever its size, and every walk over it is a loop (children always have larger indices
// than their parent, so a reverse scan visits children before parents). Text is stored
// decoded in one string pool.
//
// The tree builder follows the parts of HTML5's tree construction that shape text:
//  - void elements (br, img, meta, ...) never get children;
//  - implied end tags: a block start tag closes an open <p>; <li> closes the open <li> of
//    its list, <dd>/<dt> the open <dd>/<dt>, <option> an open <option>; <tr>, <td>, <th>,
//    <tbody>/<thead>/<tfoot> close the open cells and rows of their table; a heading closes
//    an open heading; a new <a> closes an open <a>;
//  - an end tag closes the nearest open element of that name, unless a table or cell
//    boundary lies in between (then it is ignored, as "not in scope"); an end tag with no
//    matching open element is ignored, except </br> (a <br>) and </p> (an empty <p>);
//  - misnested formatting (<b><i></b></i>) is tolerated: the text is kept in order, the
//    formatting itself is not reconstructed (extraction does not need it);
//  - html, head and body get one node each (repeated tags are ignored); </body> and </html>
//    are ignored, so content after them stays in the body.
// Depth is bounded: past ParseOptions::max_depth open elements, new elements become children
// of the deepest open one without being opened themselves, so 200,000 nested <div>s cost
// memory linear in their number and no recursion anywhere.
//
// Only the attributes the extractor reads are kept (AttrName). Script text is kept only for
// JSON-LD (<script type="application/ld+json">); style, noscript, iframe and other script
// text is dropped.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "html/tags.h"

namespace ghirbal::html {

inline constexpr uint32_t kNoNode = 0xFFFFFFFFu;

enum class NodeType : uint8_t { kDocument, kElement, kText, kComment };

enum class AttrName : uint8_t {
  kClass,
  kId,
  kRole,
  kItemprop,
  kItemtype,
  kHidden,
  kAriaHidden,
  kStyle,
  kLang,
  kHref,
  kContent,
  kProperty,
  kName,
  kDatetime,
  kRel,
  kCharset,
  kHttpEquiv,
  kType,
};

struct Node {
  uint32_t parent = kNoNode;
  uint32_t first_child = kNoNode;
  uint32_t last_child = kNoNode;
  uint32_t next_sibling = kNoNode;
  // Text and comment nodes: byte range of their text in Tree::text_pool().
  // Elements: range of their attributes in Tree::attributes().
  uint32_t data_begin = 0;
  uint32_t data_size = 0;
  NodeType type = NodeType::kElement;
  Tag tag = Tag::kUnknown;
};

struct NodeAttribute {
  AttrName name;
  uint32_t value_begin;  // in Tree::attr_pool()
  uint32_t value_size;
};

struct ParseOptions {
  // Open elements deeper than this are flattened (see above).
  size_t max_depth = 512;
  // Parsing stops (ParseHtml returns false) once this time has passed; checked every few
  // hundred tokens.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  bool keep_comments = false;  // keep comment nodes (the extractor does not need them)
  // At most this many nodes (0: no limit); past it, further elements and text are dropped
  // (the page is cut there, as if truncated), which bounds memory on pathological markup.
  size_t max_nodes = 0;
};

class Tree {
 public:
  // Node 0 is the document node; it exists in every tree, even an empty one.
  Tree() { Clear(); }

  const std::vector<Node>& nodes() const { return nodes_; }
  const Node& node(uint32_t i) const { return nodes_[i]; }
  size_t size() const { return nodes_.size(); }

  // Text of a text or comment node.
  std::string_view Text(uint32_t i) const {
    const Node& n = nodes_[i];
    return std::string_view(text_pool_).substr(n.data_begin, n.data_size);
  }
  // Value of attribute `name` of element `i`, or "" when absent. Valid until the tree changes.
  std::string_view Attribute(uint32_t i, AttrName name) const;
  bool HasAttribute(uint32_t i, AttrName name) const;

  // The first element with tag `tag`, in document order, or kNoNode.
  uint32_t FindFirst(Tag tag) const;

  void Clear();

 private:
  friend class TreeBuilder;
  std::vector<Node> nodes_;
  std::vector<NodeAttribute> attributes_;
  std::string text_pool_;
  std::string attr_pool_;
};

// Parses `html` (UTF-8, or anything: bytes are copied, never interpreted beyond ASCII markup)
// into `tree`, replacing its content. Returns false when the deadline passed; the tree then
// holds what was parsed so far. Inputs of 4 GiB or more are cut at 4 GiB - 1.
bool ParseHtml(std::string_view html, const ParseOptions& options, Tree* tree);

}  // namespace ghirbal::html
