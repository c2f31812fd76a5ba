// BuiltPipeline: the stages of a pipeline, built and validated, and its division into segments.
//
// Global stages (deduplication) need the whole corpus before they can decide, so they cut the
// pipeline into segments. Segment 0 runs from the input to the first global stage, whose
// collect phase sees its output; segment s > 0 starts with the apply phase of global stage s
// and runs to the next global stage (or the final output).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/stage.h"
#include "core/status.h"
#include "pipeline/pipeline_spec.h"

namespace ghirbal {

struct PipelineStep {
  std::string name;
  std::unique_ptr<Stage> stage;         // exactly one of these is set
  std::unique_ptr<GlobalStage> global;
};

struct Segment {
  int apply_step = -1;        // global step applied at the start, or -1 (segment 0)
  std::vector<int> steps;     // per-document steps, in order
  int collect_step = -1;      // global step collected at the end, or -1 (last segment)
};

class BuiltPipeline {
 public:
  // Builds every stage of `specs` from the registry; any unknown stage or option is an error.
  static Result<BuiltPipeline> Build(const std::vector<StageSpec>& specs);

  const std::vector<PipelineStep>& steps() const { return steps_; }
  const std::vector<Segment>& segments() const { return segments_; }

 private:
  std::vector<PipelineStep> steps_;
  std::vector<Segment> segments_;
};

}  // namespace ghirbal
