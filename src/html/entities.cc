#include "html/entities.h"

#include <algorithm>
#include <cstring>
#include <iterator>

#include "core/utf8.h"

namespace ghirbal::html {
namespace {

struct Entity {
  std::string_view name;
  std::string_view value;
};

constexpr Entity kEntities[] = {
#include "html/entity_table.inc"
};

// Longest entity name in the table, with its ';' ("CounterClockwiseContourIntegral;").
constexpr size_t kMaxNameLength = 33;

// HTML5 "numeric character reference end state" table for 0x80..0x9F (windows-1252).
constexpr char16_t kC1Replacements[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

const Entity* FindExact(std::string_view name) {
  auto it = std::lower_bound(std::begin(kEntities), std::end(kEntities), name,
                             [](const Entity& e, std::string_view n) { return e.name < n; });
  if (it != std::end(kEntities) && it->name == name) return &*it;
  return nullptr;
}

size_t DecodeNumeric(std::string_view in, size_t pos, std::string* out) {
  // in[pos] == '&', in[pos + 1] == '#'.
  size_t i = pos + 2;
  bool hex = false;
  if (i < in.size() && (in[i] == 'x' || in[i] == 'X')) {
    hex = true;
    ++i;
  }
  size_t digits_start = i;
  uint32_t value = 0;
  bool overflow = false;
  for (; i < in.size(); ++i) {
    char c = in[i];
    uint32_t d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (hex && c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (hex && c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else {
      break;
    }
    if (value > 0x10FFFF) {
      overflow = true;
    } else {
      value = value * (hex ? 16 : 10) + d;
    }
  }
  if (i == digits_start) return 0;  // "&#" or "&#x" without digits: not a reference
  if (i < in.size() && in[i] == ';') ++i;
  char32_t cp = value;
  if (overflow || value > 0x10FFFF || value == 0 || (value >= 0xD800 && value <= 0xDFFF)) {
    cp = 0xFFFD;
  } else if (value >= 0x80 && value <= 0x9F) {
    cp = kC1Replacements[value - 0x80];
  }
  AppendUtf8(out, cp);
  return i - pos;
}

}  // namespace

size_t DecodeCharRef(std::string_view in, size_t pos, bool in_attribute, std::string* out) {
  if (pos + 1 >= in.size()) return 0;
  if (in[pos + 1] == '#') return DecodeNumeric(in, pos, out);
  // Named: gather the alphanumeric run (bounded), then prefer the exact "name;" form, else
  // the longest legacy name (those without ';') that prefixes the run.
  size_t start = pos + 1;
  size_t end = start;
  while (end < in.size() && end - start < kMaxNameLength && IsAlnum(in[end])) ++end;
  if (end == start) return 0;
  if (end < in.size() && in[end] == ';') {
    if (const Entity* e = FindExact(in.substr(start, end - start + 1))) {
      out->append(e->value);
      return end + 1 - pos;
    }
  }
  // Legacy names are at most 6 characters long ("middot", "frac34").
  for (size_t len = std::min<size_t>(end - start, 6); len >= 2; --len) {
    const Entity* e = FindExact(in.substr(start, len));
    if (e == nullptr) continue;
    size_t after = start + len;
    if (in_attribute && after < in.size() && (IsAlnum(in[after]) || in[after] == '=')) return 0;
    out->append(e->value);
    return after - pos;
  }
  return 0;
}

void AppendDecoded(std::string_view in, bool in_attribute, std::string* out) {
  size_t pos = 0;
  while (pos < in.size()) {
    const void* amp = std::memchr(in.data() + pos, '&', in.size() - pos);
    if (amp == nullptr) {
      out->append(in.substr(pos));
      return;
    }
    size_t at = static_cast<const char*>(amp) - in.data();
    out->append(in.substr(pos, at - pos));
    size_t used = DecodeCharRef(in, at, in_attribute, out);
    if (used == 0) {
      out->push_back('&');
      used = 1;
    }
    pos = at + used;
  }
}

}  // namespace ghirbal::html
