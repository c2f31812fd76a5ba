#include "dedup/minhash_signature.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <xxhash.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

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
  s->splitter.Split(s->normalized, &s->words);
  s->word_hashes.clear();
  for (const Word& w : s->words) {
    if (!w.symbol) s->word_hashes.push_back(XXH3_64bits(w.text.data(), w.text.size()));
  }
  if (s->word_hashes.empty()) return;
  const size_t n = std::min<size_t>(params_.n_grams, s->word_hashes.size());
  const size_t count = s->word_hashes.size() - n + 1;
  out->reserve(count);
  for (size_t i = 0; i < count; ++i) {
    uint64_t h = XXH3_64bits_withSeed(&s->word_hashes[i], n * sizeof(uint64_t), params_.seed);
    out->push_back(static_cast<uint32_t>(h ^ (h >> 32)));
  }
}

namespace {

// The hot loop: k permutations of every shingle, the reference version.
void MinOverShinglesScalar(const uint32_t* shingles, size_t count, const uint64_t* a, const uint64_t* b, int k,
                           uint32_t* sig) {
  for (size_t s = 0; s < count; ++s) {
    const uint64_t x = shingles[s];
    for (int i = 0; i < k; ++i) {
      uint32_t v = static_cast<uint32_t>((a[i] * x + b[i]) >> 32);
      sig[i] = v < sig[i] ? v : sig[i];
    }
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
// The same with AVX2, four permutations per instruction (the compiler does not vectorize the
// 64-bit multiply by itself). With x < 2^32 and a = a_hi * 2^32 + a_lo:
//   ((a * x + b) mod 2^64) >> 32 = (((a_lo * x + b) mod 2^64) >> 32) + a_hi * x   (mod 2^32).
__attribute__((target("avx2"))) void MinOverShinglesAvx2(const uint32_t* shingles, size_t count, const uint64_t* a,
                                                         const uint64_t* b, int k, uint32_t* sig) {
  const int vectors = k / 4;
  constexpr int kMaxVectors = 64 * 64 / 4;  // signature_size() <= 99 * 64 values
  __m256i acc[kMaxVectors];
  const __m256i ones = _mm256_set1_epi64x(0xFFFFFFFFll);
  for (int j = 0; j < vectors; ++j) acc[j] = ones;
  for (size_t s = 0; s < count; ++s) {
    const __m256i x = _mm256_set1_epi64x(shingles[s]);
    for (int j = 0; j < vectors; ++j) {
      const __m256i av = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + 4 * j));
      const __m256i bv = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + 4 * j));
      const __m256i lo = _mm256_mul_epu32(av, x);
      const __m256i hi = _mm256_mul_epu32(_mm256_srli_epi64(av, 32), x);
      __m256i v = _mm256_add_epi64(_mm256_srli_epi64(_mm256_add_epi64(lo, bv), 32), hi);
      v = _mm256_and_si256(v, ones);
      acc[j] = _mm256_min_epu32(acc[j], v);
    }
  }
  for (int j = 0; j < vectors; ++j) {
    alignas(32) uint64_t lanes[4];
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), acc[j]);
    for (int l = 0; l < 4; ++l) sig[4 * j + l] = std::min(sig[4 * j + l], static_cast<uint32_t>(lanes[l]));
  }
  // The k % 4 values left.
  const int done = 4 * vectors;
  if (done < k) MinOverShinglesScalar(shingles, count, a + done, b + done, k - done, sig + done);
}
#endif

void MinOverShingles(const uint32_t* shingles, size_t count, const uint64_t* a, const uint64_t* b, int k,
                     uint32_t* sig) {
#if defined(__x86_64__) && defined(__GNUC__)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2 && k <= 64 * 64) return MinOverShinglesAvx2(shingles, count, a, b, k, sig);
#endif
  MinOverShinglesScalar(shingles, count, a, b, k, sig);
}

}  // namespace

bool MinHasher::Signature(std::string_view text, Scratch* s, std::vector<uint32_t>* signature, bool reference) const {
  ShingleHashes(text, s, &s->shingles);
  if (s->shingles.empty()) return false;
  const int k = params_.signature_size();
  signature->assign(k, std::numeric_limits<uint32_t>::max());
  if (reference) {
    MinOverShinglesScalar(s->shingles.data(), s->shingles.size(), a_.data(), b_.data(), k, signature->data());
  } else {
    MinOverShingles(s->shingles.data(), s->shingles.size(), a_.data(), b_.data(), k, signature->data());
  }
  return true;
}

uint64_t MinHasher::BandHash(const uint32_t* signature, int band) const {
  return XXH3_64bits(signature + band * params_.rows, params_.rows * sizeof(uint32_t));
}

}  // namespace ghirbal::dedup
