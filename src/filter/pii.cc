#include "filter/pii.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <memory>

#include "core/document.h"
#include "core/stage_registry.h"

namespace ghirbal {
namespace {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
inline bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
inline bool IsLocalChar(char c) {
  return IsAlnum(c) || (c != '\0' && std::strchr("!#$%&'*+/=?^_`{|}~.-", c) != nullptr);
}
inline bool IsDomainChar(char c) { return IsAlnum(c) || c == '-' || c == '.'; }

// An e-mail around the '@' at `at`: [*begin, *end).
bool MatchEmail(std::string_view t, size_t at, size_t* begin, size_t* end) {
  size_t b = at;
  while (b > 0 && IsLocalChar(t[b - 1])) --b;
  while (b < at && t[b] == '.') ++b;  // a local part does not start with a dot
  if (b == at) return false;
  size_t e = at + 1;
  while (e < t.size() && IsDomainChar(t[e])) ++e;
  while (e > at + 1 && (t[e - 1] == '.' || t[e - 1] == '-')) --e;  // trailing punctuation
  std::string_view domain = t.substr(at + 1, e - at - 1);
  size_t last_dot = domain.rfind('.');
  if (last_dot == std::string_view::npos || last_dot == 0) return false;
  std::string_view tld = domain.substr(last_dot + 1);
  if (tld.size() < 2) return false;
  for (char c : tld) {
    if (!IsAlpha(c)) return false;
  }
  if (domain.find("..") != std::string_view::npos || domain.front() == '-') return false;
  *begin = b;
  *end = e;
  return true;
}

// A dotted IPv4 address starting at `i` (a digit not preceded by a digit or '.').
bool MatchIpv4(std::string_view t, size_t i, size_t* end, uint32_t* address) {
  uint32_t value = 0;
  size_t p = i;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (p >= t.size() || t[p] != '.') return false;
      ++p;
    }
    size_t start = p;
    uint32_t n = 0;
    while (p < t.size() && IsDigit(t[p]) && p - start < 4) n = n * 10 + (t[p++] - '0');
    size_t len = p - start;
    if (len == 0 || len > 3 || n > 255) return false;
    value = (value << 8) | n;
  }
  // Not part of a longer dotted number ("1.2.3.4.5") or a longer number.
  if (p < t.size() && (IsDigit(t[p]) || (t[p] == '.' && p + 1 < t.size() && IsDigit(t[p + 1])))) {
    return false;
  }
  *end = p;
  *address = value;
  return true;
}

bool InNet(uint32_t a, uint32_t net, int bits) {
  return bits == 0 || (a >> (32 - bits)) == (net >> (32 - bits));
}

bool IsGlobalIpv6(const unsigned char* a) {
  static const unsigned char kZero[16] = {};
  if (std::memcmp(a, kZero, 15) == 0 && (a[15] == 0 || a[15] == 1)) return false;  // :: ::1
  if (std::memcmp(a, kZero, 10) == 0 && a[10] == 0xFF && a[11] == 0xFF) return false;  // v4-mapped
  if ((a[0] & 0xFE) == 0xFC) return false;                                    // fc00::/7
  if (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) return false;                    // fe80::/10
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0D && a[3] == 0xB8) return false;  // 2001:db8::/32
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x00 && a[3] < 0x02) return false;  // 2001::/23
  if (a[0] == 0x01 && a[1] == 0x00 && std::memcmp(a + 2, kZero, 6) == 0) return false;  // 100::/64
  return true;
}

// A phone number starting at `i`; digits 9..15.
bool MatchPhone(std::string_view t, size_t i, size_t* end) {
  size_t p = i;
  bool plus = false;
  if (t[p] == '+') {
    plus = true;
    ++p;
  }
  size_t digits = 0, separators = 0;
  size_t last_digit_end = 0;
  while (p < t.size()) {
    char c = t[p];
    if (IsDigit(c)) {
      ++digits;
      ++p;
      last_digit_end = p;
      if (digits > 15) return false;
    } else if ((c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') && p + 1 < t.size() &&
               (IsDigit(t[p + 1]) || t[p + 1] == '(' || (c == ')' && t[p + 1] == ' '))) {
      ++separators;
      ++p;
    } else {
      break;
    }
  }
  if (digits < 9 || (!plus && separators < 2)) return false;
  if (last_digit_end < t.size() && IsAlnum(t[last_digit_end])) return false;
  *end = last_digit_end;
  return true;
}

}  // namespace

bool IsGlobalIpv4(uint32_t a) {
  struct Net {
    uint32_t net;
    int bits;
  };
  static constexpr Net kNotGlobal[] = {
      {0x00000000, 8},  {0x0A000000, 8},  {0x64400000, 10}, {0x7F000000, 8},
      {0xA9FE0000, 16}, {0xAC100000, 12}, {0xC0000000, 29}, {0xC00000AA, 31},
      {0xC0000200, 24}, {0xC0A80000, 16}, {0xC6120000, 15}, {0xC6336400, 24},
      {0xCB007100, 24}, {0xF0000000, 4},  {0xFFFFFFFF, 32}};
  for (const Net& n : kNotGlobal) {
    if (InNet(a, n.net, n.bits)) return false;
  }
  return true;
}

namespace {

// Bytes at which the loop of RedactPii may do something: '@', IP and phone starts, and
// letters and digits (whose runs it skips).
constexpr std::array<bool, 256> MakeMayStart() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 128; ++c) {
    t[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '@' || c == ':' || c == '+' || c == '(';
  }
  return t;
}
constexpr std::array<bool, 256> kMayStart = MakeMayStart();

