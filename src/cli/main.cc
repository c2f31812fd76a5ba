// ghirbal: raw web crawl in, clean deduplicated corpus out.
#include <csignal>
#include <cstdio>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "ghirbal/version.h"

int main(int argc, char** argv) {
  // A closed pipe (`ghirbal run ... -o - | head`) ends the process quietly.
  std::signal(SIGPIPE, SIG_DFL);
  CLI::App app{"ghirbal (غربال, \"sieve\"): turns raw web crawls into clean, deduplicated, "
               "language-identified, quality-filtered text corpora"};
  app.set_version_flag("-V,--version", "ghirbal " GHIRBAL_VERSION);
  app.require_subcommand(1);
  int exit_code = 0;
  ghirbal::cli::AddRunCommand(&app, &exit_code);
  ghirbal::cli::AddStageCommands(&app, &exit_code);
  ghirbal::cli::AddEvalExtractCommand(&app, &exit_code);
  ghirbal::cli::AddStatsCommand(&app, &exit_code);
  ghirbal::cli::AddStagesCommand(&app, &exit_code);
  ghirbal::cli::AddReportCommand(&app, &exit_code);
  ghirbal::cli::AddSlurmCommand(&app, &exit_code);
  app.footer("Run `ghirbal COMMAND --help` for a command's options.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
