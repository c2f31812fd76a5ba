#include "dedup/minhash.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "core/stage_registry.h"
#include "dedup/dedup_testing.h"
#include "dedup/near_duplicate_corpus.h"

namespace ghirbal::dedup {
namespace {

namespace fs = std::filesystem;

std::string Page(int variant, int words = 120) {
  std::string s;
  for (int i = 0; i < words; ++i) s += "word" + std::to_string(i * 7919 % 1000 + variant * 1000) + " ";
  return s;
}

std::vector<std::string> SmallCorpus() {
  std::string a = Page(1), b = Page(2);
  std::string a2 = a + " one extra tail", b2 = "A prefix " + b;
  return {a, "", b, "one", a2, "tiny doc", b2, a, "one", Page(3), "", a2};
}

std::string Cluster(const Document& d) { return d.metadata.GetString("minhash_cluster").value_or("-"); }

TEST(MinHashDedupTest, ClustersNearDuplicatesAndKeepsFirst) {
  MinHashDedup stage({});
  auto docs = testing::MakeDocs(SmallCorpus(), 3);
  ASSERT_TRUE(testing::Run(stage, &docs, testing::FreshDir("minhash_small")).ok());
  // a, a2, a, a2 -> cluster of d0; b, b2 -> cluster of d2; "one" x2 -> cluster of d3.
  EXPECT_FALSE(docs[0].rejected());
  EXPECT_EQ(docs[0].metadata.GetNumber("minhash_cluster_size"), 4);
  EXPECT_EQ(Cluster(docs[0]), docs[0].id);
  for (int i : {4, 7, 11}) {
    EXPECT_EQ(docs[i].verdict.reason, "near_duplicate") << i;
    EXPECT_EQ(docs[i].verdict.value, "{\"cluster\":\"d0\",\"kept\":\"d0\"}") << i;
    EXPECT_EQ(*docs[i].metadata.GetString("duplicate_of"), "d0");
  }
  EXPECT_FALSE(docs[2].rejected());
  EXPECT_EQ(docs[6].verdict.value, "{\"cluster\":\"d2\",\"kept\":\"d2\"}");
  EXPECT_FALSE(docs[3].rejected());
  EXPECT_EQ(*docs[8].metadata.GetString("duplicate_of"), "d3");
  // Empty documents have no words, so no signature: never near-duplicates.
  EXPECT_FALSE(docs[1].rejected());
  EXPECT_FALSE(docs[10].rejected());
  EXPECT_FALSE(docs[5].rejected());
  EXPECT_FALSE(docs[9].rejected());
  EXPECT_FALSE(docs[9].metadata.Contains("minhash_cluster"));
}

TEST(MinHashDedupTest, SameVerdictsWhateverTasksAndBatches) {
  MinHashDedup stage({});
  auto one = testing::MakeDocs(SmallCorpus(), 2);
  ASSERT_TRUE(testing::Run(stage, &one, testing::FreshDir("minhash_one"), {1, 100}).ok());
  for (int tasks : {2, 3}) {
    auto many = testing::MakeDocs(SmallCorpus(), 2);
    ASSERT_TRUE(testing::Run(stage, &many, testing::FreshDir("minhash_many" + std::to_string(tasks)), {tasks, 1}).ok());
    for (size_t i = 0; i < one.size(); ++i) {
      EXPECT_EQ(one[i].verdict.value, many[i].verdict.value) << i;
      EXPECT_EQ(Cluster(one[i]), Cluster(many[i])) << i;
    }
  }
}

TEST(MinHashDedupTest, RerunOfAnyPhaseAfterCrashIsCorrect) {
  MinHashDedup stage({});
  auto expected = testing::MakeDocs(SmallCorpus(), 2);
  ASSERT_TRUE(testing::Run(stage, &expected, testing::FreshDir("minhash_ref"), {2, 3}).ok());
  std::string dir = testing::FreshDir("minhash_crash");
  auto docs = testing::MakeDocs(SmallCorpus(), 2);
  {  // task 0 collects half and dies
    auto c = stage.NewCollector({dir, 0, 2});
    ASSERT_TRUE(c.ok());
    Batch b;
    b.documents.assign(docs.begin(), docs.begin() + 3);
    ASSERT_TRUE((*c)->Collect(b).ok());
  }
  // Leftovers of a crashed reduce: a partial temp file and a stale pairs file.
  { std::FILE* f = std::fopen((dir + "/pairs-00.bin.tmp").c_str(), "wb"); std::fputs("junk", f); std::fclose(f); }
  ASSERT_TRUE(testing::Collect(stage, docs, dir, {2, 3}).ok());
  ASSERT_TRUE(stage.Reduce(0, 0, {dir, 0, 2}).ok());
  ASSERT_TRUE(testing::ReduceAll(stage, dir, {2, 3}).ok());
  ASSERT_TRUE(testing::ReduceAll(stage, dir, {2, 3}).ok());
  ASSERT_TRUE(testing::Apply(stage, &docs, dir, {2, 3}).ok());
  for (size_t i = 0; i < docs.size(); ++i) {
    EXPECT_EQ(docs[i].verdict.value, expected[i].verdict.value) << i;
    EXPECT_EQ(Cluster(docs[i]), Cluster(expected[i])) << i;
  }
  EXPECT_FALSE(fs::exists(dir + "/pairs-00.bin.tmp") && fs::file_size(dir + "/pairs-00.bin.tmp") == 4);
}

TEST(MinHashDedupTest, ApplyBeforeReduceIsAnError) {
  MinHashDedup stage({});
  std::string dir = testing::FreshDir("minhash_early");
  auto docs = testing::MakeDocs(SmallCorpus());
  ASSERT_TRUE(testing::Collect(stage, docs, dir, {}).ok());
  EXPECT_FALSE(stage.NewApplier({dir, 0, 1}).ok());
  EXPECT_FALSE(stage.Reduce(2, 0, {dir, 0, 1}).ok());
}

TEST(MinHashDedupTest, HundredThousandCopiesOfOnePage) {
  MinHashOptions o;
  o.sort_memory_bytes = 8 << 20;  // forces sorted runs on disk
  MinHashDedup stage(o);
  std::vector<std::string> texts(100000, "Breaking news: the same page copied everywhere, again and again.");
  texts[5] = "a different page with enough distinct words to stand alone here";
  auto docs = testing::MakeDocs(texts, 5000);
  ASSERT_TRUE(testing::Run(stage, &docs, testing::FreshDir("minhash_copies"), {3, 512}).ok());
  size_t rejected = 0;
  for (const auto& d : docs) rejected += d.rejected();
  EXPECT_EQ(rejected, 99998u);
  EXPECT_FALSE(docs[0].rejected());
  EXPECT_FALSE(docs[5].rejected());
  EXPECT_EQ(docs[0].metadata.GetNumber("minhash_cluster_size"), 99999);
  EXPECT_EQ(*docs[99999].metadata.GetString("duplicate_of"), "d0");
}

TEST(MinHashDedupTest, VerifyDropsCandidatesBelowThreshold) {
  // Sixteen bands of one row: documents sharing any shingle are almost surely candidates.
  MinHashOptions loose;
  loose.params.bands = 16;
  loose.params.rows = 1;
  loose.params.n_grams = 1;
  MinHashOptions verified = loose;
  verified.verify = true;
  verified.verify_threshold = 0.9;
  std::vector<std::string> texts = {"a b c d e f g h", "a b c d e f g h", "a", "a z"};
  auto plain = testing::MakeDocs(texts);
  auto checked = testing::MakeDocs(texts);
  ASSERT_TRUE(testing::Run(MinHashDedup(loose), &plain, testing::FreshDir("minhash_noverify")).ok());
  ASSERT_TRUE(testing::Run(MinHashDedup(verified), &checked, testing::FreshDir("minhash_verify")).ok());
  EXPECT_TRUE(checked[1].rejected());
  EXPECT_TRUE(plain[3].rejected());     // Jaccard 0.5: a candidate, merged unverified
  EXPECT_FALSE(checked[3].rejected());  // but its estimated similarity is below 0.9
  EXPECT_FALSE(checked[2].metadata.Contains("minhash_cluster"));
}

TEST(MinHashDedupTest, OptionsAreReadAndChecked) {
  auto opts = StageOptions::FromYaml("n_grams: 3\nnum_buckets: 20\nhashes_per_bucket: 5\nseed: 9\nverify: true\n"
                                     "verify_threshold: 0.8\nsort_memory_mb: 64");
  auto built = StageRegistry::Global().Build("minhash", *opts);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ(built->global->ReduceShards(0), 20);
  auto alias = StageOptions::FromYaml("bands: 9");
  EXPECT_EQ(StageRegistry::Global().Build("minhash", *alias)->global->ReduceShards(0), 9);
  for (const char* bad : {"n_gram: 3", "num_buckets: 0", "bands: 3\nnum_buckets: 3", "verify_threshold: 2"}) {
    auto o = StageOptions::FromYaml(bad);
    EXPECT_FALSE(StageRegistry::Global().Build("minhash", *o).ok()) << bad;
  }
}

// The detection rate of planted pairs follows the LSH theory for the default parameters, and
// dissimilar pairs are almost never merged (through chains in the union-find either).
TEST(MinHashDedupTest, DetectionRateFollowsTheory) {
  NearDuplicateCorpusOptions co;
  co.levels = {0.2, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
  co.pairs_per_level = 400;
  MinHashOptions o;
  const NearDuplicateCorpus corpus = MakeNearDuplicateCorpus(co, o.params);
  auto docs = testing::MakeDocs(corpus.texts, 500);
  ASSERT_TRUE(testing::Run(MinHashDedup(o), &docs, testing::FreshDir("minhash_rates"), {2, 64}).ok());
  std::map<double, std::pair<double, double>> by_level;  // level -> (detected, theory) sums
  std::map<double, int> count;
  for (const PlantedPair& p : corpus.pairs) {
    std::string ca = Cluster(docs[p.a]), cb = Cluster(docs[p.b]);
    bool same = ca != "-" && ca == cb;
    by_level[p.level].first += same;
    by_level[p.level].second += CandidateProbability(p.jaccard, o.params.bands, o.params.rows);
    ++count[p.level];
    if (same) {
      EXPECT_EQ(*docs[p.b].metadata.GetString("duplicate_of"), docs[p.a].id);
    }
  }
  for (auto& [level, sums] : by_level) {
    double measured = sums.first / count[level], theory = sums.second / count[level];
    std::printf("level %.2f: pairs %d detected %.4f theory %.4f\n", level, count[level], measured, theory);
    if (level <= 0.3) {
      EXPECT_LE(measured, 0.005) << level;
    } else {
      EXPECT_NEAR(measured, theory, 0.05) << level;
    }
    if (level >= 0.9) {
      EXPECT_GE(measured, 0.99) << level;
    }
  }
}

}  // namespace
}  // namespace ghirbal::dedup
