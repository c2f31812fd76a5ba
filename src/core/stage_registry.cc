#include "core/stage_registry.h"

#include "core/check.h"

namespace ghirbal {

StageRegistry& StageRegistry::Global() {
  static StageRegistry* registry = new StageRegistry();
  return *registry;
}

void StageRegistry::Register(StageInfo info) {
  GHIRBAL_CHECK(stages_.find(info.name) == stages_.end());
  std::string name = info.name;
  stages_.emplace(std::move(name), std::move(info));
}

const StageInfo* StageRegistry::Find(std::string_view name) const {
  auto it = stages_.find(name);
  return it == stages_.end() ? nullptr : &it->second;
}

std::vector<const StageInfo*> StageRegistry::All() const {
  std::vector<const StageInfo*> out;
  for (const auto& [name, info] : stages_) out.push_back(&info);
  return out;
}

Result<BuiltStage> StageRegistry::Build(std::string_view name, StageOptions& options) const {
  const StageInfo* info = Find(name);
  if (info == nullptr) {
    std::string known;
    for (const auto& [n, i] : stages_) known += (known.empty() ? "" : ", ") + n;
    return Status::InvalidArgument("unknown stage '" + std::string(name) + "' (known: " + known + ")");
  }
  Result<BuiltStage> built = info->factory(options);
  if (!built.ok()) return built;
  GHIRBAL_RETURN_IF_ERROR(options.Finish());
  return built;
}

}  // namespace ghirbal
