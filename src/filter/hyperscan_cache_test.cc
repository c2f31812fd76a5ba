#include "filter/hyperscan_cache.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

namespace ghirbal {
namespace {

namespace fs = std::filesystem;

// Points GHIRBAL_CACHE_DIR at a fresh directory for the test's lifetime.
class CacheDir {
 public:
  explicit CacheDir(const std::string& name)
      : path_((fs::temp_directory_path() / ("ghirbal-hs-" + std::to_string(getpid()) + "-" + name)).string()) {
    fs::remove_all(path_);
    setenv("GHIRBAL_CACHE_DIR", path_.c_str(), 1);
  }
  ~CacheDir() {
    unsetenv("GHIRBAL_CACHE_DIR");
    fs::remove_all(path_);
  }
  const std::string& path() const { return path_; }
  std::vector<fs::path> Files() const {
    std::vector<fs::path> files;
    if (fs::exists(path_)) {
      for (const auto& e : fs::directory_iterator(path_)) files.push_back(e.path());
    }
    return files;
  }

 private:
  std::string path_;
};

// The ids of the literals found in `text`.
std::set<unsigned> Scan(const hs_database_t* db, std::string_view text) {
  hs_scratch_t* scratch = nullptr;
  EXPECT_EQ(hs_alloc_scratch(db, &scratch), HS_SUCCESS);
  std::set<unsigned> ids;
  hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch,
          [](unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
            static_cast<std::set<unsigned>*>(ctx)->insert(id);
            return 0;
          },
          &ids);
  hs_free_scratch(scratch);
  return ids;
}

const std::vector<std::string_view> kLiterals = {"cookie", "privacy policy", "أوافق"};
const std::vector<unsigned> kFlags = {HS_FLAG_CASELESS, HS_FLAG_CASELESS, 0};
const std::vector<unsigned> kIds = {1, 2, 3};

TEST(HyperscanCacheTest, SecondCompileLoadsTheCachedDatabase) {
  CacheDir dir("load");
  hs_database_t* first = nullptr;
  ASSERT_TRUE(CompileLiterals(kLiterals, kFlags, kIds, &first).ok());
  EXPECT_EQ(Scan(first, "Our COOKIE and Privacy Policy. أوافق"), (std::set<unsigned>{1, 2, 3}));
  ASSERT_EQ(dir.Files().size(), 1u);
  struct stat before {};
  ASSERT_EQ(stat(dir.Files()[0].c_str(), &before), 0);

  hs_database_t* second = nullptr;
  ASSERT_TRUE(CompileLiterals(kLiterals, kFlags, kIds, &second).ok());
  EXPECT_EQ(Scan(second, "privacy POLICY only"), (std::set<unsigned>{2}));
  // Not rewritten: a compile would have renamed a new file into place.
  struct stat after {};
  ASSERT_EQ(stat(dir.Files()[0].c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino);
  hs_free_database(first);
  hs_free_database(second);
}

TEST(HyperscanCacheTest, OtherLiteralsOrFlagsGetTheirOwnFile) {
  CacheDir dir("keys");
  hs_database_t* db = nullptr;
  ASSERT_TRUE(CompileLiterals(kLiterals, kFlags, kIds, &db).ok());
  hs_free_database(db);
  ASSERT_TRUE(CompileLiterals({"cookie"}, {0}, {1}, &db).ok());
  EXPECT_TRUE(Scan(db, "COOKIE").empty());  // case-sensitive this time, not the cached one
  hs_free_database(db);
  ASSERT_TRUE(CompileLiterals({"cookie"}, {HS_FLAG_CASELESS}, {1}, &db).ok());
  EXPECT_EQ(Scan(db, "COOKIE"), (std::set<unsigned>{1}));
  hs_free_database(db);
  EXPECT_EQ(dir.Files().size(), 3u);
}

TEST(HyperscanCacheTest, DamagedCacheFileIsCompiledAgainAndReplaced) {
  CacheDir dir("damaged");
  hs_database_t* db = nullptr;
  ASSERT_TRUE(CompileLiterals(kLiterals, kFlags, kIds, &db).ok());
  hs_free_database(db);
  const fs::path file = dir.Files().at(0);
  const auto size = fs::file_size(file);
  for (const std::string garbage : {std::string(), std::string("not a database"), std::string(size, 'x')}) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << garbage;
    ASSERT_TRUE(CompileLiterals(kLiterals, kFlags, kIds, &db).ok());
    EXPECT_EQ(Scan(db, "a cookie"), (std::set<unsigned>{1}));
    hs_free_database(db);
    EXPECT_EQ(fs::file_size(file), size);
  }
}

TEST(HyperscanCacheTest, EmptyDirectoryTurnsTheCacheOff) {
  setenv("GHIRBAL_CACHE_DIR", "", 1);
  EXPECT_EQ(HyperscanCacheDir(), "");
  hs_database_t* db = nullptr;
  ASSERT_TRUE(CompileLiterals(kLiterals, kFlags, kIds, &db).ok());
  EXPECT_EQ(Scan(db, "cookie"), (std::set<unsigned>{1}));
  hs_free_database(db);
  unsetenv("GHIRBAL_CACHE_DIR");
}

TEST(HyperscanCacheTest, UnwritableDirectoryOnlyCostsTheCache) {
  CacheDir dir("unwritable");
  std::ofstream(dir.path()) << "a file where the directory should be";
  hs_database_t* db = nullptr;
  ASSERT_TRUE(CompileLiterals(kLiterals, kFlags, kIds, &db).ok());
  EXPECT_EQ(Scan(db, "cookie"), (std::set<unsigned>{1}));
  hs_free_database(db);
  fs::remove(dir.path());
}

TEST(HyperscanCacheTest, CompileErrorsAreReported) {
  CacheDir dir("error");
  hs_database_t* db = nullptr;
  Status st = CompileLiterals({"ok", "bad"}, {0, 0xFFFF0000u}, {1, 2}, &db);
  EXPECT_FALSE(st.ok());
  EXPECT_FALSE(st.message().empty());
  EXPECT_EQ(db, nullptr);
  EXPECT_TRUE(dir.Files().empty());
}

}  // namespace
}  // namespace ghirbal
