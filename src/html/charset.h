// Charset decoding: the raw bytes of an HTML page to UTF-8.
//
// The encoding is chosen as a browser would (WHATWG HTML "encoding sniffing"), in this order:
//  1. a byte order mark: EF BB BF (UTF-8), FF FE (UTF-16LE), FE FF (UTF-16BE); it is removed;
//  2. the charset= parameter of the HTTP Content-Type header;
//  3. <meta charset=...> or <meta http-equiv="Content-Type" content="...; charset=..."> found
//     by the HTML5 prescan of the first kMetaPrescanBytes bytes (comments and other tags
//     skipped, attributes parsed tolerantly), else an XML declaration's encoding= at byte 0;
//  4. detection: bytes that are valid UTF-8 are UTF-8; bytes that are mostly UTF-8 (a few bad
//     sequences among many good multi-byte ones, e.g. a truncated page) are UTF-8 with
//     replacements; otherwise uchardet guesses from a sample of the text; when it cannot,
//     windows-1252 (the browsers' default for most locales).
// Labels are normalized per the WHATWG Encoding Standard ("latin1", "iso-8859-1" and
// "us-ascii" mean windows-1252, "gb2312" means GBK, "x-sjis" means Shift_JIS, ...). An unknown
// or unsupported label (or one of the "replacement" labels such as iso-2022-kr) is ignored and
// the next source is tried. A meta declaring UTF-16 means UTF-8 (as in browsers).
//
// Deliberate departures from browsers, for crawled corpora:
//  - a declared ASCII-compatible legacy encoding (windows-1252, GBK, ...) whose bytes are valid
//    UTF-8 with at least one multi-byte sequence is decoded as UTF-8 (source "detected"): such
//    pages are mislabelled far more often than legacy text happens to validate as UTF-8;
//  - a UTF-16 declaration (HTTP header) on bytes without a NUL byte in the first
//    kMetaPrescanBytes is ignored: UTF-16 markup is half NUL bytes;
//  - a declared UTF-8 page whose bytes are mostly not UTF-8 (at least 8 bad sequences, more
//    bad sequences than good multi-byte ones) ignores that declaration and goes on with the
//    next source. A declared UTF-8 page with a few bad bytes keeps UTF-8, each bad sequence
//    replaced by U+FFFD.
//
// Undecodable bytes become U+FFFD and are counted in `replaced`. Never fails: NUL bytes, binary
// data, bogus labels and empty input all give some UTF-8 output.
//
// Thread-safety: all functions may be called from many threads at once; ICU converters and the
// uchardet detector are cached per thread. Valid UTF-8 (declared or detected) is copied without
// ICU.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ghirbal::html {

// How many leading bytes the meta prescan looks at. HTML5 says 1024; pages with long heads
// often declare later, so we look further (browsers that wait for more bytes do too).
inline constexpr size_t kMetaPrescanBytes = 4096;

// Detection (uchardet, about 10 MB/s on single-byte scripts) reads at most this many bytes of
// a sample of the page's text: tags, scripts, styles and comments left out, ASCII-only runs
// shortened to 64 bytes, so the sample is mostly the bytes that tell encodings apart.
inline constexpr size_t kDetectionSampleBytes = 16 * 1024;

struct DecodedHtml {
  std::string utf8;     // the page as well-formed UTF-8, BOM removed
  std::string charset;  // the WHATWG encoding name used, lowercase: "utf-8", "windows-1256", ...
  size_t replaced = 0;  // undecodable byte sequences replaced by U+FFFD
  std::string source;   // what decided: "bom" | "http" | "meta" | "detected" | "default"
};

// Decodes `bytes` (an HTML page as served) to UTF-8. `content_type_header` is the value of the
// HTTP Content-Type header, or empty when unknown.
DecodedHtml DecodeHtmlToUtf8(std::string_view bytes, std::string_view content_type_header);

// The WHATWG encoding name (lowercase) for `label`, after trimming ASCII whitespace and
// lowercasing; also accepts the names uchardet reports. Empty when the label is unknown, is a
// "replacement" label, or names an encoding this build cannot decode.
std::string_view NormalizeCharsetLabel(std::string_view label);

// The encoding named by the charset= parameter of a Content-Type header value (quoted or not),
// normalized; empty when absent or unknown.
std::string_view CharsetFromContentType(std::string_view content_type);

// The encoding declared by <meta> in the first kMetaPrescanBytes of `bytes` (HTML5 prescan),
// normalized, with UTF-16 declarations meaning UTF-8; empty when none is found.
std::string_view PrescanMetaCharset(std::string_view bytes);

// Decodes `bytes` from `charset` (a name returned by NormalizeCharsetLabel) into `*out`
// (replacing its content); returns the number of U+FFFD replacements. An unknown charset
// decodes as UTF-8.
size_t DecodeCharset(std::string_view bytes, std::string_view charset, std::string* out);

}  // namespace ghirbal::html
