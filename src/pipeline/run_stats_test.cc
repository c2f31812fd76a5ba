#include "pipeline/run_stats.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace ghirbal {
namespace {

namespace fs = std::filesystem;

// The tasks of a Slurm array start together and all write the run's pipeline.yaml and
// run.json: concurrent writers of one path must all succeed, leave one whole version and no
// temporary files. (With one temporary name for every writer, one writer's rename took the
// file another was about to rename: "cannot rename ... No such file or directory".)
TEST(WriteFileAtomicallyTest, ConcurrentWritersOfOnePathAllSucceed) {
  const fs::path dir = fs::temp_directory_path() / ("ghirbal-atomic-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "run.json").string();
  std::set<std::string> versions;
  for (int w = 0; w < 8; ++w) versions.insert(std::string(1000 + w * 100, static_cast<char>('a' + w)));
  std::vector<std::thread> writers;
  std::vector<int> failures(8, 0);
  for (int w = 0; w < 8; ++w) {
    writers.emplace_back([&, w] {
      const std::string contents(1000 + w * 100, static_cast<char>('a' + w));
      for (int k = 0; k < 50; ++k) failures[w] += !WriteFileAtomically(path, contents).ok();
    });
  }
  for (auto& t : writers) t.join();
  for (int w = 0; w < 8; ++w) EXPECT_EQ(failures[w], 0) << "writer " << w;
  auto read = ReadWholeFile(path);
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(versions.count(*read)) << read->substr(0, 20);
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  EXPECT_EQ(files, 1u) << "temporary files left behind";
  fs::remove_all(dir);
}

TEST(WriteFileAtomicallyTest, UnwritableDirectoryIsAnErrorAndLeavesNothing) {
  EXPECT_FALSE(WriteFileAtomically("/nonexistent-ghirbal-dir/run.json", "x").ok());
}

}  // namespace
}  // namespace ghirbal
