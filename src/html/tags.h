// Element names the HTML parser and extractor know, and the HTML5 properties they need.
//
// Names outside the list (custom elements, typos) map to Tag::kUnknown and are kept as
// generic inline containers; their text is never lost.
#pragma once

#include <cstdint>
#include <string_view>

namespace ghirbal::html {

enum class Tag : uint8_t {
  kUnknown = 0,
#define X(id, name) id,
#include "html/tag_list.inc"
#undef X
  kCount,
};

// The tag named `lower_name` (already lower-case ASCII), or Tag::kUnknown.
Tag LookupTag(std::string_view lower_name);
// The lower-case name of `tag` ("" for kUnknown).
std::string_view TagName(Tag tag);

// How the tokenizer reads the content of an element.
enum class ContentModel : uint8_t {
  kNormal,     // tags and text
  kRawText,    // script, style, xmp, iframe, noembed, noframes, noscript: text up to </name>
  kRcData,     // title, textarea: text with character references, up to </name>
  kPlainText,  // plaintext: everything to the end of input
};

ContentModel ContentModelOf(Tag tag);

// Void elements (br, img, meta, ...) never have content or an end tag.
bool IsVoid(Tag tag);

// Start tags that close an open <p> (address, article, div, h1, table, ul, ...).
bool ClosesParagraph(Tag tag);

// Elements that start a new block of text when rendered (p, div, li, h1, tr, ...); other
// elements flow inline.
bool IsBlock(Tag tag);

bool IsHeading(Tag tag);  // h1..h6

}  // namespace ghirbal::html
