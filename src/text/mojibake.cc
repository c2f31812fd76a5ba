#include "text/mojibake.h"

#include <array>
#include <cstddef>
#include <vector>

#include <unicode/uchar.h>

#include "core/utf8.h"
#include "text/normalize_utf8.h"

namespace ghirbal {
namespace {

// Code points of bytes 0x80..0xFF in each code page.
constexpr std::array<char16_t, 128> kCp1256 = {
    0x20ac, 0x67e, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x679, 0x2039,
    0x152,  0x686, 0x698,  0x688, 0x6af,  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x6a9,  0x2122, 0x691, 0x203a, 0x153, 0x200c, 0x200d, 0x6ba,  0xa0,   0x60c,  0xa2,   0xa3,
    0xa4,   0xa5,  0xa6,   0xa7,  0xa8,   0xa9,   0x6be,  0xab,   0xac,   0xad,   0xae,   0xaf,
    0xb0,   0xb1,  0xb2,   0xb3,  0xb4,   0xb5,   0xb6,   0xb7,   0xb8,   0xb9,   0x61b,  0xbb,
    0xbc,   0xbd,  0xbe,   0x61f, 0x6c1,  0x621,  0x622,  0x623,  0x624,  0x625,  0x626,  0x627,
    0x628,  0x629, 0x62a,  0x62b, 0x62c,  0x62d,  0x62e,  0x62f,  0x630,  0x631,  0x632,  0x633,
    0x634,  0x635, 0x636,  0xd7,  0x637,  0x638,  0x639,  0x63a,  0x640,  0x641,  0x642,  0x643,
    0xe0,   0x644, 0xe2,   0x645, 0x646,  0x647,  0x648,  0xe7,   0xe8,   0xe9,   0xea,   0xeb,
    0x649,  0x64a, 0xee,   0xef,  0x64b,  0x64c,  0x64d,  0x64e,  0xf4,   0x64f,  0x650,  0xf7,
    0x651,  0xf9,  0x652,  0xfb,  0xfc,   0x200e, 0x200f, 0x6d2};

std::array<char16_t, 128> MakeCp1252() {
  constexpr std::array<char16_t, 32> kHigh = {
      0x20ac, 0x81,   0x201a, 0x192,  0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160,
      0x2039, 0x152,  0x8d,   0x17d,  0x8f,   0x90,   0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
      0x2013, 0x2014, 0x2dc,  0x2122, 0x161,  0x203a, 0x153,  0x9d,   0x17e,  0x178};
  std::array<char16_t, 128> table{};
  for (int b = 0; b < 32; ++b) table[b] = kHigh[b];
  for (int b = 32; b < 128; ++b) table[b] = static_cast<char16_t>(0x80 + b);
  return table;
}

// A code page's reverse mapping (code point -> byte, direct-indexed below U+2200, which covers
// both code pages) and its traits.
class ReverseTable {
 public:
  // `western`: windows-1252 read with latin-1's C1 controls for its unassigned bytes. Its
  // mojibake has a strong signature (its continuation bytes are mostly symbols, and every
  // lead is U+00C2..U+00F4, encoded C3 xx), so a lone repaired character counts when one of
  // its continuation characters is not a letter ("Ã©"), and any decoded character is a
  // plausible target. Windows-1256's lead and continuation characters are everyday
  // Arabic-script letters and punctuation, so there lone repairs need company and a repair must
  // decode to Latin-1, Arabic-block or general punctuation characters, the targets of real
  // windows-1256 mojibake: Persian "شک" reads as valid UTF-8 for U+0518, a Cyrillic letter,
  // and must stay Persian.
  ReverseTable(const std::array<char16_t, 128>& table, bool western) : western_(western) {
    bytes_.fill(0);
    for (int b = 0; b < 128; ++b) bytes_[table[b]] = static_cast<unsigned char>(0x80 + b);
    if (western) {
      for (int b = 0x80; b < 0xA0; ++b) {
        if (bytes_[b] == 0) bytes_[b] = static_cast<unsigned char>(b);
      }
    }
  }
  // Byte for `cp` (0x80..0xFF), or 0 when none.
  unsigned char Byte(char32_t cp) const { return cp < kLimit ? bytes_[cp] : 0; }
  bool western() const { return western_; }

