#include "filter/pii.h"

#include <arpa/inet.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <array>
#include <bit>
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

// Bytes at which a match can start or be found: '@' (e-mails, found from their '@'), digits,
// ':', '+' and '('. An IPv6 address may also start with a hex letter ("fe80::1"); it then
// has a ':' within its first five bytes, so it is found from that ':' (see Redactor::Run).
constexpr std::array<bool, 256> MakeTrigger() {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  t[':'] = t['@'] = t['+'] = t['('] = true;
  return t;
}
constexpr std::array<bool, 256> kTrigger = MakeTrigger();

// The first position >= i holding a trigger byte (t.size() if none): 16 bytes at a time.
size_t NextTrigger(std::string_view t, size_t i) {
  const size_t n = t.size();
#ifdef __SSE2__
  const __m128i zero = _mm_set1_epi8('0');
  const __m128i ten = _mm_set1_epi8(10);
  const __m128i at = _mm_set1_epi8('@');
  const __m128i plus = _mm_set1_epi8('+');
  const __m128i paren = _mm_set1_epi8('(');
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data() + i));
    const __m128i d = _mm_sub_epi8(v, zero);                 // '0'..':' -> 0..10
    __m128i m = _mm_cmpeq_epi8(_mm_min_epu8(d, ten), d);     // unsigned d <= 10
    m = _mm_or_si128(m, _mm_cmpeq_epi8(v, at));
    m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, plus), _mm_cmpeq_epi8(v, paren)));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(m));
    if (mask != 0) return i + static_cast<size_t>(std::countr_zero(mask));
  }
#endif
  while (i < n && !kTrigger[static_cast<unsigned char>(t[i])]) ++i;
  return i;
}

// One document's redaction: the checks at a position, and the two ways of walking the text.
class Redactor {
 public:
  Redactor(std::string_view t, const PiiOptions& o, std::string* out) : t_(t), o_(o), out_(out) {
    out_->clear();
  }

  // kEveryByte: try every position (the simple reference); otherwise only trigger bytes,
  // and hex letters found back from a ':'. Both try the same positions with an effect:
  // a check does something only at an '@', or at a boundary position holding a hex digit,
  // ':', '+' or '(' (a letter inside a word is no boundary).
  template <bool kEveryByte>
  PiiCounts Run() {
    size_t i = 0;
    size_t resume = 0;  // positions before this were consumed by a match
    while (i < t_.size()) {
      if constexpr (!kEveryByte) {
        i = NextTrigger(t_, i);
        if (i == t_.size()) break;
        if (t_[i] == ':' && o_.ips) {
          // An address starting with hex letters before this ':' ("fe80::1", "abcd:ef::1"):
          // the position an every-byte walk would have tried first.
          size_t s = i;
          while (s > resume && IsHex(t_[s - 1])) --s;
          size_t e;
          if (s < i && IsAlpha(t_[s]) && Boundary(s) && Ipv6At(s, &e)) {
            i = resume = e;
            continue;
          }
        }
      }
      size_t e;
      if (TryAt(i, &e)) {
        i = resume = e;
      } else {
        ++i;
      }
    }
    if (counts_.total() > 0) out_->append(t_.substr(copied_));  // else out_ stays empty
    return counts_;
  }

 private:
  bool Boundary(size_t i) const {
    return i == 0 || !(IsAlnum(t_[i - 1]) || t_[i - 1] == '.' || t_[i - 1] == ':' ||
                       t_[i - 1] == '@' || t_[i - 1] == '+');
  }

  void Replace(size_t begin, size_t end, const std::string& with) {
    out_->append(t_.substr(copied_, begin - copied_));
    out_->append(with);
    copied_ = end;
  }

  // An IPv6 address (inet_pton) at `i`, replaced when asked; *end is past it.
  bool Ipv6At(size_t i, size_t* end) {
    size_t e = i;
    size_t colons = 0;
    while (e < t_.size() && (IsHex(t_[e]) || t_[e] == ':' || t_[e] == '.') && e - i < 46) {
      colons += t_[e] == ':';
      ++e;
    }
    while (e > i && t_[e - 1] == '.') --e;
    if (colons < 2 || (e < t_.size() && IsAlnum(t_[e]))) return false;
    std::string candidate(t_.substr(i, e - i));
    unsigned char addr[16];
    if (inet_pton(AF_INET6, candidate.c_str(), addr) != 1) return false;
    if ((!o_.public_ips_only || IsGlobalIpv6(addr)) && !o_.ipv6_replacements.empty()) {
      Replace(i, e, o_.ipv6_replacements[v6_i_++ % o_.ipv6_replacements.size()]);
      ++counts_.ips;
    }
    *end = e;
    return true;
  }

  // The checks at position i; true with *end past what was consumed.
  bool TryAt(size_t i, size_t* end) {
    const char c = t_[i];
    if (c == '@' && o_.emails && !o_.email_replacements.empty()) {
      size_t b, e;
      if (MatchEmail(t_, i, &b, &e) && b >= copied_) {
        Replace(b, e, o_.email_replacements[email_i_++ % o_.email_replacements.size()]);
        ++counts_.emails;
        *end = e;
        return true;
      }
    }
    const bool boundary = Boundary(i);
    if (o_.ips && boundary && (IsHex(c) || c == ':')) {
      // IPv6 first (it may hold a dotted IPv4 tail), then IPv4.
      if (Ipv6At(i, end)) return true;
      size_t v4_end;
      uint32_t address;
      if (IsDigit(c) && MatchIpv4(t_, i, &v4_end, &address)) {
        if ((!o_.public_ips_only || IsGlobalIpv4(address)) && !o_.ipv4_replacements.empty()) {
          Replace(i, v4_end, o_.ipv4_replacements[v4_i_++ % o_.ipv4_replacements.size()]);
          ++counts_.ips;
        }
        *end = v4_end;
        return true;
      }
    }
    if (o_.phones && boundary && (c == '+' || c == '(' || IsDigit(c))) {
      size_t e;
      if (MatchPhone(t_, i, &e)) {
        Replace(i, e, o_.phone_replacement);
        ++counts_.phones;
        *end = e;
        return true;
      }
    }
    return false;
  }

  std::string_view t_;
  const PiiOptions& o_;
  std::string* out_;
  PiiCounts counts_;
  size_t email_i_ = 0, v4_i_ = 0, v6_i_ = 0;
  size_t copied_ = 0;  // t_[0, copied_) is in out_
};

}  // namespace

PiiCounts RedactPii(std::string_view t, const PiiOptions& o, std::string* out) {
  return Redactor(t, o, out).Run<false>();
}

PiiCounts RedactPiiEveryByte(std::string_view t, const PiiOptions& o, std::string* out) {
  return Redactor(t, o, out).Run<true>();
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
