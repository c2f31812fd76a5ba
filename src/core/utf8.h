// UTF-8 primitives shared by every module: validation, decoding one code point, encoding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ghirbal {

inline constexpr std::string_view kUtf8Replacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence starting at `p` (1..4), or 0 if the bytes there are
// not a well-formed sequence (overlong forms, surrogates and code points above U+10FFFF are
// ill-formed, as in Unicode's definition).
size_t Utf8SequenceLength(const char* p, size_t avail);

// Decodes the code point at `p`; returns its length, or 0 (and *cp = U+FFFD) when ill-formed.
size_t DecodeUtf8(const char* p, size_t avail, char32_t* cp);

void AppendUtf8(std::string* out, char32_t cp);

// True when `s` is entirely well-formed UTF-8 (fast path via simdjson's validator).
bool IsValidUtf8(std::string_view s);

// Returns `s` with every ill-formed sequence replaced by U+FFFD; *replaced counts replacements.
std::string ToValidUtf8(std::string_view s, size_t* replaced = nullptr);

}  // namespace ghirbal
