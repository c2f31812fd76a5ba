// Report: per-task statistics files are parsed back (ReportStats::FromJson) from a run
// directory that may be damaged, and documents of any bytes end up on the page. Invariants: a
// parse never crashes; what parses re-serializes to itself; documents made of the input bytes
// (text, id, url, metadata, verdict) go through the collector and the page without crashing
// and without a single raw '<script' or '</textarea' on the page.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "report/report_collector.h"
#include "report/run_report.h"

namespace {

bool HasRawTag(const std::string& html, std::string_view tag) {
  for (size_t i = 0; i + tag.size() <= html.size(); ++i) {
    size_t j = 0;
    while (j < tag.size() && std::tolower(static_cast<unsigned char>(html[i + j])) == tag[j]) ++j;
    if (j == tag.size()) return true;
  }
  return false;
}

// `s.substr(pos, n)`, empty when `pos` is past the end (no exception).
std::string_view Sub(std::string_view s, size_t pos, size_t n = std::string_view::npos) {
  return pos > s.size() ? std::string_view() : s.substr(pos, n);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 16) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  using namespace ghirbal;

  ReportData page;
  page.run_dir = std::string(input.substr(0, 64));
  if (Result<ReportStats> parsed = ReportStats::FromJson(input); parsed.ok()) {
    if (ReportStats::FromJson(parsed->ToJson())->ToJson() != parsed->ToJson()) std::abort();
    page.report.Merge(*parsed);
  }

  // Four documents cut from the input, every field attacker-controlled.
  Batch batch;
  const size_t quarter = size / 4;
  for (int i = 0; i < 4; ++i) {
    const std::string_view part = Sub(input, i * quarter, quarter);
    Document d;
    d.id = std::string(part.substr(0, 16));
    d.url = std::string(part.substr(part.size() / 2));
    d.text = std::string(part);
    d.origin.ordinal = static_cast<uint64_t>(i);
    d.metadata.SetString("language", part.substr(0, 3));
    d.metadata.SetRaw(std::string(part.substr(0, 8)), std::string(Sub(part, 8)));  // any bytes as "JSON"
    if (i % 2) d.Reject(part.substr(0, 5), Sub(part, 5, 10), std::string(part.substr(0, 12)));
    batch.documents.push_back(std::move(d));
  }
  ReportCollector collector;
  collector.Observe(batch);
  page.report.Merge(collector.stats());
  page.pipeline_yaml = std::string(input);
  page.thresholds = MatchThresholds(page.pipeline_yaml, page.report);
  const std::string html = RenderReportHtml(page);
  if (HasRawTag(html, "<script") || HasRawTag(html, "</textarea")) std::abort();
  return 0;
}
