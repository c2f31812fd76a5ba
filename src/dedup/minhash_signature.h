// MinHash signatures of documents and their LSH band hashes.
//
// A document is the set of its word n-gram shingles: words of the normalized text
// (dedup_text.h) as src/text/words.h splits them (so Chinese, Japanese and Thai get dictionary
// word breaks), punctuation tokens left out. A document with fewer than n words is one
// shingle of all its words, and one without words has no signature. Each shingle is hashed once (XXH3 of its word hashes) to 32 bits x, then
// permutation i maps it to (a_i * x + b_i) >> 32 with random 64-bit a_i (odd), b_i drawn from
// `seed`: a strongly universal family (Dietzfelbinger's multiply-add-shift), one multiply and
// add per value (with AVX2, chosen at run time, four at a time). Signature value i is the
// minimum over the shingles; two documents agree on value i with probability ~ Jaccard.
// The signature is cut into `bands` bands of `rows` values; documents whose band b values are
// all equal (compared by a 64-bit hash of the band) are candidate duplicates, so a pair of
// Jaccard s becomes a candidate with probability 1 - (1 - s^rows)^bands.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/words.h"

namespace ghirbal::dedup {

struct MinHashParams {
  int n_grams = 5;  // words per shingle
  int bands = 14;   // FineWeb's 14 buckets ...
  int rows = 8;     // ... of 8 hashes each
  uint64_t seed = 1;
  int signature_size() const { return bands * rows; }
};

// Probability that a pair of Jaccard similarity `s` shares at least one band.
double CandidateProbability(double s, int bands, int rows);

class MinHasher {
 public:
  explicit MinHasher(const MinHashParams& params);

  // Per-thread buffers, reused across documents.
  struct Scratch {
    std::string normalized;
    WordSplitter splitter;
    std::vector<Word> words;
    std::vector<uint64_t> word_hashes;
    std::vector<uint32_t> shingles;
  };

  // The 32-bit shingle hashes of `text` (with repeats), the set MinHash estimates Jaccard on.
  void ShingleHashes(std::string_view text, Scratch* scratch, std::vector<uint32_t>* out) const;
  // Fills `signature` (signature_size() values); false when `text` has no word. The SIMD
  // fast path is used when the CPU has it; `reference` forces the plain loop (for tests).
  bool Signature(std::string_view text, Scratch* scratch, std::vector<uint32_t>* signature,
                 bool reference = false) const;
  // The hash of band `band` of `signature`.
  uint64_t BandHash(const uint32_t* signature, int band) const;

  const MinHashParams& params() const { return params_; }

 private:
  MinHashParams params_;
  std::vector<uint64_t> a_;
  std::vector<uint64_t> b_;
};

}  // namespace ghirbal::dedup
