// PiiRedactor and the `pii` stage: replaces e-mail addresses and IP addresses (and, when asked,
// phone numbers) with harmless placeholders, as datatrove's PIIFormatter does.
//
//   - e-mails (local@domain.tld, case-insensitive, the domain needs a dot and a final label
//     of two or more letters) become "email@example.com" / "firstname.lastname@example.org";
//   - IPv4 addresses (four dotted numbers 0..255, not part of a longer dotted number) and
//     IPv6 addresses (validated by inet_pton) become one of datatrove's dummy addresses
//     (IPv6: documentation addresses 2001:db8::/32). By default only globally routable
//     addresses are replaced (Python's ipaddress is_global): 10.0.0.1 or ::1 identify nobody;
//   - phone numbers (off by default: numbers are easily confused with other figures): a '+'
//     or '(' or digit, 9 to 15 digits in groups separated by spaces, '-', '.', or ')' - with a
//     leading '+' or at least two separators - become "+1-555-0100".
// Replacements cycle through their list in order, restarting with each document, so output
// is deterministic. Scanning is linear in the text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ghirbal {

struct PiiOptions {
  bool emails = true;
  bool ips = true;
  bool public_ips_only = true;
  bool phones = false;
  std::vector<std::string> email_replacements = {"email@example.com",
                                                 "firstname.lastname@example.org"};
  std::vector<std::string> ipv4_replacements = {"22.214.171.124", "126.96.36.199",
                                                "188.8.131.52",   "184.108.40.206",
                                                "220.127.116.11", "18.104.22.168"};
  std::vector<std::string> ipv6_replacements = {"2001:db8::1", "2001:db8::2", "2001:db8::3"};
  std::string phone_replacement = "+1-555-0100";
};

struct PiiCounts {
  size_t emails = 0;
  size_t ips = 0;
  size_t phones = 0;
  size_t total() const { return emails + ips + phones; }
};

// Writes `text` with PII replaced to `out` (cleared first) and returns what was replaced.
// When nothing was (total() == 0), `out` is left empty: the text is unchanged, and most texts
// are not copied for nothing.
PiiCounts RedactPii(std::string_view text, const PiiOptions& options, std::string* out);

// The same result found by trying the checks at every byte of `text` (RedactPii jumps from
// one candidate byte to the next): the simple reference that tests compare RedactPii with.
PiiCounts RedactPiiEveryByte(std::string_view text, const PiiOptions& options, std::string* out);

// True for an IPv4 address in dotted form that Python's ipaddress calls global.
bool IsGlobalIpv4(uint32_t address);

}  // namespace ghirbal
