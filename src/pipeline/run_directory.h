// RunDirectory: the layout of a run's output directory and its completion markers.
//
//   DIR/kept/part-PPPPP-NNNNN.jsonl.zst        surviving documents, per input part, size-capped
//   DIR/rejected/part-PPPPP[.sS]-NNNNN.jsonl.zst  dropped documents with metadata.reject
//   DIR/errors.jsonl                           unreadable records (merged from DIR/errors/)
//   DIR/stats.json                             the run's accounting (merged from DIR/stats/)
//   DIR/pipeline.yaml, DIR/run.json            what was run, on which inputs
//   DIR/done/                                  completion markers of parts, tasks and phases
//   DIR/work/                                  files between phases (removed when the run is finished)
//
// Every file is written under a temporary name and renamed, and a part's marker is written
// last, so a crash leaves either a finished part or one that a rerun redoes from scratch.
// Completion is recorded per input part (pipeline/input_files.h), not per task, so a run can
// be finished with another task count than it was started with.
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

  // "part-00003" or "part-00003.s1" for segment 1: the prefix of a part's files in a segment.
  static std::string PartPrefix(int part, int segment);
  // Directory holding the intermediate documents that segment `segment` reads.
  std::string SegmentInputDir(int segment) const;
  // Private directory of global step `step` (named after the stage).
  std::string StageWorkDir(int step, const std::string& name) const;

  bool IsDone(const std::string& marker) const;
  Status MarkDone(const std::string& marker) const;
  // Part `part` went through segment `segment`.
  static std::string SegmentMarker(int segment, int part);
  // Task `task` of `tasks` finished all its parts of segment `segment` (for schedulers, which
  // resubmit array tasks; the parts' markers are what the run itself trusts).
  static std::string TaskMarker(int segment, int task, int tasks);
  static std::string ReduceMarker(int step, int phase, int shard);

  // Deletes every file of `dir` whose name starts with `prefix` + "-" (a part's partial output
  // from an interrupted attempt).
  Status RemoveTaskFiles(const std::string& dir, const std::string& prefix) const;
  // Files of `dir` whose name starts with `prefix` + "-", sorted.
  std::vector<std::string> TaskFiles(const std::string& dir, const std::string& prefix) const;
  std::vector<std::string> ListFiles(const std::string& dir) const;  // sorted, no hidden files

 private:
  std::string root_;
};

}  // namespace ghirbal
