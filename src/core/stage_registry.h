// StageRegistry: stage type name -> factory. Stages register themselves from their own .cc
// file with GHIRBAL_REGISTER_STAGE, so adding a stage touches no pipeline code.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/stage.h"
#include "core/stage_options.h"

namespace ghirbal {

// A built stage is either per-document (Stage) or corpus-wide (GlobalStage).
struct BuiltStage {
  std::unique_ptr<Stage> stage;
  std::unique_ptr<GlobalStage> global;
};

using StageFactory = std::function<Result<BuiltStage>(StageOptions& options)>;

struct StageInfo {
  std::string name;
  std::string summary;  // one line, shown by `ghirbal stages`
  StageFactory factory;
};

class StageRegistry {
 public:
  static StageRegistry& Global();
  void Register(StageInfo info);
  const StageInfo* Find(std::string_view name) const;
  std::vector<const StageInfo*> All() const;  // sorted by name

  // Builds stage `name` from `options`; unknown names and options are errors.
  Result<BuiltStage> Build(std::string_view name, StageOptions& options) const;

 private:
  std::map<std::string, StageInfo, std::less<>> stages_;
};

struct StageRegistrar {
  StageRegistrar(std::string name, std::string summary, StageFactory factory) {
    StageRegistry::Global().Register({std::move(name), std::move(summary), std::move(factory)});
  }
};

}  // namespace ghirbal

#define GHIRBAL_CONCAT_INNER(a, b) a##b
#define GHIRBAL_CONCAT(a, b) GHIRBAL_CONCAT_INNER(a, b)
// GHIRBAL_REGISTER_STAGE("filter", "Gopher, C4 and FineWeb quality rules", factory);
// The factory is variadic so a lambda with top-level commas needs no extra parentheses.
#define GHIRBAL_REGISTER_STAGE(name, summary, ...)                              \
  static const ::ghirbal::StageRegistrar GHIRBAL_CONCAT(ghirbal_stage_, __LINE__)( \
      name, summary, __VA_ARGS__)
