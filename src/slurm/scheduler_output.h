// Parsing what sbatch, squeue and sacct print. Only the machine-readable forms are used:
//   sbatch --parsable                      "1234" or "1234;cluster"
//   squeue --noheader --array --format=%i|%T   "1234_5|RUNNING", "1235|PENDING"
//   sacct --noheader --parsable2 --allocations --format=JobID,State
//                                          "1234_5|FAILED", "1234_[6-9]|PENDING",
//                                          "1235|CANCELLED by 0"
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace ghirbal::slurm {

// The job id sbatch --parsable printed (the cluster name after ';' dropped).
Result<std::string> ParseSbatchJobId(const std::string& out);

// One job, or one element of a job array, as the scheduler reports it.
struct JobState {
  std::string job_id;     // the job, or the array's job id
  int array_index = -1;   // the element, or -1 for a job that is not an array element
  std::string state;      // first word of the state: PENDING, RUNNING, FAILED, CANCELLED, ...
};

// Parses "ID|STATE" lines of squeue or sacct. Array ranges ("1234_[1-3,7]" or with a "%4"
// throttle) are expanded into one JobState per element. Lines that do not parse, such as
// sacct's ".batch" job steps, are skipped.
std::vector<JobState> ParseJobStates(const std::string& out);

// Expands Slurm's "0-3,5" array syntax (without brackets or throttle) into indices; false if
// it is malformed or absurdly large.
bool ParseArrayRange(const std::string& text, std::vector<int>* indices);

// Whether a state means the job is still queued or running (it may yet finish).
bool IsActiveState(const std::string& state);

}  // namespace ghirbal::slurm
