// Expanding --input values (paths, globs, directories, "-") into the run's sorted file list,
// cutting it into parts, and assigning parts to tasks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "io/document_reader.h"

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

// A part of a run's input: a whole file or, with --split-bytes, a byte range of one (see
// io/byte_range.h for which files can be cut, in which offsets, and how readers find their
// first record). Parts
// are the unit of work and of completion: each is read, processed and marked done on its own,
// and its documents carry its index as Origin::file_index. How parts are grouped into tasks
// can therefore change between attempts of a run without redoing or repeating any.
struct InputPart {
  uint32_t file = 0;           // index in the run's file list
  uint64_t begin = 0;          // range [begin, end) in the file's reader offsets
  uint64_t end = UINT64_MAX;   // UINT64_MAX: to the end of the file
  uint64_t bytes = 0;          // the file bytes it stands for, for progress
};

// Cuts every file larger than `split_bytes` that can be split into ranges of about
// `split_bytes` of file (io/byte_range.h, SplitIntoRanges); other files, and all of them when
// `split_bytes` is 0, are one part each. Parts are in file
// order, then byte order, so part order is input order.
Result<std::vector<InputPart>> PlanParts(const std::vector<InputFile>& files, uint64_t split_bytes,
                                         const ReaderOptions& reader);

// Indices of the parts task `task` (0-based) of `tasks` runs: round-robin, so that the ranges
// of one large file spread over tasks. Every part belongs to exactly one task.
std::vector<uint32_t> PartsOfTask(size_t part_count, int task, int tasks);

// Task index and count from the environment when not given on the command line:
// SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT (relative to SLURM_ARRAY_TASK_MIN), or
// JOB_COMPLETION_INDEX (Kubernetes indexed Job) with the count from `tasks_flag`.
// `task_flag` < 0 and `tasks_flag` <= 0 mean "not given". Returns {-1, tasks} when no task
// was named anywhere (the run does every task). With `task_is_shard` (a reduce step, whose
// --task names a reduce shard, checked by the runner) the index may exceed the task count.
struct TaskSelection {
  int task = -1;  // -1: all tasks
  int tasks = 1;
};
Result<TaskSelection> ResolveTaskSelection(int task_flag, int tasks_flag, bool task_is_shard = false);

}  // namespace ghirbal
