#include "report/report_stats.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ghirbal {
namespace {

TEST(ValueSketchTest, CountsAndBoundedRelativeError) {
  ValueSketch s;
  for (double v : {0.0, 0.5, 3.0, 3.0, 1000.0, -2.0}) s.Add(v);
  s.Add(std::nan(""));  // ignored
  EXPECT_EQ(s.count(), 6u);
  EXPECT_EQ(s.min(), -2.0);
  EXPECT_EQ(s.max(), 1000.0);
  EXPECT_DOUBLE_EQ(s.sum(), 1004.5);
  std::vector<std::pair<double, uint64_t>> buckets;
  s.ForEachBucket([&](double v, uint64_t n) { buckets.emplace_back(v, n); });
  ASSERT_EQ(buckets.size(), 5u);
  const double expected[] = {-2.0, 0.0, 0.5, 3.0, 1000.0};
  for (size_t i = 0; i < buckets.size(); ++i) {
    EXPECT_NEAR(buckets[i].first, expected[i], std::fabs(expected[i]) * 0.02) << i;
  }
  EXPECT_EQ(buckets[3].second, 2u);
}

TEST(ValueSketchTest, MergeEqualsOneStreamAndJsonRoundTrips) {
  ValueSketch all, a, b;
  for (int i = 0; i < 1000; ++i) {
    const double v = (i % 7 == 0 ? -1 : 1) * std::pow(1.01, i % 300) * 0.37;
    all.Add(v);
    (i % 3 == 0 ? a : b).Add(v);
  }
  a.Merge(b);
  EXPECT_EQ(a.count(), all.count());
  EXPECT_EQ(a.min(), all.min());
  EXPECT_EQ(a.max(), all.max());
  std::string ja, jall;
  a.AppendJson(&ja);
  all.AppendJson(&jall);
  Result<ValueSketch> back = ValueSketch::FromJson(jall);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_TRUE(*back == all);
  // Bucket counts agree exactly; the sums may differ in the last bits.
  std::vector<uint64_t> ca, call;
  a.ForEachBucket([&](double, uint64_t n) { ca.push_back(n); });
  all.ForEachBucket([&](double, uint64_t n) { call.push_back(n); });
  EXPECT_EQ(ca, call);
}

TEST(ValueSketchTest, RejectsInconsistentJson) {
  EXPECT_FALSE(ValueSketch::FromJson("{\"n\":3,\"zero\":1,\"pos\":[[1,1]],\"neg\":[]}").ok());
  EXPECT_FALSE(ValueSketch::FromJson("not json").ok());
}

Example Ex(uint64_t priority, std::string id) {
  Example e;
  e.priority = priority;
  e.id = std::move(id);
  return e;
}

TEST(ExampleSampleTest, KeepsSmallestPrioritiesWhateverTheOrderOrSplit) {
  ExampleSample forward(3), backward(3), left(3), right(3);
  for (uint64_t p = 0; p < 20; ++p) forward.Offer(Ex((p * 7919) % 101, "d" + std::to_string(p)));
  for (uint64_t p = 20; p-- > 0;) backward.Offer(Ex((p * 7919) % 101, "d" + std::to_string(p)));
  for (uint64_t p = 0; p < 20; ++p) (p % 2 ? left : right).Offer(Ex((p * 7919) % 101, "d" + std::to_string(p)));
  left.Merge(right);
  ASSERT_EQ(forward.items().size(), 3u);
  EXPECT_TRUE(forward == backward);
  EXPECT_TRUE(forward == left);
  EXPECT_LE(forward.items()[0].priority, forward.items()[1].priority);
  // The same document offered twice is kept once.
  ExampleSample twice(3);
  twice.Offer(Ex(5, "a"));
  twice.Offer(Ex(5, "a"));
  EXPECT_EQ(twice.items().size(), 1u);
}

TEST(ReportStatsTest, JsonRoundTripKeepsEverything) {
  ReportStats r;
  r.kept = 3;
  r.rejected = 2;
  r.errors = 1;
  r.rejects["filter:min_words"] = 2;
  r.reject_values["filter:min_words"].Add(12);
  r.measures["language_score"].kept.Add(0.93);
  r.measures["filter.word_count"].rejected.Add(12);
  r.declared_thresholds["word_count"] = {50};
  r.text_chars.kept.Add(1200);
  r.languages["ar"] = {2, 1.9, 2};
  r.scripts["Arab"] = 2;
  r.cluster_sizes["minhash"][3] = 1;
  OfferCluster(&r.largest_clusters, {"minhash", "0:1", "d1", "http://x", "نص \"quoted\"", 3}, 10);
  Example e = Ex(42, "d<1>");
  e.snippet = "line\n\x01 control";
  e.priority = ~0ull;  // 64-bit priorities survive (stored as strings)
  r.kept_examples.Offer(e);
  r.reject_examples.emplace("filter:min_words", ExampleSample(5));
  r.reject_examples.at("filter:min_words").Offer(Ex(7, "d2"));
  OfferError(&r.error_examples, {9, "a.warc", "truncated", 120}, 10);
  r.tasks.push_back({"task-00000", 0, true, "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", 1.0, 6});
  Result<ReportStats> back = ReportStats::FromJson(r.ToJson());
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->ToJson(), r.ToJson());
  EXPECT_TRUE(*back == r);
}

TEST(ReportStatsTest, MergeAddsAndCapsKeys) {
  ReportStats a, b;
  a.rejects["s:x"] = 1;
  b.rejects["s:x"] = 2;
  b.rejects["s:y"] = 5;
  ReportLimits limits;
  limits.max_rules = 1;
  a.Merge(b, limits);
  EXPECT_EQ(a.rejects.at("s:x"), 3u);
  EXPECT_EQ(a.rejects.count("s:y"), 0u);
  EXPECT_EQ(a.dropped_keys, 1u);
  EXPECT_FALSE(ReportStats::FromJson("{\"format\":\"other\"}").ok());
}

}  // namespace
}  // namespace ghirbal
