#include "dedup/minhash_signature.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <xxhash.h>

#include "dedup/dedup_text.h"

namespace ghirbal::dedup {
namespace {

// SplitMix64: a fixed, portable generator, so signatures depend only on the seed.
uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

double CandidateProbability(double s, int bands, int rows) {
  return 1.0 - std::pow(1.0 - std::pow(s, rows), bands);
}

MinHasher::MinHasher(const MinHashParams& params) : params_(params) {
  uint64_t state = params.seed;
  const int k = params.signature_size();
  a_.resize(k);
  b_.resize(k);
  for (int i = 0; i < k; ++i) {
    a_[i] = SplitMix64(&state) | 1;
    b_[i] = SplitMix64(&state);
  }
}

void MinHasher::ShingleHashes(std::string_view text, Scratch* s, std::vector<uint32_t>* out) const {
  out->clear();
  NormalizeForDedup(text, &s->normalized);
  s->words.clear();
  SplitWords(s->normalized, &s->words);
  if (s->words.empty()) return;
  s->word_hashes.clear();
  for (std::string_view w : s->words) s->word_hashes.push_back(XXH3_64bits(w.data(), w.size()));
  const size_t n = std::min<size_t>(params_.n_grams, s->word_hashes.size());
  const size_t count = s->word_hashes.size() - n + 1;
  out->reserve(count);
  for (size_t i = 0; i < count; ++i) {
    uint64_t h = XXH3_64bits_withSeed(&s->word_hashes[i], n * sizeof(uint64_t), params_.seed);
    out->push_back(static_cast<uint32_t>(h ^ (h >> 32)));
  }
}

bool MinHasher::Signature(std::string_view text, Scratch* s, std::vector<uint32_t>* signature) const {
  ShingleHashes(text, s, &s->shingles);
  if (s->shingles.empty()) return false;
  const int k = params_.signature_size();
  signature->assign(k, std::numeric_limits<uint32_t>::max());
  uint32_t* sig = signature->data();
  const uint64_t* a = a_.data();
  const uint64_t* b = b_.data();
  for (uint32_t x32 : s->shingles) {
    const uint64_t x = x32;
    for (int i = 0; i < k; ++i) {
      uint32_t v = static_cast<uint32_t>((a[i] * x + b[i]) >> 32);
      sig[i] = std::min(sig[i], v);
    }
  }
  return true;
}

uint64_t MinHasher::BandHash(const uint32_t* signature, int band) const {
  return XXH3_64bits(signature + band * params_.rows, params_.rows * sizeof(uint32_t));
}

}  // namespace ghirbal::dedup
