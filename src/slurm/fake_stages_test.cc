// Stages for the slurm tests: the module links no real stage, and plans only need shapes.
#include "core/stage_registry.h"

namespace ghirbal::slurm {
namespace {

class PassStage : public DocumentStage {
 public:
  std::string_view Name() const override { return "slurm_test_pass"; }
  void ProcessDocument(Document&, StageState*) const override {}
};

class ShardedDedup : public GlobalStage {
 public:
  explicit ShardedDedup(int shards) : shards_(shards) {}
  std::string_view Name() const override { return "slurm_test_dedup"; }
  Result<std::unique_ptr<Collector>> NewCollector(const TaskContext&) const override {
    return Status::Unsupported("not run in these tests");
  }
  int NumReducePhases() const override { return 2; }
  int ReduceShards(int phase) const override { return phase == 0 ? shards_ : 1; }
  Status Reduce(int, int, const TaskContext&) const override { return Status::Unsupported("not run"); }
  Result<std::unique_ptr<Applier>> NewApplier(const TaskContext&) const override {
    return Status::Unsupported("not run in these tests");
  }

 private:
  int shards_;
};

GHIRBAL_REGISTER_STAGE("slurm_test_pass", "test stage: keeps every document", [](StageOptions&) -> Result<BuiltStage> {
  BuiltStage b;
  b.stage = std::make_unique<PassStage>();
  return b;
});
GHIRBAL_REGISTER_STAGE("slurm_test_dedup", "test stage: global, two reduce phases",
                       [](StageOptions& o) -> Result<BuiltStage> {
                         BuiltStage b;
                         b.global = std::make_unique<ShardedDedup>(static_cast<int>(o.GetInt("shards", 3)));
                         return b;
                       });

}  // namespace
}  // namespace ghirbal::slurm
