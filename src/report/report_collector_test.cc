#include "report/report_collector.h"

#include <gtest/gtest.h>

namespace ghirbal {
namespace {

Document Doc(const std::string& id, const std::string& text, uint64_t ordinal) {
  Document d;
  d.id = id;
  d.text = text;
  d.origin.ordinal = ordinal;
  return d;
}

// 40 documents: Arabic and English, some rejected by a word-count rule, some duplicates.
std::vector<Document> Corpus() {
  std::vector<Document> docs;
  for (int i = 0; i < 40; ++i) {
    const bool arabic = i % 2 == 0;
    Document d = Doc("d" + std::to_string(i), arabic ? "هذا نص عربي رقم " + std::to_string(i) : "English text " + std::to_string(i), i);
    d.metadata.SetString("language", arabic ? "ar" : "en");
    d.metadata.SetString("script", arabic ? "Arab" : "Latn");
    d.metadata.SetNumber("language_score", arabic ? 0.9 : 0.8);
    d.metadata.SetRaw("filter", "{\"words\":" + std::to_string(i) + ",\"flag\":true,\"name\":\"x\"}");
    d.metadata.SetRaw("filter_thresholds", "{\"words\":10}");
    d.metadata.SetRaw("language_candidates", "[{\"language\":\"ar\",\"score\":0.9}]");
    if (i < 10) d.Reject("filter", "min_words", std::to_string(i));
    if (i == 12) d.metadata.SetInt("minhash_cluster_size", 3);
    if (i == 13) d.Reject("minhash", "near_duplicate", "{\"cluster\":\"0:12\"}");
    docs.push_back(std::move(d));
  }
  return docs;
}

TEST(ReportCollectorTest, CountsMeasuresLanguagesAndExamples) {
  ReportCollector c;
  Batch batch;
  batch.documents = Corpus();
  batch.errors.push_back({"in.jsonl", 99, "invalid JSON"});
  c.Observe(batch);
  const ReportStats& s = c.stats();
  EXPECT_EQ(s.kept, 29u);
  EXPECT_EQ(s.rejected, 11u);
  EXPECT_EQ(s.errors, 1u);
  EXPECT_EQ(s.rejects.at("filter:min_words"), 10u);
  EXPECT_EQ(s.rejects.at("minhash:near_duplicate"), 1u);
  EXPECT_EQ(s.reject_values.at("filter:min_words").count(), 10u);
  EXPECT_EQ(s.reject_values.at("filter:min_words").max(), 9.0);
  EXPECT_EQ(s.reject_values.count("minhash:near_duplicate"), 0u);  // not a number
  // Nested numbers are measures; booleans, strings and arrays are not.
  ASSERT_EQ(s.measures.count("filter.words"), 1u);
  EXPECT_EQ(s.measures.at("filter.words").kept.count(), 29u);
  EXPECT_EQ(s.measures.at("filter.words").rejected.count(), 11u);
  EXPECT_EQ(s.measures.count("filter.flag"), 0u);
  EXPECT_EQ(s.measures.count("language_candidates"), 0u);
  EXPECT_EQ(s.measures.count("filter_thresholds.words"), 0u);
  EXPECT_EQ(s.declared_thresholds.at("words"), std::set<double>{10});
  EXPECT_EQ(s.languages.at("ar").documents, 15u);  // 20 Arabic, 5 rejected below 10
  EXPECT_NEAR(s.languages.at("ar").score_sum / s.languages.at("ar").scored, 0.9, 1e-9);
  EXPECT_EQ(s.scripts.at("Latn"), 14u);  // 20 English, 5 below 10, d13 a duplicate
  EXPECT_EQ(s.cluster_sizes.at("minhash").at(3), 1u);
  ASSERT_EQ(s.largest_clusters.size(), 1u);
  EXPECT_EQ(s.largest_clusters[0].kept_id, "d12");
  EXPECT_EQ(s.kept_examples.items().size(), 8u);
  EXPECT_EQ(s.reject_examples.at("filter:min_words").items().size(), 5u);
  EXPECT_EQ(s.reject_examples.at("filter:min_words").items()[0].reason, "min_words");
  EXPECT_EQ(s.text_chars.kept.count() + s.text_chars.rejected.count(), 40u);
  ASSERT_EQ(s.error_examples.size(), 1u);
  EXPECT_EQ(s.error_examples[0].offset, 99u);
}

TEST(ReportCollectorTest, IntermediateSegmentCountsOnlyRejects) {
  CollectorOptions o;
  o.final_segment = false;
  ReportCollector c(o);
  Batch batch;
  batch.documents = Corpus();
  c.Observe(batch);
  EXPECT_EQ(c.stats().kept, 0u);
  EXPECT_EQ(c.stats().rejected, 11u);
  EXPECT_TRUE(c.stats().languages.empty());
  EXPECT_TRUE(c.stats().kept_examples.items().empty());
}

TEST(ReportCollectorTest, TasksMergeToTheStatisticsOfOneProcess) {
  std::vector<Document> docs = Corpus();
  ReportCollector whole, task0, task1;
  Batch all;
  all.documents = docs;
  whole.Observe(all);
  // Two tasks, each fed in several batches.
  for (size_t i = 0; i < docs.size(); i += 7) {
    Batch b;
    for (size_t j = i; j < std::min(docs.size(), i + 7); ++j) b.documents.push_back(docs[j]);
    (i / 7 % 2 ? task1 : task0).Observe(b);
  }
  ReportStats merged;
  merged.Merge(task1.stats());
  merged.Merge(task0.stats());
  // Through JSON, as the per-task files go.
  Result<ReportStats> back = ReportStats::FromJson(merged.ToJson());
  ASSERT_TRUE(back.ok());
  ReportStats expected = whole.stats();
  // Sums of doubles may differ in the last bits by order; everything else is exact.
  EXPECT_EQ(back->kept, expected.kept);
  EXPECT_EQ(back->rejects, expected.rejects);
  EXPECT_TRUE(back->kept_examples == expected.kept_examples);
  EXPECT_TRUE(back->reject_examples == expected.reject_examples);
  EXPECT_EQ(back->measures.at("filter.words").kept.count(), expected.measures.at("filter.words").kept.count());
  EXPECT_EQ(back->languages.at("en").documents, expected.languages.at("en").documents);
  EXPECT_TRUE(back->largest_clusters == expected.largest_clusters);
}

TEST(ReportCollectorTest, CharactersAndSnippets) {
  EXPECT_EQ(CountCharacters("abc"), 3u);
  EXPECT_EQ(CountCharacters("عربي"), 4u);
  // The word-at-a-time path agrees with a byte loop on mixed text of every length.
  const std::string mixed = "aعb ربي\xC3 c\x80\x80" "d نص English 12345 \xF0\x9F\x98\x80 x";
  for (size_t len = 0; len <= mixed.size(); ++len) {
    uint64_t expected = 0;
    for (size_t i = 0; i < len; ++i) expected += (static_cast<unsigned char>(mixed[i]) & 0xC0) != 0x80;
    EXPECT_EQ(CountCharacters(std::string_view(mixed).substr(0, len)), expected) << len;
  }
  EXPECT_EQ(Snippet("عربي", 2), "عر");
  EXPECT_EQ(Snippet("ab", 10), "ab");
  // Ill-formed bytes come out as U+FFFD, never as half a sequence.
  EXPECT_EQ(Snippet("a\xC3", 5), "a\xEF\xBF\xBD");
  EXPECT_EQ(Snippet("\xD8\xB9\xD8", 2), "\xD8\xB9\xEF\xBF\xBD");
}

}  // namespace
}  // namespace ghirbal
