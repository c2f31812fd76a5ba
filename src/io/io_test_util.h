// Helpers shared by the io tests, benchmarks and fuzz targets: building WARC records and
// compressed streams in memory, and draining a reader.
#pragma once

#include <zlib.h>
#include <zstd.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/batch.h"
#include "io/document_reader.h"

namespace ghirbal::io_testing {

// `data` deflated by zlib at `level`; `window_bits` chooses the wrapper as in deflateInit2
// (15 + 16: gzip, -15: none).
inline std::string Deflate(std::string_view data, int level, int window_bits) {
  z_stream zs{};
  deflateInit2(&zs, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// One gzip member holding `data`.
inline std::string Gzip(std::string_view data, int level = 6) {
  return Deflate(data, level, 15 + 16);
}

// A raw deflate stream (no header), as some servers send for Content-Encoding: deflate.
inline std::string RawDeflate(std::string_view data) { return Deflate(data, 6, -15); }

// One zstd frame holding `data`.
inline std::string Zstd(std::string_view data, int level = 3) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), level));
  return out;
}

// A WARC record; `content_length` < 0 means the true length of `block`.
inline std::string WarcRecord(std::string_view type, std::string_view block,
                              std::vector<std::pair<std::string, std::string>> headers = {},
                              long long content_length = -1) {
  std::string r = "WARC/1.1\r\nWARC-Type: ";
  r.append(type);
  r.append("\r\n");
  for (const auto& [k, v] : headers) r.append(k + ": " + v + "\r\n");
  r.append("Content-Length: " +
           std::to_string(content_length < 0 ? static_cast<long long>(block.size())
                                             : content_length) +
           "\r\n\r\n");
  r.append(block);
  r.append("\r\n\r\n");
  return r;
}

// An HTTP response as stored in a WARC response record.
inline std::string HttpResponse(std::string_view content_type, std::string_view body,
                                std::string_view extra_headers = "", int status = 200) {
  std::string r = "HTTP/1.1 " + std::to_string(status) + " OK\r\n";
  if (!content_type.empty()) r.append("Content-Type: ").append(content_type).append("\r\n");
  r.append(extra_headers);
  r.append("\r\n");
  r.append(body);
  return r;
}

// A response record for `url` with HTML `body`.
inline std::string HtmlResponseRecord(std::string_view id, std::string_view url,
                                      std::string_view body) {
  return WarcRecord("response", HttpResponse("text/html; charset=utf-8", body),
                    {{"WARC-Record-ID", "<urn:uuid:" + std::string(id) + ">"},
                     {"WARC-Target-URI", std::string(url)},
                     {"WARC-Date", "2024-01-02T03:04:05Z"},
                     {"Content-Type", "application/http; msgtype=response"}});
}

struct ReadResult {
  std::vector<Document> docs;
  std::vector<ReadError> errors;
};

// Reads every document; stops after `limit` calls as a guard against readers that never end.
inline ReadResult ReadAll(DocumentReader* reader, size_t limit = 1000000) {
  ReadResult r;
  Document doc;
  for (size_t i = 0; i < limit && reader->Next(&doc, &r.errors); ++i) r.docs.push_back(doc);
  return r;
}

}  // namespace ghirbal::io_testing