constexpr std::array<bool, 256> MakeAlnum() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 128; ++c) {
    t[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  return t;
}
constexpr std::array<bool, 256> kAlnum = MakeAlnum();  // IsAlnum as a table

}  // namespace

PiiCounts RedactPii(std::string_view t, const PiiOptions& o, std::string* out) {
  out->clear();
  PiiCounts counts;
  size_t email_i = 0, v4_i = 0, v6_i = 0;
  size_t copied = 0;  // t[0, copied) is in out
  auto replace = [&](size_t begin, size_t end, const std::string& with) {
    out->append(t.substr(copied, begin - copied));
    out->append(with);
    copied = end;
  };
  size_t i = 0;
  while (i < t.size()) {
    // Bytes that start nothing below (spaces, most punctuation, every non-ASCII byte) are
    // skipped in a tight loop.
    while (i < t.size() && !kMayStart[static_cast<unsigned char>(t[i])]) ++i;
    if (i == t.size()) break;
    const char c = t[i];
    if (c == '@' && o.emails && !o.email_replacements.empty()) {
      size_t b, e;
      if (MatchEmail(t, i, &b, &e) && b >= copied) {
        replace(b, e, o.email_replacements[email_i++ % o.email_replacements.size()]);
        ++counts.emails;
        i = e;
        continue;
      }
    }
    const bool boundary = i == 0 || !(IsAlnum(t[i - 1]) || t[i - 1] == '.' || t[i - 1] == ':' ||
                                      t[i - 1] == '@' || t[i - 1] == '+');
    if (o.ips && boundary && (IsHex(c) || c == ':')) {
      // IPv6 first (it may hold a dotted IPv4 tail), then IPv4.
      size_t e = i;
      size_t colons = 0;
      while (e < t.size() && (IsHex(t[e]) || t[e] == ':' || t[e] == '.') && e - i < 46) {
        colons += t[e] == ':';
        ++e;
      }
      while (e > i && t[e - 1] == '.') --e;
      if (colons >= 2 && (e >= t.size() || !IsAlnum(t[e]))) {
        std::string candidate(t.substr(i, e - i));
        unsigned char addr[16];
        if (inet_pton(AF_INET6, candidate.c_str(), addr) == 1) {
          if (!o.public_ips_only || IsGlobalIpv6(addr)) {
            if (!o.ipv6_replacements.empty()) {
              replace(i, e, o.ipv6_replacements[v6_i++ % o.ipv6_replacements.size()]);
              ++counts.ips;
            }
          }
          i = e;
          continue;
        }
      }
      size_t v4_end;
      uint32_t address;
      if (IsDigit(c) && MatchIpv4(t, i, &v4_end, &address)) {
        if ((!o.public_ips_only || IsGlobalIpv4(address)) && !o.ipv4_replacements.empty()) {
          replace(i, v4_end, o.ipv4_replacements[v4_i++ % o.ipv4_replacements.size()]);
          ++counts.ips;
        }
        i = v4_end;
        continue;
      }
    }
    if (o.phones && boundary && (c == '+' || c == '(' || IsDigit(c))) {
      size_t e;
      if (MatchPhone(t, i, &e)) {
        replace(i, e, o.phone_replacement);
        ++counts.phones;
        i = e;
        continue;
      }
    }
    // Skip the rest of an alphanumeric run: matches start at word boundaries.
    if (IsAlnum(c)) {
      while (i < t.size() && kAlnum[static_cast<unsigned char>(t[i])]) ++i;
    } else {
      ++i;
    }
  }
  out->append(t.substr(copied));
  return counts;
}

namespace {

class PiiState : public StageState {
 public:
  std::string buffer;
};

class PiiStage : public DocumentStage {
 public:
  explicit PiiStage(PiiOptions options) : options_(std::move(options)) {}
  std::string_view Name() const override { return "pii"; }
  std::unique_ptr<StageState> NewState() const override { return std::make_unique<PiiState>(); }

  void ProcessDocument(Document& doc, StageState* state) const override {
    auto* st = static_cast<PiiState*>(state);
    PiiCounts c = RedactPii(doc.text, options_, &st->buffer);
    if (c.total() == 0) return;
    doc.text.swap(st->buffer);
    if (c.emails > 0) doc.metadata.SetInt("pii_emails", static_cast<int64_t>(c.emails));
    if (c.ips > 0) doc.metadata.SetInt("pii_ips", static_cast<int64_t>(c.ips));
    if (c.phones > 0) doc.metadata.SetInt("pii_phones", static_cast<int64_t>(c.phones));
  }

 private:
  PiiOptions options_;
};

Result<BuiltStage> MakePii(StageOptions& options) {
  PiiOptions o;
  o.emails = options.GetBool("emails", o.emails);
  o.ips = options.GetBool("ips", o.ips);
  o.public_ips_only = options.GetBool("public_ips_only", o.public_ips_only);
  o.phones = options.GetBool("phones", o.phones);
  if (options.Has("email_replacement")) o.email_replacements = options.GetStringList("email_replacement");
  if (options.Has("ip_replacement")) o.ipv4_replacements = options.GetStringList("ip_replacement");
  if (options.Has("ipv6_replacement")) o.ipv6_replacements = options.GetStringList("ipv6_replacement");
  o.phone_replacement = options.GetString("phone_replacement", o.phone_replacement);
  options.Accept("email_replacement");
  options.Accept("ip_replacement");
  options.Accept("ipv6_replacement");
  BuiltStage built;
  built.stage = std::make_unique<PiiStage>(std::move(o));
  return built;
}

}  // namespace

GHIRBAL_REGISTER_STAGE("pii", "replace e-mail and IP addresses (and optionally phone numbers) "
                       "with placeholders", MakePii);

}  // namespace ghirbal
