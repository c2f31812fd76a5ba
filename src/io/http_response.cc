#include "io/http_response.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace ghirbal {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string LowerCopy(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = Lower(c);
  return r;
}

bool ContainsToken(std::string_view list, std::string_view token) {
  std::string lower = LowerCopy(list);
  return lower.find(token) != std::string::npos;
}

enum class Dechunked { kNotChunked, kOk, kTooLarge };

// Decodes chunked transfer coding; stops quietly at a truncated or garbled chunk.
Dechunked Dechunk(std::string_view body, uint64_t max_bytes, std::string* out) {
  out->clear();
  size_t pos = 0;
  bool first = true;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) break;
    std::string_view line = body.substr(pos, nl - pos);
    line = TrimHeaderValue(line.substr(0, line.find(';')));
    uint64_t size = 0;
    bool valid = !line.empty() && line.size() <= 15;
    for (char c : line) {
      int v = (c >= '0' && c <= '9')   ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : -1;
      if (v < 0) {
        valid = false;
        break;
      }
      size = size * 16 + static_cast<uint64_t>(v);
    }
    if (!valid) {
      if (first) return Dechunked::kNotChunked;
      break;
    }
    first = false;
    pos = nl + 1;
    if (size == 0) break;
    size_t take = static_cast<size_t>(std::min<uint64_t>(size, body.size() - pos));
    if (out->size() + take > max_bytes) return Dechunked::kTooLarge;
    out->append(body.data() + pos, take);
    pos += take;
    if (pos < body.size() && body[pos] == '\r') ++pos;
    if (pos < body.size() && body[pos] == '\n') ++pos;
  }
  return first ? Dechunked::kNotChunked : Dechunked::kOk;
}

// Result of a streaming decompression into `out`.
enum class Inflated { kOk, kCorrupt, kTooLarge };

// What one decoder call did: kMore (call again), kEnd (the stream ended, or it is truncated and
// what came out is kept), kCorrupt.
enum class Step { kMore, kEnd, kCorrupt };

// Runs `step(dst, room) -> Step` (which decodes into dst and returns how much room is left
// through `room`) over a growing `out`, giving it room of `growth` bytes (at most what is left
// of max_bytes) each time, until the stream ends or max_bytes is reached.
template <typename StepFn>
Inflated GrowingDecode(size_t growth, uint64_t max_bytes, std::string* out, StepFn step) {
  out->clear();
  while (true) {
    if (out->size() >= max_bytes) return Inflated::kTooLarge;
    const size_t old = out->size();
    const size_t room = static_cast<size_t>(std::min<uint64_t>(growth, max_bytes - old));
    out->resize(old + room);
    size_t left = room;
    const Step result = step(out->data() + old, &left);
    out->resize(old + room - left);
    if (result == Step::kEnd) return Inflated::kOk;
    if (result == Step::kCorrupt) return Inflated::kCorrupt;
  }
}

Inflated InflateZlib(std::string_view in, int window_bits, uint64_t max_bytes, std::string* out) {
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) {
    out->clear();
    return Inflated::kCorrupt;
  }
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(std::min<size_t>(in.size(), UINT32_MAX));
  const Inflated result = GrowingDecode(
      std::max<size_t>(in.size() * 2, 1 << 16), max_bytes, out, [&](char* dst, size_t* room) {
        zs.next_out = reinterpret_cast<Bytef*>(dst);
        zs.avail_out = static_cast<uInt>(*room);
        const int ret = inflate(&zs, Z_NO_FLUSH);
        *room = zs.avail_out;
        if (ret == Z_STREAM_END) return Step::kEnd;
        if (ret == Z_BUF_ERROR && zs.avail_in == 0) return Step::kEnd;  // truncated body
        return ret == Z_OK || ret == Z_BUF_ERROR ? Step::kMore : Step::kCorrupt;
      });
  inflateEnd(&zs);
  return result;
}

Inflated InflateBrotli(std::string_view in, uint64_t max_bytes, std::string* out) {
  BrotliDecoderState* st = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (st == nullptr) {
    out->clear();
    return Inflated::kCorrupt;
  }
  const uint8_t* next_in = reinterpret_cast<const uint8_t*>(in.data());
  size_t avail_in = in.size();
  const Inflated result = GrowingDecode(
      std::max<size_t>(in.size() * 4, 1 << 16), max_bytes, out, [&](char* dst, size_t* room) {
        uint8_t* next_out = reinterpret_cast<uint8_t*>(dst);
        const BrotliDecoderResult r =
            BrotliDecoderDecompressStream(st, &avail_in, &next_in, room, &next_out, nullptr);
        if (r == BROTLI_DECODER_RESULT_SUCCESS) return Step::kEnd;
        if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) return Step::kEnd;  // truncated
        return r == BROTLI_DECODER_RESULT_ERROR ? Step::kCorrupt : Step::kMore;
      });
  BrotliDecoderDestroyInstance(st);
  return result;
}

