#include "dedup/external_sort.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include <gtest/gtest.h>

#include "dedup/dedup_testing.h"

namespace ghirbal::dedup {
namespace {

struct Rec {
  uint64_t key;
  uint64_t payload;
  friend bool operator<(const Rec& a, const Rec& b) { return a.key != b.key ? a.key < b.key : a.payload < b.payload; }
  friend bool operator==(const Rec& a, const Rec& b) { return a.key == b.key && a.payload == b.payload; }
};

std::vector<Rec> Sorted(size_t n, size_t budget, const std::string& dir, size_t* runs) {
  ExternalSorter<Rec> sorter(dir, "test", budget);
  uint64_t x = 99;
  for (size_t i = 0; i < n; ++i) {
    x = x * 6364136223846793005ull + 1;
    EXPECT_TRUE(sorter.Add({x >> 54, i}).ok());  // many equal keys
  }
  std::vector<Rec> out;
  EXPECT_TRUE(sorter.ForEachSorted([&](const Rec& r) { out.push_back(r); }).ok());
  *runs = sorter.runs();
  return out;
}

TEST(ExternalSorterTest, SpilledRunsMergeToTheInMemoryOrder) {
  const std::string dir = testing::FreshDir("external_sort");
  size_t runs_memory = 0, runs_disk = 0;
  std::vector<Rec> in_memory = Sorted(10000, 1 << 30, dir, &runs_memory);
  std::vector<Rec> on_disk = Sorted(10000, 1000 * sizeof(Rec), dir, &runs_disk);
  EXPECT_EQ(runs_memory, 0u);
  EXPECT_EQ(runs_disk, 10u);
  ASSERT_EQ(in_memory.size(), 10000u);
  EXPECT_TRUE(std::is_sorted(in_memory.begin(), in_memory.end()));
  EXPECT_EQ(in_memory, on_disk);
  // The sorter deletes its runs.
  EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST(ExternalSorterTest, Empty) {
  size_t runs = 0;
  EXPECT_TRUE(Sorted(0, 64, testing::FreshDir("external_sort_empty"), &runs).empty());
}

}  // namespace
}  // namespace ghirbal::dedup
