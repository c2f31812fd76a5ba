// RunDirectory: the layout of a run's output directory and its completion markers.
//
//   DIR/kept/task-KKKKK-NNNNN.jsonl.zst        surviving documents, per task, size-capped
//   DIR/rejected/task-KKKKK[.sS]-NNNNN.jsonl.zst  dropped documents with metadata.reject
//   DIR/errors.jsonl                           unreadable records (merged from DIR/errors/)
//   DIR/stats.json                             the run's accounting (merged from DIR/stats/)
//   DIR/pipeline.yaml, DIR/run.json            what was run, on which inputs
//   DIR/done/                                  completion markers of tasks and phases
//   DIR/work/                                  files between phases (removed when the run is finished)
//
// Every file is written under a temporary name and renamed, and a task's marker is written
// last, so a crash leaves either a finished task or one that a rerun redoes from scratch.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace ghirbal {

class RunDirectory {
 public:
  explicit RunDirectory(std::string root) : root_(std::move(root)) {}

  // Creates the directory tree; fails with a one-line message if it cannot be written.
  Status Prepare() const;

  const std::string& root() const { return root_; }
  std::string Path(const std::string& relative) const { return root_ + "/" + relative; }

  // "task-00003" or "task-00003.s1" for segment 1: the prefix of a task's files in a segment.
  static std::string TaskPrefix(int task, int segment);
  // Directory holding the intermediate documents that segment `segment` reads.
  std::string SegmentInputDir(int segment) const;
  // Private directory of global step `step` (named after the stage).
  std::string StageWorkDir(int step, const std::string& name) const;

  bool IsDone(const std::string& marker) const;
  Status MarkDone(const std::string& marker) const;
  static std::string SegmentMarker(int segment, int task);
  static std::string ReduceMarker(int step, int phase, int shard);

  // Deletes every file of `dir` whose name starts with `prefix` + "-" (a task's partial output
  // from an interrupted attempt).
  Status RemoveTaskFiles(const std::string& dir, const std::string& prefix) const;
  // Files of `dir` whose name starts with `prefix` + "-", sorted.
  std::vector<std::string> TaskFiles(const std::string& dir, const std::string& prefix) const;
  std::vector<std::string> ListFiles(const std::string& dir) const;  // sorted, no hidden files

 private:
  std::string root_;
};

}  // namespace ghirbal
