// The subcommands of `ghirbal`. Each Add*Command registers its flags on `app` and sets the
// callback that runs it; `*exit_code` receives the command's exit status.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace ghirbal::cli {

void AddRunCommand(CLI::App* app, int* exit_code);
void AddStageCommands(CLI::App* app, int* exit_code);  // extract, langid, filter, dedup
void AddStatsCommand(CLI::App* app, int* exit_code);
void AddStagesCommand(CLI::App* app, int* exit_code);
void AddEvalExtractCommand(CLI::App* app, int* exit_code);
// `ghirbal langid --eval FILE.tsv`: prints accuracy and confusions; returns the exit code.
int RunLangIdEval(const std::string& tsv, const std::string& model, bool json);
void AddReportCommand(CLI::App* app, int* exit_code);  // report DIR [--output FILE]
void AddSlurmCommand(CLI::App* app, int* exit_code);  // slurm submit, slurm status

}  // namespace ghirbal::cli
