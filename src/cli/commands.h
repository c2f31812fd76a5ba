// The subcommands of `ghirbal`. Each Add*Command registers its flags on `app` and sets the
// callback that runs it; `*exit_code` receives the command's exit status.
#pragma once

#include <CLI/CLI.hpp>

namespace ghirbal::cli {

void AddRunCommand(CLI::App* app, int* exit_code);
void AddStageCommands(CLI::App* app, int* exit_code);  // extract, langid, filter, dedup
void AddStatsCommand(CLI::App* app, int* exit_code);
void AddStagesCommand(CLI::App* app, int* exit_code);
void AddSlurmCommand(CLI::App* app, int* exit_code);  // slurm submit, slurm status
void AddReportCommand(CLI::App* app, int* exit_code);  // report DIR [--output FILE]

}  // namespace ghirbal::cli
