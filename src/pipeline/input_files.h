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
// first record) or a run of consecutive small files. Parts are the unit of work and of
// completion: each is read, processed and marked done on its own, and its documents carry its
// index as Origin::part. How parts are grouped into tasks can therefore change between
// attempts of a run without redoing or repeating any.
struct InputRange {
  uint32_t file = 0;          // index in the run's file list
  uint64_t begin = 0;         // range [begin, end) in the file's reader offsets
  uint64_t end = UINT64_MAX;  // UINT64_MAX: to the end of the file
  uint64_t bytes = 0;         // the file bytes it stands for, for progress
};
struct InputPart {
  std::vector<InputRange> ranges;  // read in this order
  uint64_t bytes() const;
};

// Without `split_bytes` (0), every file is a part. With it, parts hold about `split_bytes` of
// file: a larger file that can be split is cut into ranges (io/byte_range.h, SplitIntoRanges),
// and consecutive smaller files are put together, so that a million small files do not make a
// million parts (each part has its own output shards and work files). Parts are in file
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
