#include "dedup/dedup_files.h"

#include <cstdio>

#include <gtest/gtest.h>

#include "dedup/dedup_testing.h"

namespace ghirbal::dedup {
namespace {

TEST(DocKeyTest, PacksInInputOrder) {
  Origin a{3, 7, 0}, b{3, 8, 0}, c{4, 0, 0};
  EXPECT_LT(*KeyOf(a), *KeyOf(b));
  EXPECT_LT(*KeyOf(b), *KeyOf(c));
  EXPECT_EQ(FileIndexOf(*KeyOf(a)), 3u);
  EXPECT_EQ(OrdinalOf(*KeyOf(a)), 7u);
  EXPECT_EQ(KeyToString(*KeyOf(c)), "4:0");
  EXPECT_FALSE(KeyOf({1u << 24, 0, 0}).ok());
  EXPECT_FALSE(KeyOf({0, uint64_t{1} << 40, 0}).ok());
}

TEST(BinaryFilesTest, PublishedOnlyOnCommit) {
  const std::string dir = testing::FreshDir("binary_files");
  const std::string path = dir + "/x.bin";
  {
    BinaryWriter w;
    ASSERT_TRUE(w.Open(path).ok());
    w.WritePod(uint64_t{42});
  }  // dropped without Commit: nothing published, temp removed
  BinaryReader missing;
  EXPECT_FALSE(missing.Open(path).ok());
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  BinaryWriter w;
  ASSERT_TRUE(w.Open(path).ok());
  w.WritePod(uint64_t{42});
  w.WriteString("hello");
  ASSERT_TRUE(w.Commit().ok());
  BinaryReader r;
  ASSERT_TRUE(r.Open(path).ok());
  uint64_t v = 0;
  std::string s;
  EXPECT_TRUE(r.ReadPod(&v));
  EXPECT_EQ(v, 42u);
  EXPECT_TRUE(r.ReadString(&s));
  EXPECT_EQ(s, "hello");
  EXPECT_FALSE(r.ReadPod(&v));
  EXPECT_TRUE(r.status().ok());
}

TEST(BinaryFilesTest, TruncatedRecordIsCorruption) {
  const std::string path = testing::FreshDir("binary_trunc") + "/t.bin";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fputs("abc", f);  // 3 bytes: not a whole uint64
  std::fclose(f);
  BinaryReader r;
  ASSERT_TRUE(r.Open(path).ok());
  uint64_t v;
  EXPECT_FALSE(r.ReadPod(&v));
  EXPECT_FALSE(r.status().ok());
}

}  // namespace
}  // namespace ghirbal::dedup
