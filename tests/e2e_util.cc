#include "e2e_util.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/document_reader.h"
#include "io/io_test_util.h"

namespace ghirbal::e2e {
namespace fs = std::filesystem;

namespace {
std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}
}  // namespace

CommandResult RunGhirbal(const std::vector<std::string>& args, const std::string& stdin_text) {
  TempDir io;
  WriteFile(io / "stdin", stdin_text);
  std::string cmd = Quote(GHIRBAL_BINARY);
  for (const auto& a : args) cmd += " " + Quote(a);
  cmd += " < " + Quote(io / "stdin") + " > " + Quote(io / "stdout") + " 2> " + Quote(io / "stderr");
  int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadFile(io / "stdout");
  r.err = ReadFile(io / "stderr");
  return r;
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "ghirbal-e2e-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) std::abort();
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::vector<Document> ReadShards(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string()[0] != '.') files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  std::vector<Document> docs;
  for (const auto& f : files) {
    ReaderOptions ro;
    ro.format = InputFormat::kJsonl;
    auto reader = OpenReader(f, ro);
    EXPECT_TRUE(reader.ok()) << f;
    if (!reader.ok()) continue;
    std::vector<ReadError> errors;
    Document d;
    while ((*reader)->Next(&d, &errors)) docs.push_back(d);
    EXPECT_TRUE(errors.empty()) << f;
  }
  return docs;
}

RunStats ReadStats(const std::string& run_dir) {
  auto s = RunStats::FromJson(ReadFile(run_dir + "/stats.json"));
  EXPECT_TRUE(s.ok()) << run_dir;
  return s.ok() ? *s : RunStats();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& contents) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << contents;
}

std::string Gzip(const std::string& data) { return io_testing::Gzip(data); }

}  // namespace ghirbal::e2e
