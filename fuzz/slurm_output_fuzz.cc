// slurm: parsers of sbatch/squeue/sacct output on arbitrary bytes. Invariants: no crash, every
// parsed job id is digits with a state, and an array range printed by ArrayRange parses back to
// the same indices.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "slurm/scheduler_output.h"
#include "slurm/slurm_plan.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  ghirbal::Result<std::string> id = ghirbal::slurm::ParseSbatchJobId(text);
  if (id.ok() && (id->empty() || id->find_first_not_of("0123456789") != std::string::npos)) std::abort();
  for (const ghirbal::slurm::JobState& s : ghirbal::slurm::ParseJobStates(text)) {
    if (s.job_id.empty() || s.job_id.find_first_not_of("0123456789") != std::string::npos) std::abort();
    if (s.state.empty() || s.array_index < -1) std::abort();
  }
  std::vector<int> indices;
  if (ghirbal::slurm::ParseArrayRange(text, &indices)) {
    std::set<int> unique(indices.begin(), indices.end());
    std::vector<int> sorted(unique.begin(), unique.end());
    std::vector<int> again;
    if (!ghirbal::slurm::ParseArrayRange(ghirbal::slurm::ArrayRange(sorted), &again) && !sorted.empty()) std::abort();
    if (!sorted.empty() && again != sorted) std::abort();
  }
  return 0;
}
