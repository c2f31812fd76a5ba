// HTML character references (&amp; &#x627; &eacute ...), decoded as the HTML5 tokenizer does.
//
// The named table is the full WHATWG list (2,231 names, generated into entity_table.inc from
// Python's html.entities by gen_entity_table.py). Numeric references follow HTML5's fix-ups:
// 0, surrogates and values above U+10FFFF become U+FFFD, and 0x80-0x9F map through
// windows-1252 as browsers do.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ghirbal::html {

// Decodes the character reference starting at in[pos] (which must be '&') and appends its
// value to `out`. Returns the number of input bytes consumed, or 0 when the text there is not
// a reference (the caller then keeps the '&' as text). In attribute values
// (`in_attribute`), a legacy reference without ';' followed by an alphanumeric or '=' is not
// decoded, as HTML5 says ("?a=1&copy=2" keeps "&copy").
size_t DecodeCharRef(std::string_view in, size_t pos, bool in_attribute, std::string* out);

// Appends `in` to `out` with every character reference decoded.
void AppendDecoded(std::string_view in, bool in_attribute, std::string* out);

}  // namespace ghirbal::html
