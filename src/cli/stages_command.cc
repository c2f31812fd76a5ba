// ghirbal stages: lists the stages this build has.
#include <cstdio>

#include "cli/commands.h"
#include "core/stage_registry.h"

namespace ghirbal::cli {

void AddStagesCommand(CLI::App* app, int* exit_code) {
  CLI::App* cmd = app->add_subcommand("stages", "List the pipeline stages this build has");
  cmd->callback([exit_code] {
    for (const StageInfo* info : StageRegistry::Global().All()) {
      std::printf("%-14s %s\n", info->name.c_str(), info->summary.c_str());
    }
    *exit_code = 0;
  });
}

}  // namespace ghirbal::cli
