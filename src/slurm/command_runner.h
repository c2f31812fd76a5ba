// CommandRunner: runs an external program and hands back its exit code and output.
//
// The Slurm code talks to the scheduler only through this interface (sbatch, squeue, sacct,
// scancel), so tests replace it with a fake that records the commands and returns canned
// output, and no test needs a real Slurm.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace ghirbal::slurm {

struct CommandOutput {
  int exit_code = 0;        // the program's exit status; 128+N when killed by signal N
  std::string out;          // standard output
  std::string err;          // standard error
};

class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  // Runs argv[0] (looked up in PATH) with the arguments argv[1..], stdin closed. A program
  // that cannot be started (not installed) is an error Status; one that runs and fails is a
  // CommandOutput with a non-zero exit_code.
  virtual Result<CommandOutput> Run(const std::vector<std::string>& argv) = 0;
};

// Runs real programs with posix_spawnp. Each of stdout and stderr is capped at
// `max_output_bytes` (the rest is read and dropped), so a chatty program cannot exhaust memory.
class SubprocessRunner : public CommandRunner {
 public:
  explicit SubprocessRunner(size_t max_output_bytes = 64u << 20) : max_output_bytes_(max_output_bytes) {}
  Result<CommandOutput> Run(const std::vector<std::string>& argv) override;

 private:
  size_t max_output_bytes_;
};

// "sbatch --parsable 'a b'": argv as one line for messages and scripts, each argument
// single-quoted for the shell when it holds anything but [A-Za-z0-9_./:=,%@+-].
std::string ShellQuote(const std::string& arg);
std::string CommandLine(const std::vector<std::string>& argv);

}  // namespace ghirbal::slurm
