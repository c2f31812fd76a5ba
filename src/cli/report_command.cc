// ghirbal report DIR [--output FILE]: writes a run's self-contained HTML report.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/run_flags.h"
#include "report/run_report.h"

namespace ghirbal::cli {

void AddReportCommand(CLI::App* app, int* exit_code) {
  auto dir = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  CLI::App* cmd = app->add_subcommand(
      "report", "Write a run's report: one self-contained HTML page (funnel, rejects by rule, measured values "
                "against thresholds, languages, lengths, dedup clusters, examples)");
  cmd->add_option("dir", *dir, "Run directory")->required();
  cmd->add_option("-o,--output", *output, "HTML file to write (default DIR/report.html)");
  cmd->callback([dir, output, exit_code] {
    const std::string path = output->empty() ? *dir + "/report.html" : *output;
    Status st = WriteRunReport(*dir, path);
    if (!st.ok()) {
      *exit_code = ReportError(st);
      return;
    }
    std::fprintf(stderr, "report written to %s\n", path.c_str());
    *exit_code = 0;
  });
}

}  // namespace ghirbal::cli
