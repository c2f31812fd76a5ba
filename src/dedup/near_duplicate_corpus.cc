#include "dedup/near_duplicate_corpus.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <unordered_set>

namespace ghirbal::dedup {
namespace {

using Words = std::vector<uint32_t>;  // indices into a vocabulary

// Distinct random words: Latin ones from letters a-z, Arabic ones from the Arabic letters.
std::vector<std::string> MakeVocabulary(bool arabic, size_t size, std::mt19937_64& rng) {
  static const char* kArabic[] = {"ا", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص",
                                  "ض", "ط", "ظ", "ع", "غ", "ف", "ق", "ك", "ل", "م", "ن", "ه", "و", "ي"};
  std::unordered_set<std::string> seen;
  std::vector<std::string> vocab;
  std::uniform_int_distribution<int> len(2, 8);
  while (vocab.size() < size) {
    std::string w;
    int n = len(rng);
    for (int i = 0; i < n; ++i) {
      if (arabic) {
        w += kArabic[rng() % 28];
      } else {
        w += static_cast<char>('a' + rng() % 26);
      }
    }
    if (seen.insert(w).second) vocab.push_back(w);
  }
  return vocab;
}

double WordJaccard(const Words& a, const Words& b, int n) {
  auto shingles = [n](const Words& w) {
    std::unordered_set<uint64_t> s;
    if (w.empty()) return s;
    size_t k = std::min<size_t>(n, w.size());
    for (size_t i = 0; i + k <= w.size(); ++i) {
      uint64_t h = 1469598103934665603ull;
      for (size_t j = 0; j < k; ++j) h = (h ^ w[i + j]) * 1099511628211ull;
      s.insert(h);
    }
    return s;
  };
  auto sa = shingles(a), sb = shingles(b);
  size_t inter = 0;
  for (uint64_t h : sa) inter += sb.count(h);
  size_t uni = sa.size() + sb.size() - inter;
  return uni == 0 ? 1.0 : static_cast<double>(inter) / uni;
}

struct Edit {
  int kind;  // 0 substitute, 1 insert, 2 delete
  double where;
  uint32_t word;
};

Words ApplyEdits(Words w, const std::vector<Edit>& edits, size_t count) {
  for (size_t i = 0; i < count && i < edits.size(); ++i) {
    const Edit& e = edits[i];
    if (w.empty()) {
      w.push_back(e.word);
      continue;
    }
    size_t pos = std::min(w.size() - 1, static_cast<size_t>(e.where * w.size()));
    if (e.kind == 0) {
      w[pos] = e.word;
    } else if (e.kind == 1) {
      w.insert(w.begin() + pos, e.word);
    } else if (w.size() > 1) {
      w.erase(w.begin() + pos);
    }
  }
  return w;
}

std::string Render(const Words& w, const std::vector<std::string>& vocab, std::mt19937_64& rng) {
  std::string out;
  for (size_t i = 0; i < w.size(); ++i) {
    if (i > 0) out += (rng() % 12 == 0) ? ".\n" : " ";
    out += vocab[w[i]];
  }
  return out;
}

}  // namespace

double ShingleJaccard(const MinHasher& hasher, const std::string& a, const std::string& b) {
  MinHasher::Scratch scratch;
  std::vector<uint32_t> ha, hb;
  hasher.ShingleHashes(a, &scratch, &ha);
  hasher.ShingleHashes(b, &scratch, &hb);
  std::unordered_set<uint32_t> sa(ha.begin(), ha.end()), sb(hb.begin(), hb.end());
  size_t inter = 0;
  for (uint32_t h : sa) inter += sb.count(h);
  size_t uni = sa.size() + sb.size() - inter;
  return uni == 0 ? 1.0 : static_cast<double>(inter) / uni;
}

NearDuplicateCorpus MakeNearDuplicateCorpus(const NearDuplicateCorpusOptions& o, const MinHashParams& params) {
  std::mt19937_64 rng(o.seed);
  const size_t kVocab = 20000;
  const std::vector<std::string> vocabs[2] = {MakeVocabulary(false, kVocab, rng), MakeVocabulary(true, kVocab, rng)};
  std::vector<Words> boilerplate[2];
  for (auto& blocks : boilerplate) {
    for (int i = 0; i < 16; ++i) {
      Words block(30 + rng() % 30);
      for (auto& w : block) w = rng() % kVocab;
      blocks.push_back(block);
    }
  }
  const MinHasher hasher(params);
  std::uniform_real_distribution<double> unit(0, 1);
  auto random_words = [&](size_t n) {
    Words w(n);
    for (auto& x : w) x = rng() % kVocab;
    return w;
  };

  // Generated in a fixed order, then shuffled into input order.
  struct Planned {
    std::string a, b;
    double level, jaccard;
  };
  std::vector<Planned> planned;
  for (double level : o.levels) {
    for (size_t made = 0; made < o.pairs_per_level;) {
      const int lang = unit(rng) < o.arabic_share ? 1 : 0;
      const size_t n = o.min_words + rng() % (o.max_words - o.min_words + 1);
      Words original = random_words(n);
      if (unit(rng) < 0.3) {
        const Words& block = boilerplate[lang][rng() % 16];
        original.insert(original.end(), block.begin(), block.end());
      }
      Words base = original;
      double shape = unit(rng);
      if (shape < 0.2) {  // different length: truncated
        base.resize(std::max<size_t>(1, static_cast<size_t>(base.size() * (0.85 + 0.15 * unit(rng)))));
      } else if (shape < 0.4) {  // different length: extended
        Words more = random_words(static_cast<size_t>(base.size() * 0.15 * unit(rng)));
        base.insert(base.end(), more.begin(), more.end());
      } else if (shape < 0.6) {  // boilerplate added to the copy
        const Words& block = boilerplate[lang][rng() % 16];
        base.insert(base.end(), block.begin(), block.end());
      }
      std::vector<Edit> edits(2 * n);
      for (auto& e : edits) e = {static_cast<int>(rng() % 3), unit(rng), static_cast<uint32_t>(rng() % kVocab)};
      // Smallest edit count whose similarity falls to the level (similarity falls with edits,
      // not strictly, so the search may miss; then the pair is drawn again).
      size_t lo = 0, hi = edits.size();
      while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (WordJaccard(original, ApplyEdits(base, edits, mid), params.n_grams) > level) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      Words best;
      double best_gap = 1;
      for (size_t m = (lo > 0 ? lo - 1 : 0); m <= std::min(lo + 1, edits.size()); ++m) {
        Words v = ApplyEdits(base, edits, m);
        double gap = std::abs(WordJaccard(original, v, params.n_grams) - level);
        if (gap < best_gap) {
          best_gap = gap;
          best = std::move(v);
        }
      }
      if (best_gap > o.tolerance) continue;
      Planned p{Render(original, vocabs[lang], rng), Render(best, vocabs[lang], rng), level, 0};
      p.jaccard = ShingleJaccard(hasher, p.a, p.b);
      if (std::abs(p.jaccard - level) > o.tolerance) continue;
      planned.push_back(std::move(p));
      ++made;
    }
  }
  const size_t total = 2 * planned.size() + o.singletons;
  std::vector<size_t> position(total);
  for (size_t i = 0; i < total; ++i) position[i] = i;
  std::shuffle(position.begin(), position.end(), rng);
  NearDuplicateCorpus corpus;
  corpus.texts.resize(total);
  for (size_t i = 0; i < planned.size(); ++i) {
    size_t a = position[2 * i], b = position[2 * i + 1];
    corpus.texts[a] = std::move(planned[i].a);
    corpus.texts[b] = std::move(planned[i].b);
    corpus.pairs.push_back({std::min(a, b), std::max(a, b), planned[i].level, planned[i].jaccard});
  }
  for (size_t i = 0; i < o.singletons; ++i) {
    const int lang = unit(rng) < o.arabic_share ? 1 : 0;
    corpus.texts[position[2 * planned.size() + i]] =
        Render(random_words(o.min_words + rng() % (o.max_words - o.min_words + 1)), vocabs[lang], rng);
  }
  return corpus;
}

}  // namespace ghirbal::dedup