// A body that is plainly markup or text although declared compressed was stored decoded.
bool LooksDecoded(std::string_view body) {
  for (char c : body.substr(0, 64)) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '<';
  }
  return false;
}

}  // namespace

bool ParseHttpHead(std::string_view block, size_t max_head_bytes, HttpInfo* http,
                   size_t* head_size) {
  http->status = 0;
  http->headers.clear();
  if (block.substr(0, 5) != "HTTP/") return false;
  size_t nl = block.find('\n');
  std::string_view status_line = block.substr(0, nl == std::string_view::npos ? block.size() : nl);
  size_t sp = status_line.find(' ');
  if (sp == std::string_view::npos) return false;
  std::string_view code = TrimHeaderValue(status_line.substr(sp + 1)).substr(0, 3);
  if (code.size() != 3) return false;
  int status = 0;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
    status = status * 10 + (c - '0');
  }
  http->status = status;
  if (nl == std::string_view::npos) {
    *head_size = block.size();
    return true;
  }
  size_t pos = nl + 1;
  while (true) {
    if (pos > max_head_bytes) return false;
    if (pos >= block.size()) {
      *head_size = block.size();
      return true;
    }
    nl = block.find('\n', pos);
    size_t line_end = nl == std::string_view::npos ? block.size() : nl;
    std::string_view line = block.substr(pos, line_end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = nl == std::string_view::npos ? block.size() : nl + 1;
    if (line.empty()) {
      *head_size = pos;
      return true;
    }
    if ((line[0] == ' ' || line[0] == '\t') && !http->headers.empty()) {
      std::string& value = http->headers.back().second;
      value.push_back(' ');
      value.append(TrimHeaderValue(line));
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    http->headers.emplace_back(LowerCopy(TrimHeaderValue(line.substr(0, colon))),
                               std::string(TrimHeaderValue(line.substr(colon + 1))));
  }
}

std::string_view TrimHeaderValue(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string MimeType(std::string_view content_type) {
  std::string_view t = TrimHeaderValue(content_type.substr(0, content_type.find(';')));
  std::string out;
  out.reserve(t.size());
  for (char c : t) {
    if (c != ' ' && c != '\t') out.push_back(Lower(c));
  }
  return out;
}

std::string DecodeHttpBody(const HttpInfo& http, std::string_view body, uint64_t max_bytes,
                           std::string* out) {
  std::string dechunked;
  std::string_view data = body;
  std::string_view te = http.Header("transfer-encoding");
  if (!te.empty() && ContainsToken(te, "chunked")) {
    switch (Dechunk(body, max_bytes, &dechunked)) {
      case Dechunked::kTooLarge: return "record_too_large";
      case Dechunked::kOk: data = dechunked; break;
      case Dechunked::kNotChunked: break;
    }
  }
  std::string encoding = LowerCopy(TrimHeaderValue(http.Header("content-encoding")));
  if (encoding.empty() || encoding == "identity" || encoding == "none") {
    if (data.size() > max_bytes) return "record_too_large";
    if (data.data() == dechunked.data()) {
      *out = std::move(dechunked);
    } else {
      out->assign(data);
    }
    return {};
  }
  Inflated result;
  if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
    result = InflateZlib(data, 15 + 32, max_bytes, out);  // gzip or zlib header
    if (result == Inflated::kCorrupt && out->empty() && encoding == "deflate") {
      result = InflateZlib(data, -15, max_bytes, out);  // raw deflate, as some servers send
    }
  } else if (encoding == "br") {
    result = InflateBrotli(data, max_bytes, out);
  } else {
    if (LooksDecoded(data)) {
      out->assign(data);
      return {};
    }
    return "unsupported_content_encoding";
  }
  if (result == Inflated::kTooLarge) return "record_too_large";
  if (result == Inflated::kCorrupt && out->empty()) {
    if (LooksDecoded(data)) {
      out->assign(data);
      return {};
    }
    return "bad_content_encoding";
  }
  return {};  // corrupt after some output: keep the decoded prefix, as for truncation
}

}  // namespace ghirbal
