// Helpers for end-to-end tests: run the ghirbal binary, read a run directory back.
#pragma once

#include <string>
#include <vector>

#include "core/document.h"
#include "pipeline/run_stats.h"

namespace ghirbal::e2e {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `ghirbal <args>` (args are shell-quoted here), with `stdin_text` on standard input.
CommandResult RunGhirbal(const std::vector<std::string>& args, const std::string& stdin_text = "");

// A fresh temporary directory, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

 private:
  std::string path_;
};

// All documents of every shard in `dir` (kept/ or rejected/), in file order.
std::vector<Document> ReadShards(const std::string& dir);
RunStats ReadStats(const std::string& run_dir);
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& contents);
std::string Gzip(const std::string& data);  // one gzip member

}  // namespace ghirbal::e2e
