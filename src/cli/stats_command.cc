// ghirbal stats DIR: prints a run's funnel from its stats.json.
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "cli/run_flags.h"
#include "pipeline/run_stats.h"

namespace ghirbal::cli {
namespace {

std::string Percent(uint64_t part, uint64_t whole) {
  if (whole == 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

void PrintFunnel(const RunStats& s) {
  auto u = [](uint64_t v) { return static_cast<unsigned long long>(v); };
  std::printf("documents read %llu  kept %llu (%s)  rejected %llu  errors %llu  -- read = kept + rejected + errors %s\n",
              u(s.documents_read), u(s.kept), Percent(s.kept, s.documents_read).c_str(), u(s.rejected),
              u(s.errors), s.Balanced() ? "holds" : "DOES NOT HOLD");
  std::printf("input: %llu files, %llu records, %.1f MB read (%.1f MB uncompressed)\n", u(s.files),
              u(s.input.records), s.input.compressed_bytes / 1e6, s.input.uncompressed_bytes / 1e6);
  for (const auto& [kind, n] : s.input.skipped_by_type) {
    std::printf("  not a document: %-40s %10llu\n", kind.c_str(), u(n));
  }
  std::printf("\n%-3s %-14s %12s %12s %12s %8s %10s %9s\n", "#", "stage", "in", "out", "dropped", "kept%", "MB in", "seconds");
  for (size_t i = 0; i < s.stages.size(); ++i) {
    const StageStats& st = s.stages[i];
    std::printf("%-3zu %-14s %12llu %12llu %12llu %8s %10.1f %9.2f\n", i + 1, st.name.c_str(), u(st.documents_in),
                u(st.documents_out), u(st.dropped_total()), Percent(st.documents_out, st.documents_in).c_str(),
                st.bytes_in / 1e6, st.seconds);
    for (const auto& [reason, n] : st.dropped) {
      std::printf("      %-30s %28llu %8s\n", reason.c_str(), u(n), Percent(n, st.documents_in).c_str());
    }
  }
}

}  // namespace

void AddStatsCommand(CLI::App* app, int* exit_code) {
  auto dir = std::make_shared<std::string>();
  CLI::App* cmd = app->add_subcommand("stats", "Print a run's funnel (documents in/out of every stage, drops by reason)");
  cmd->add_option("dir", *dir, "Run directory (holding stats.json)")->required();
  cmd->callback([dir, exit_code] {
    Result<std::string> text = ReadWholeFile(*dir + "/stats.json");
    if (!text.ok()) {
      *exit_code = ReportError(Status::NotFound("no stats.json in " + *dir + " (is the run finished?)"));
      return;
    }
    Result<RunStats> stats = RunStats::FromJson(*text);
    if (!stats.ok()) {
      *exit_code = ReportError(stats.status());
      return;
    }
    PrintFunnel(*stats);
    *exit_code = 0;
  });
}

}  // namespace ghirbal::cli
