#include "slurm/slurm_plan.h"

#include "pipeline/run_directory.h"

namespace ghirbal::slurm {

PipelineShape ShapeOf(const BuiltPipeline& pipeline) {
  PipelineShape shape;
  shape.segments = static_cast<int>(pipeline.segments().size());
  for (const Segment& segment : pipeline.segments()) {
    if (segment.collect_step < 0) continue;
    const PipelineStep& step = pipeline.steps()[segment.collect_step];
    PipelineShape::Reduction r;
    r.step = segment.collect_step;
    r.name = step.name;
    for (int p = 0; p < step.global->NumReducePhases(); ++p) r.shards.push_back(step.global->ReduceShards(p));
    shape.reductions.push_back(std::move(r));
  }
  return shape;
}

std::string UnitMarker(const PlannedJob& job, int index) {
  switch (job.kind) {
    case PlannedJob::Kind::kSegment: return RunDirectory::TaskMarker(job.segment, index, job.units);
    case PlannedJob::Kind::kReduce: return RunDirectory::ReduceMarker(job.global_step, job.phase, index);
    case PlannedJob::Kind::kFinalize: return "";
  }
  return "";
}

SlurmPlan PlanRun(const PipelineShape& shape, int tasks, const std::function<bool(const std::string&)>& is_done,
                  bool finalized) {
  SlurmPlan plan;
  for (int s = 0; s < shape.segments; ++s) {
    PlannedJob job;
    job.kind = PlannedJob::Kind::kSegment;
    job.step = "segment-" + std::to_string(s);
    job.description = "segment " + std::to_string(s) + " (" + std::to_string(tasks) + " tasks)";
    job.array = true;
    job.units = tasks;
    job.segment = s;
    for (int t = 0; t < tasks; ++t) {
      if (!is_done(UnitMarker(job, t))) job.indices.push_back(t);
    }
    plan.units_total += tasks;
    plan.units_done += tasks - static_cast<int>(job.indices.size());
    if (!job.indices.empty()) plan.jobs.push_back(std::move(job));
    if (s >= static_cast<int>(shape.reductions.size())) continue;

    const PipelineShape::Reduction& r = shape.reductions[s];
    for (int p = 0; p < static_cast<int>(r.shards.size()); ++p) {
      PlannedJob reduce;
      reduce.kind = PlannedJob::Kind::kReduce;
      reduce.step = "reduce-" + std::to_string(s) + "." + std::to_string(p);
      reduce.description = r.name + " reduce phase " + std::to_string(p) + " (" + std::to_string(r.shards[p]) +
                           (r.shards[p] == 1 ? " shard)" : " shards)");
      reduce.units = r.shards[p];
      reduce.array = r.shards[p] > 1;
      reduce.segment = s;
      reduce.phase = p;
      reduce.global_step = r.step;
      for (int shard = 0; shard < r.shards[p]; ++shard) {
        if (!is_done(UnitMarker(reduce, shard))) reduce.indices.push_back(shard);
      }
      plan.units_total += r.shards[p];
      plan.units_done += r.shards[p] - static_cast<int>(reduce.indices.size());
      if (!reduce.indices.empty()) plan.jobs.push_back(std::move(reduce));
    }
  }
  plan.units_total += 1;
  if (finalized && plan.jobs.empty()) {
    plan.units_done += 1;
  } else {
    PlannedJob finalize;
    finalize.kind = PlannedJob::Kind::kFinalize;
    finalize.step = "finalize";
    finalize.description = "finalize (merge stats and errors)";
    finalize.indices = {0};
    finalize.segment = shape.segments - 1;
    plan.jobs.push_back(std::move(finalize));
  }
  return plan;
}

std::string ArrayRange(const std::vector<int>& indices) {
  std::string out;
  size_t i = 0;
  while (i < indices.size()) {
    size_t j = i;
    while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1) ++j;
    if (!out.empty()) out += ',';
    out += std::to_string(indices[i]);
    if (j > i) out += "-" + std::to_string(indices[j]);
    i = j + 1;
  }
  return out;
}

}  // namespace ghirbal::slurm
