// The `extract` stage: HTML bytes (doc.raw) -> main text (doc.text) and metadata.
//
// For each document with raw bytes: checks that they look like HTML, decodes them to UTF-8
// (HTTP Content-Type charset, BOM, <meta charset>, detection), extracts the main text
// (extract.h), sets doc.text, clears doc.raw and records metadata:
//   title, date, author, declared_language (<html lang>, <meta http-equiv>, else the HTTP
//   Content-Language header), canonical_url, charset.
// Documents with empty raw but non-empty text are already text and pass untouched.
// Reject reasons: "binary_content" (magic numbers or control bytes of images, archives,
// PDFs...), "not_html" (a non-HTML content type, or no markup at all), "too_large" (raw
// over max_input_bytes), "no_main_text", "extract_timeout", "empty" (no raw and no text).
//
// Options (defaults): keep_comments (false), title_in_text (false), timeout_ms (1000),
// min_text_chars (50), max_depth (512), max_input_bytes (33554432), phrases_file
// (<data_dir>/html/boilerplate_phrases.txt; "" for none).
#pragma once

#include <string>
#include <string_view>

#include "html/extract.h"

namespace ghirbal::html {

// Why `raw` (with its MIME type, possibly empty) is not an HTML page: "binary_content",
// "not_html", or "" when it may be HTML.
std::string_view ClassifyRaw(std::string_view raw, std::string_view content_type);

// Raw page bytes to main text, as the stage does it (charset decoding, then `extractor`);
// "" when the page is not HTML or has no main text. `content_type_header` is the HTTP
// Content-Type value, or empty. For `ghirbal eval-extract` (EvaluateExtraction's callback)
// and tools; one `extractor` per thread.
std::string ExtractTextFromRaw(std::string_view raw, std::string_view content_type_header,
                               Extractor* extractor);

}  // namespace ghirbal::html
