#include "text/mojibake.h"

#include <gtest/gtest.h>

#include <string>

namespace ghirbal {
namespace {

// The mojibake of `utf8` when its bytes are read as windows-1252 (reference encoder for tests,
// covering the bytes these tests use).
std::string AsCp1252(const std::string& utf8) {
  static const char16_t kHigh[32] = {
      0x20ac, 0x81,   0x201a, 0x192,  0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160,
      0x2039, 0x152,  0x8d,   0x17d,  0x8f,   0x90,   0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
      0x2013, 0x2014, 0x2dc,  0x2122, 0x161,  0x203a, 0x153,  0x9d,   0x17e,  0x178};
  std::string out;
  for (unsigned char c : utf8) {
    char32_t cp = c < 0x80 ? c : (c < 0xA0 ? kHigh[c - 0x80] : c);
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

std::string Repair(const std::string& s) {
  std::string out;
  return RepairMojibake(s, &out) ? out : s;
}

TEST(MojibakeTest, Windows1252Arabic) {
  const std::string arabic = "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9 "
                             "\xD9\x84\xD8\xBA\xD8\xA9";  // العربية لغة
  EXPECT_EQ(AsCp1252(arabic).substr(0, 4), "Ø§");
  MojibakeStats stats;
  std::string out;
  ASSERT_TRUE(RepairMojibake(AsCp1252(arabic), &out, &stats));
  EXPECT_EQ(out, arabic);
  EXPECT_EQ(stats.runs_repaired, 2);
}

TEST(MojibakeTest, Windows1252LatinAndPunctuation) {
  const std::string text = "d\xC3\xA9j\xC3\xA0 vu \xE2\x80\x94 \xE2\x80\x9Cna\xC3\xAFve\xE2\x80\x9D";
  EXPECT_EQ(Repair(AsCp1252(text)), text);
  EXPECT_EQ(Repair("caf\xC3\x83\xC2\xA9"), "caf\xC3\xA9");  // a lone "Ã©" is still damage
}

TEST(MojibakeTest, Windows1256Arabic) {
  // "العربية" read as windows-1256: "ط§ظ„ط¹ط±ط¨ظٹط©".
  const std::string broken =
      "\xD8\xB7\xC2\xA7\xD8\xB8\xE2\x80\x9E\xD8\xB7\xC2\xB9\xD8\xB7\xC2\xB1\xD8\xB7\xC2\xA8"
      "\xD8\xB8\xD9\xB9\xD8\xB7\xC2\xA9";
  EXPECT_EQ(Repair(broken), "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9");
}

TEST(MojibakeTest, DoubleEncoding) {
  const std::string text = "\xC3\xA9t\xC3\xA9 \xC3\xA0 l'\xC3\xA9" "cole";
  EXPECT_EQ(Repair(AsCp1252(AsCp1252(text))), text);
}

TEST(MojibakeTest, GenuineTextUntouched) {
  std::string out;
  const std::string samples[] = {
      "plain ascii",
      "caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e",          // café crème brûlée
      "\xC3\x83\xC2\xAA",                                           // "Ãª": ª is a letter, alone
      "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9",  // Arabic
      "\xD9\x85\xD8\xB9\xD8\x8C \xD9\x85",                           // مع، : valid windows-1256
      // Persian words whose windows-1256 bytes are valid UTF-8 for non-Arabic letters:
      // شک (D4 98 = U+0518), تک (CA 98 = U+0298), سگ (D3 90 = U+04D0), several times.
      "\xD8\xB4\xDA\xA9 \xD8\xAA\xDA\xA9 \xD8\xB3\xDA\xAF \xD8\xB4\xDA\xA9 \xD8\xAA\xDA\xA9",
      "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82",          // Привет
      "\xE4\xB8\xAD\xE6\x96\x87",                                   // 中文
  };
  for (const std::string& s : samples) EXPECT_FALSE(RepairMojibake(s, &out)) << s;
}

}  // namespace
}  // namespace ghirbal
