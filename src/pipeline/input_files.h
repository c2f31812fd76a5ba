// Expanding --input values (paths, globs, directories, "-") into the run's sorted file list,
// and assigning files to tasks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace ghirbal {

struct InputFile {
  std::string path;   // "-" for stdin
  uint64_t size = 0;  // bytes, 0 for stdin
};

// Expands each pattern: an existing file is taken as is; a directory contributes every regular
// file below it (recursively, hidden files skipped); anything with *, ? or [ is a glob. The
// result is sorted by path and free of repeats, so the order does not depend on the shell or
// the file system. A pattern that matches nothing is an error naming it.
Result<std::vector<InputFile>> ExpandInputs(const std::vector<std::string>& patterns);

// Indices of the files task `task` (0-based) of `tasks` reads. Files go round-robin in sorted
// order, so every file belongs to exactly one task and the split depends only on the list.
std::vector<uint32_t> FilesOfTask(size_t file_count, int task, int tasks);

// Task index and count from the environment when not given on the command line:
// SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT (relative to SLURM_ARRAY_TASK_MIN), or
// JOB_COMPLETION_INDEX (Kubernetes indexed Job) with the count from `tasks_flag`.
// `task_flag` < 0 and `tasks_flag` <= 0 mean "not given". Returns {-1, tasks} when no task
// was named anywhere (the run does every task).
struct TaskSelection {
  int task = -1;  // -1: all tasks
  int tasks = 1;
};
Result<TaskSelection> ResolveTaskSelection(int task_flag, int tasks_flag);

}  // namespace ghirbal
