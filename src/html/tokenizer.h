// Tokenizer: splits HTML text into start tags, end tags, text, comments and doctypes.
//
// A lean subset of the HTML5 tokenizer, enough to read real pages the way browsers do:
//  - tag and attribute names are lower-cased; attribute values may be double-quoted,
//    single-quoted or unquoted; the first of duplicate attributes wins; a tag cut by the end
//    of input is dropped;
//  - the content of script, style, xmp, iframe, noembed, noframes and noscript is raw text
//    up to the matching end tag; title and textarea are RCDATA (references decoded);
//    plaintext runs to the end of input;
//  - character references are decoded in text and attribute values (entities.h);
//  - comments end at "-->" (or "--!>"; "<!-->" is empty); "<!...>", "<?...>" and "</ ...>"
//    with a non-letter are bogus comments up to '>', so "<![CDATA[x]]>" in HTML content is a
//    comment, as in HTML5;
//  - a '<' that does not start markup is text;
//  - NUL bytes are dropped from text and become U+FFFD in attribute values.
// Not modelled: the script-data escape states, and foreign (SVG/MathML) CDATA sections.
//
// The tokenizer never fails: any byte string yields tokens. Views in a Token stay valid until
// the next call to Next(). Not thread-safe; one tokenizer per input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "html/tags.h"

namespace ghirbal::html {

struct Attribute {
  std::string_view name;   // lower-case
  std::string_view value;  // references decoded
};

struct Token {
  enum class Type { kStartTag, kEndTag, kText, kComment, kDoctype, kEof };
  Type type = Type::kEof;
  Tag tag = Tag::kUnknown;       // for tags
  std::string_view name;         // lower-case tag name, for tags
  std::string_view text;         // text (decoded), comment or doctype content
  bool self_closing = false;     // "<br/>"
  std::vector<Attribute> attributes;
};

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view input) : in_(input) {}

  // Reads the next token; returns false (and a kEof token) at the end of input.
  bool Next(Token* token);

  // Byte offset of the next unread input byte.
  size_t position() const { return pos_; }

 private:
  void ReadText(Token* token);
  void ReadRawText(Token* token);
  bool ReadMarkup(Token* token);  // at '<'; false when the '<' is plain text
  bool ReadTag(Token* token, bool end_tag);
  void ReadBogusComment(Token* token, size_t start);

  std::string_view in_;
  size_t pos_ = 0;
  // After a start tag of a raw-text element: its name (the end tag to wait for) and model.
  std::string raw_name_;
  ContentModel raw_model_ = ContentModel::kNormal;
  std::string scratch_;  // decoded text, lower-cased names, decoded attribute values
  struct AttrSpan {
    size_t name_begin, name_size, value_begin, value_size;
    bool value_in_scratch;
  };
  std::vector<AttrSpan> spans_;
};

}  // namespace ghirbal::html
