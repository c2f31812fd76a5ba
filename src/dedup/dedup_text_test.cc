#include "dedup/dedup_text.h"

#include <gtest/gtest.h>

#include "core/utf8.h"

namespace ghirbal::dedup {
namespace {

std::string Norm(std::string_view s) {
  std::string out;
  NormalizeForDedup(s, &out);
  return out;
}

TEST(NormalizeForDedupTest, AsciiFoldsCaseAndCollapsesSpace) {
  EXPECT_EQ(Norm("  Hello,\t\tWORLD \n again  "), "hello, world again");
  EXPECT_EQ(Norm(""), "");
  EXPECT_EQ(Norm(" \n\t "), "");
}

TEST(NormalizeForDedupTest, UnicodeNfcAndFullCaseFolding) {
  // Decomposed e + combining acute equals precomposed; German sharp s folds to "ss".
  EXPECT_EQ(Norm("Caf\x65\xCC\x81"), Norm("caf\xC3\xA9"));
  EXPECT_EQ(Norm("STRASSE"), Norm("stra\xC3\x9F" "e"));
  // No-break space and ideographic space are white space.
  EXPECT_EQ(Norm("a\xC2\xA0\xE3\x80\x80 b"), "a b");
}

TEST(NormalizeForDedupTest, IsAFixedPoint) {
  for (std::string s : {"\xC4\xB0stanbul", "Stra\xC3\x9F" "e", "\xEF\xAC\x81le", "A\xCC\x8A", "\xD8\xA7\xD9\x93"}) {
    std::string once = Norm(s);
    EXPECT_EQ(Norm(once), once) << s;
  }
}

TEST(NormalizeForDedupTest, IllFormedUtf8DoesNotCrash) {
  EXPECT_EQ(Norm("a\xFF\xFE b"), "a\xEF\xBF\xBD\xEF\xBF\xBD b");
}

// The fast path against the ICU reference on random mixes of awkward pieces: composing Arabic
// (alef + madda), decomposed Latin, characters whose case folding expands, non-BMP, odd spaces
// and ill-formed bytes.
TEST(NormalizeForDedupTest, FastPathMatchesReference) {
  const std::vector<std::string> pieces = {
      "a", "Z", " ", "\t\n", "word", "\xD8\xA7", "\xD9\x93", "\xD9\x94", "\xD9\x8E", "\xD9\x83\xD8\xAA\xD8\xA8",
      "\xC3\x9F", "\xC3\x89", "e\xCC\x81", "\xCE\xA3", "\xC2\xA0", "\xE3\x80\x80", "\xC4\xB0", "\xF0\x9F\x98\x80",
      "\xE4\xB8\xAD", "\xFF", "\xE2\x80\x8C", "\xEF\xAC\x81", "\xC2\x85", "1", "."};
  uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state >> 33;
  };
  std::string fast, reference;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int n = next() % 12;
    for (int k = 0; k < n; ++k) text += pieces[next() % pieces.size()];
    NormalizeForDedup(text, &fast);
    NormalizeForDedupReference(text, &reference);
    ASSERT_EQ(fast, reference) << "input: " << text;
  }
}

// Every code point of the BMP, alone, after a capital and before a combining mark (which NFC
// may compose with it), so every entry of the fast path's tables is checked against ICU.
TEST(NormalizeForDedupTest, FastPathMatchesReferenceForEveryBmpCodePoint) {
  std::string fast, reference;
  for (char32_t c = 1; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string cp;
    AppendUtf8(&cp, c);
    for (const std::string& text : {cp, "Q" + cp + " x", cp + "\xCC\x81", cp + "\xD9\x94"}) {
      NormalizeForDedup(text, &fast);
      NormalizeForDedupReference(text, &reference);
      ASSERT_EQ(fast, reference) << "U+" << std::hex << static_cast<uint32_t>(c);
    }
  }
}

// Long ASCII runs go 16 bytes at a time: spaces and capitals at every position of a chunk,
// runs of spaces, tabs and control characters across chunk boundaries.
TEST(NormalizeForDedupTest, AsciiChunksMatchReference) {
  const char kBytes[] = "abcXYZ  \t\n.,1\x01\x7f";
  uint64_t state = 99;
  std::string fast, reference;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int n = static_cast<int>(state % 70);
    for (int k = 0; k < n; ++k) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      const uint64_t r = state >> 33;
      text += (r % 4 == 0) ? kBytes[r % (sizeof kBytes - 1)] : static_cast<char>('a' + r % 26);
    }
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    NormalizeForDedup(text, &fast);
    NormalizeForDedupReference(text, &reference);
    ASSERT_EQ(fast, reference) << "input: " << text;
  }
}

TEST(HashTest, StableAndDistinct) {
  EXPECT_EQ(HashText128("abc"), HashText128("abc"));
  EXPECT_NE(HashText128("abc"), HashText128("abd"));
  EXPECT_NE(HashText64("abc", 1), HashText64("abc", 2));
}

}  // namespace
}  // namespace ghirbal::dedup
