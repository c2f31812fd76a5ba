// Inline SVG charts for the run report, and the HTML escaping every piece of text goes through.
//
// Charts are plain SVG elements (no script, no external reference), with a title, axis labels
// and units drawn as text, so they render and print the same in any browser. Every string
// from the data (labels, titles) is escaped here; callers pass raw text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/report_stats.h"

namespace ghirbal {

// Escapes text for HTML element content and quoted attribute values (also valid in SVG):
// & < > " ' become references; ill-formed UTF-8 becomes U+FFFD; C0 control characters other
// than tab and newline become their visible Control Pictures (U+2400...), DEL and C1 controls
// become U+FFFD. The output can hold no markup, whatever the input.
std::string HtmlEscape(std::string_view text);

// "1,234,567".
std::string FormatCount(uint64_t n);
// A number with up to 4 significant digits ("0.8", "1250", "3.2e+07").
std::string FormatValue(double v);

struct Bar {
  std::string label;
  double value = 0;
  std::string note;  // printed after the value, e.g. "mean score 0.97"
};

// Horizontal bars, one per item in the given order, with the value at the end of each bar.
std::string BarChartSvg(std::string_view title, std::string_view value_label, const std::vector<Bar>& bars);

struct Threshold {
  double value = 0;
  std::string label;  // e.g. "filter.min_words = 50"
};

struct HistogramSpec {
  std::string title;
  std::string x_label;  // with unit, e.g. "text length (characters)"
  std::string y_label = "documents";
  const ValueSketch* kept = nullptr;      // stacked at the bottom; may be null
  const ValueSketch* rejected = nullptr;  // stacked on top; may be null
  std::vector<Threshold> thresholds;
  int bins = 40;
};

// A stacked histogram (kept and rejected documents) with threshold lines. The x axis is linear,
// or logarithmic when the positive values span more than two decades (zeros then fall in the
// first bin, which the caption says).
std::string HistogramSvg(const HistogramSpec& spec);

}  // namespace ghirbal
