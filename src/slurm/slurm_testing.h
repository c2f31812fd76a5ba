// Test helpers of the slurm module: a CommandRunner that plays the scheduler, and a scratch
// run directory. The stages "slurm_test_pass" and "slurm_test_dedup" (a global stage with
// reduce phases of `shards` and 1 shards) are registered by fake_stages_test.cc.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "slurm/command_runner.h"

namespace ghirbal::slurm {

class FakeRunner : public CommandRunner {
 public:
  Result<CommandOutput> Run(const std::vector<std::string>& argv) override {
    calls.push_back(argv);
    const std::string& program = argv[0];
    CommandOutput out;
    if (program == "sbatch") {
      if (fail_sbatch_at >= 0 && sbatch_calls++ == fail_sbatch_at) {
        out.exit_code = 1;
        out.err = "sbatch: error: Batch job submission failed: Invalid partition name specified\n";
        return out;
      }
      out.out = std::to_string(next_id++) + "\n";
    } else if (program == "squeue") {
      out = squeue;
    } else if (program == "sacct") {
      out = sacct;
    } else if (program != "scancel") {
      return Status::NotFound("cannot run " + program);
    }
    return out;
  }
  // The calls to `program`, each as one line.
  std::vector<std::string> CallsTo(const std::string& program) const {
    std::vector<std::string> lines;
    for (const auto& argv : calls) {
      if (argv[0] == program) lines.push_back(CommandLine(argv));
    }
    return lines;
  }

  std::vector<std::vector<std::string>> calls;
  int next_id = 100;
  int fail_sbatch_at = -1;  // index of the sbatch call that fails, or -1
  int sbatch_calls = 0;
  CommandOutput squeue;
  CommandOutput sacct;
};

// A fresh directory under the system temp dir, removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ghirbal-slurm-XXXXXX").string();
    const char* made = mkdtemp(tmpl.data());
    path_ = made != nullptr ? made : "/nonexistent-ghirbal-slurm-scratch";
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace ghirbal::slurm
