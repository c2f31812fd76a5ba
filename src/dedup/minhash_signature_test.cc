#include "dedup/minhash_signature.h"

#include <gtest/gtest.h>

namespace ghirbal::dedup {
namespace {

std::vector<uint32_t> Sig(const MinHasher& h, const std::string& text, bool* ok = nullptr) {
  MinHasher::Scratch s;
  std::vector<uint32_t> sig;
  bool has = h.Signature(text, &s, &sig);
  if (ok != nullptr) *ok = has;
  return sig;
}

TEST(MinHashSignatureTest, TheoryMatchesFineWebTable) {
  EXPECT_NEAR(CandidateProbability(0.5, 14, 8), 0.053, 0.001);
  EXPECT_NEAR(CandidateProbability(0.6, 14, 8), 0.21, 0.01);
  EXPECT_NEAR(CandidateProbability(0.7, 14, 8), 0.57, 0.01);
  EXPECT_NEAR(CandidateProbability(0.8, 14, 8), 0.92, 0.01);
  EXPECT_NEAR(CandidateProbability(0.9, 14, 8), 1.00, 0.01);
}

TEST(MinHashSignatureTest, NormalizedEqualTextsHaveEqualSignatures) {
  MinHasher h({});
  EXPECT_EQ(Sig(h, "The quick brown fox jumps over the lazy dog"),
            Sig(h, "the QUICK brown   fox, jumps over the lazy dog!"));
  EXPECT_EQ(Sig(h, "a b c d e f").size(), 112u);
  EXPECT_NE(Sig(h, "a b c d e f"), Sig(h, "a b c d e g"));
}

std::vector<uint32_t> Shingles(const MinHasher& h, const std::string& text) {
  MinHasher::Scratch s;
  std::vector<uint32_t> out;
  h.ShingleHashes(text, &s, &out);
  return out;
}

TEST(MinHashSignatureTest, WordsIgnorePunctuationAndSegmentChinese) {
  MinHashParams p;
  p.n_grams = 1;
  MinHasher h(p);
  EXPECT_EQ(Shingles(h, "hello, world!!"), Shingles(h, "hello world"));
  EXPECT_EQ(Shingles(h, "... !!! ---").size(), 0u);
  // Arabic with a diacritic (fatha) is a different word from the bare one.
  EXPECT_NE(Shingles(h, "\xD9\x83\xD9\x8E\xD8\xAA\xD8\xA8"), Shingles(h, "\xD9\x83\xD8\xAA\xD8\xA8"));
  // Chinese has no spaces: the shared word splitter still finds several words.
  EXPECT_GT(Shingles(h, "\xE6\x88\x91\xE4\xBB\xAC\xE4\xBB\x8A\xE5\xA4\xA9\xE5\x8E\xBB\xE5\x8C\x97\xE4\xBA\xAC\xE5\xA4\xA7\xE5\xAD\xA6").size(), 2u);
}

TEST(MinHashSignatureTest, ShortAndEmptyDocuments) {
  MinHasher h({});
  bool ok = true;
  Sig(h, "", &ok);
  EXPECT_FALSE(ok);
  Sig(h, " ... !!! ", &ok);
  EXPECT_FALSE(ok);
  EXPECT_EQ(Sig(h, "word", &ok).size(), 112u);
  EXPECT_TRUE(ok);
  // Fewer words than the shingle size: one shingle of all words.
  EXPECT_EQ(Sig(h, "two words"), Sig(h, "Two  Words"));
  EXPECT_NE(Sig(h, "two words"), Sig(h, "two"));
}

TEST(MinHashSignatureTest, SeedAndShapeAreHonored) {
  MinHashParams p;
  p.seed = 7;
  p.bands = 3;
  p.rows = 4;
  MinHasher a(p), b(p), c({});
  EXPECT_EQ(Sig(a, "some text here"), Sig(b, "some text here"));
  EXPECT_EQ(Sig(a, "some text here").size(), 12u);
  auto sig = Sig(a, "some text here");
  EXPECT_NE(a.BandHash(sig.data(), 0), a.BandHash(sig.data(), 1));
}

TEST(MinHashSignatureTest, AgreementEstimatesJaccard) {
  // Two texts sharing 60 of 140 distinct 1-gram shingles: Jaccard 0.43.
  MinHashParams p;
  p.n_grams = 1;
  p.bands = 64;
  p.rows = 16;  // 1024 values: standard error ~0.015
  MinHasher h(p);
  std::string a, b;
  for (int i = 0; i < 100; ++i) a += "w" + std::to_string(i) + " ";
  for (int i = 40; i < 140; ++i) b += "w" + std::to_string(i) + " ";
  auto sa = Sig(h, a), sb = Sig(h, b);
  int equal = 0;
  for (size_t i = 0; i < sa.size(); ++i) equal += sa[i] == sb[i];
  EXPECT_NEAR(equal / 1024.0, 60.0 / 140.0, 0.06);
}

}  // namespace
}  // namespace ghirbal::dedup

namespace ghirbal::dedup {
namespace {

// The SIMD fast path against the plain loop, on texts of every shingle count and on signature
// sizes that are not multiples of the vector width.
TEST(MinHashSignatureTest, FastPathMatchesReference) {
  for (auto [bands, rows] : {std::pair{14, 8}, std::pair{3, 5}, std::pair{1, 1}, std::pair{20, 7}}) {
    MinHashParams p;
    p.bands = bands;
    p.rows = rows;
    MinHasher h(p);
    MinHasher::Scratch s;
    std::string text;
    for (int i = 0; i < 300; ++i) {
      text += "w" + std::to_string(i * 31 % 97) + " ";
      std::vector<uint32_t> fast, ref;
      ASSERT_TRUE(h.Signature(text, &s, &fast));
      ASSERT_TRUE(h.Signature(text, &s, &ref, /*reference=*/true));
      ASSERT_EQ(fast, ref) << bands << "x" << rows << " words " << i;
    }
  }
}

}  // namespace
}  // namespace ghirbal::dedup