 private:
  static constexpr char32_t kLimit = 0x2200;
  std::array<unsigned char, kLimit> bytes_;
  bool western_;
};

const ReverseTable& Cp1252() {
  static const ReverseTable table(MakeCp1252(), /*western=*/true);
  return table;
}
const ReverseTable& Cp1256() {
  static const ReverseTable table(kCp1256, /*western=*/false);
  return table;
}

constexpr int kMinSingleRepairs = 2;

bool IsArabicPageTarget(char32_t c) {
  return (c >= 0xA0 && c <= 0xFF) || (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
         (c >= 0x2000 && c <= 0x206F) || c == 0x20AC || (c >= 0xFB50 && c <= 0xFEFF);
}

// True when every character `bytes` (valid UTF-8) decodes to is a plausible repair target.
bool PlausibleTargets(const std::string& bytes, const ReverseTable& page) {
  if (page.western()) return true;
  for (size_t k = 0; k < bytes.size();) {
    char32_t cp;
    k += text_internal::DecodeValidUtf8(bytes.data() + k, &cp);
    if (cp >= 0x80 && !IsArabicPageTarget(cp)) return false;
  }
  return true;
}

// True when `text` contains a character whose byte is a UTF-8 lead byte directly followed by
// one whose byte is a continuation byte: the signature of this code page's mojibake.
bool HasSignature(std::string_view text, const ReverseTable& page) {
  const char* p = text.data();
  size_t n = text.size();
  bool prev_lead = false;
  for (size_t i = 0; i < n;) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c < 0x80) {
      prev_lead = false;
      ++i;
      continue;
    }
    char32_t cp;
    i += text_internal::DecodeValidUtf8(p + i, &cp);
    unsigned char b = page.Byte(cp);
    if (prev_lead && b >= 0x80 && b < 0xC0) return true;
    prev_lead = b >= 0xC2 && b <= 0xF4;
  }
  return false;
}

struct Run {
  size_t begin, end;  // byte range in the text
  std::string bytes;  // repaired UTF-8
  bool single;        // decodes to one character and needs company to be trusted
};

// One round of repair with one code page. Returns the number of runs repaired.
int64_t RepairWith(std::string_view text, const ReverseTable& page, std::string* out) {
  if (page.western() && text.find('\xC3') == std::string_view::npos) {
    return 0;  // windows-1252 leads are U+00C2..U+00F4, all encoded C3 xx: none here
  }
  if (!HasSignature(text, page)) return 0;
  std::vector<Run> runs;
  const char* p = text.data();
  size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    if (static_cast<unsigned char>(p[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t begin = i;
    std::string bytes;
    bool mappable = true;
    bool odd = false;  // a continuation character that is not a letter
    size_t chars = 0;
    while (i < n && static_cast<unsigned char>(p[i]) >= 0x80) {
      char32_t cp;
      i += text_internal::DecodeValidUtf8(p + i, &cp);
      ++chars;
      unsigned char b = page.Byte(cp);
      if (b == 0) mappable = false;
      if (mappable) bytes.push_back(static_cast<char>(b));
      if (b >= 0x80 && b < 0xC0 && !u_isalpha(static_cast<UChar32>(cp))) odd = true;
    }
    if (!mappable || !IsValidUtf8(bytes)) continue;
    // Count the characters the bytes decode to.
    size_t decoded = 0;
    for (unsigned char c : bytes) decoded += (c & 0xC0) != 0x80;
    if (decoded >= chars || !PlausibleTargets(bytes, page)) continue;
    runs.push_back({begin, i, std::move(bytes), decoded == 1 && !(odd && page.western())});
  }
  int64_t multi = 0;
  for (const Run& r : runs) multi += !r.single;
  bool take_singles = multi > 0 || static_cast<int64_t>(runs.size()) > kMinSingleRepairs;
  int64_t repaired = 0;
  std::string result;
  result.reserve(text.size());
  size_t last = 0;
  for (const Run& r : runs) {
    if (r.single && !take_singles) continue;
    result.append(text.substr(last, r.begin - last));
    result.append(r.bytes);
    last = r.end;
    ++repaired;
  }
  if (repaired == 0) return 0;
  result.append(text.substr(last));
  *out = std::move(result);
  return repaired;
}

}  // namespace

bool RepairMojibake(std::string_view text, std::string* out, MojibakeStats* stats) {
  if (!IsValidUtf8(text)) return false;  // the scans below decode without re-validating
  std::string current;
  bool changed = false;
  int64_t total = 0;
  // Two rounds undo a double encoding; each round tries windows-1252 then windows-1256.
  for (int round = 0; round < 2; ++round) {
    std::string_view input = changed ? std::string_view(current) : text;
    std::string repaired;
    int64_t n = RepairWith(input, Cp1252(), &repaired);
    if (n == 0) n = RepairWith(input, Cp1256(), &repaired);
    if (n == 0) break;
    total += n;
    current = std::move(repaired);
    changed = true;
  }
  if (!changed) return false;
  if (stats != nullptr) stats->runs_repaired += total;
  *out = std::move(current);
  return true;
}

}  // namespace ghirbal
