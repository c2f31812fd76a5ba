// Parsing the HTTP response stored in a WARC `response` record, and undoing its transfer and
// content encodings so the body is the document as the server meant it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/document.h"

namespace ghirbal {

// Parses the status line and headers at the start of `block` into `*http` (header names
// lower-cased, values trimmed, in order; lines without a colon are ignored as browsers do).
// Sets `*head_size` to the bytes taken by the head, blank line included. Returns false when
// `block` does not start with "HTTP/" and a status code, or has no end of head within
// `max_head_bytes`. A head that ends with the block (no blank line, no body) is accepted.
bool ParseHttpHead(std::string_view block, size_t max_head_bytes, HttpInfo* http,
                   size_t* head_size);

// The MIME type of a Content-Type value: lower-cased, parameters and spaces removed.
std::string MimeType(std::string_view content_type);

// `s` without leading and trailing spaces and tabs (and a trailing CR): a header value.
std::string_view TrimHeaderValue(std::string_view s);

// Undoes "Transfer-Encoding: chunked" and "Content-Encoding: gzip | x-gzip | deflate | br"
// (whichever the headers declare) on `body`, writing the result to `*out`. Returns an empty
// string on success, else a ReadError reason: "record_too_large" when the decoded body would
// exceed `max_bytes`, "bad_content_encoding" when the compressed body is corrupt, or
// "unsupported_content_encoding". Lenient where crawlers are sloppy: a body that does not look
// chunked or compressed although the header says so (crawlers often store it decoded and keep
// the header) is kept as it is, and a truncated chunked or compressed body (WARC-Truncated)
// yields what could be decoded.
std::string DecodeHttpBody(const HttpInfo& http, std::string_view body, uint64_t max_bytes,
                           std::string* out);

}  // namespace ghirbal
