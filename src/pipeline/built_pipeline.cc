#include "pipeline/built_pipeline.h"

#include "core/stage_registry.h"

namespace ghirbal {

Result<BuiltPipeline> BuiltPipeline::Build(const std::vector<StageSpec>& specs) {
  BuiltPipeline p;
  for (size_t i = 0; i < specs.size(); ++i) {
    const StageSpec& spec = specs[i];
    StageOptions options(spec.options, "stage '" + spec.name + "'");
    Result<BuiltStage> built = StageRegistry::Global().Build(spec.name, options);
    if (!built.ok()) return built.status();
    PipelineStep step;
    step.name = spec.name;
    step.stage = std::move(built->stage);
    step.global = std::move(built->global);
    if ((step.stage == nullptr) == (step.global == nullptr)) {
      return Status::InvalidArgument("stage '" + spec.name + "' was built without an implementation");
    }
    p.steps_.push_back(std::move(step));
  }
  Segment current;
  for (int i = 0; i < static_cast<int>(p.steps_.size()); ++i) {
    if (p.steps_[i].global) {
      current.collect_step = i;
      p.segments_.push_back(current);
      current = Segment();
      current.apply_step = i;
    } else {
      current.steps.push_back(i);
    }
  }
  p.segments_.push_back(current);
  return p;
}

}  // namespace ghirbal
