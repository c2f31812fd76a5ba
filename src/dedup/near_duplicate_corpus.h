// A synthetic corpus with planted near-duplicate pairs of known Jaccard similarity, for
// measuring MinHash recall and precision (tests and bench/dedup_minhash_bench.cc).
//
// Each pair is an original document (random words from a Latin or an Arabic vocabulary,
// optionally with a site boilerplate block) and a variant made by word substitutions,
// insertions and deletions, plus, for some pairs, an added boilerplate block or a different
// length (truncated or extended). The number of edits is searched so the pair's true Jaccard
// similarity - measured on the same shingle sets MinHash uses (MinHasher::ShingleHashes) - is
// within `tolerance` of a target level. Pairs are unrelated to each other; documents are
// shuffled, so a pair's members are far apart in input order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dedup/minhash_signature.h"

namespace ghirbal::dedup {

struct NearDuplicateCorpusOptions {
  std::vector<double> levels = {0.1, 0.2, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
  size_t pairs_per_level = 200;
  size_t singletons = 0;  // extra unrelated documents
  int min_words = 150;    // document length range (words); ~330 words is ~2 KB
  int max_words = 450;
  double arabic_share = 0.5;  // fraction of pairs written in Arabic
  double tolerance = 0.01;
  uint64_t seed = 42;
};

struct PlantedPair {
  size_t a = 0;  // indices into texts
  size_t b = 0;
  double level = 0;    // target similarity
  double jaccard = 0;  // true similarity of the shingle sets
};

struct NearDuplicateCorpus {
  std::vector<std::string> texts;
  std::vector<PlantedPair> pairs;
};

NearDuplicateCorpus MakeNearDuplicateCorpus(const NearDuplicateCorpusOptions& options, const MinHashParams& params);

// Jaccard similarity of the shingle sets of two texts.
double ShingleJaccard(const MinHasher& hasher, const std::string& a, const std::string& b);

}  // namespace ghirbal::dedup
