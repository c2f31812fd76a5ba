#include "report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/utf8.h"
#include "report/report_collector.h"

namespace ghirbal {
namespace {

constexpr const char* kKeptColor = "#3b6fb6";
constexpr const char* kRejectedColor = "#e08a2c";
constexpr const char* kThresholdColor = "#c0262d";

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A label cut to `max_chars` characters, with an ellipsis when cut.
std::string Cut(std::string_view s, size_t max_chars) {
  std::string out = Snippet(s, max_chars);
  if (out.size() < s.size()) out += "\u2026";
  return out;
}

std::string Text(double x, double y, std::string_view text, std::string_view attrs = "") {
  std::string out = "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\"";
  if (!attrs.empty()) out += " " + std::string(attrs);
  out += ">" + HtmlEscape(text) + "</text>";
  return out;
}

std::string Rect(double x, double y, double w, double h, std::string_view fill, std::string_view tooltip = "") {
  std::string out = "<rect x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" width=\"" + Num(std::max(w, 0.0)) +
                    "\" height=\"" + Num(std::max(h, 0.0)) + "\" fill=\"" + std::string(fill) + "\"";
  if (tooltip.empty()) return out + "/>";
  return out + "><title>" + HtmlEscape(tooltip) + "</title></rect>";
}

std::string Line(double x1, double y1, double x2, double y2, std::string_view attrs) {
  return "<line x1=\"" + Num(x1) + "\" y1=\"" + Num(y1) + "\" x2=\"" + Num(x2) + "\" y2=\"" + Num(y2) + "\" " +
         std::string(attrs) + "/>";
}

std::string OpenSvg(double width, double height, std::string_view title) {
  std::string out = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " +
                    Num(width) + " " + Num(height) + "\" width=\"" + Num(width) + "\" height=\"" + Num(height) +
                    "\"><title>" + HtmlEscape(title) + "</title>";
  out += Text(width / 2, 16, title, "class=\"chart-title\" text-anchor=\"middle\"");
  return out;
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        case '\t':
        case '\n': out.push_back(static_cast<char>(c)); break;
        case 0x7F: out += kUtf8Replacement; break;
        default:
          if (c < 0x20) {
            AppendUtf8(&out, 0x2400 + c);  // Control Pictures: visible, inert
          } else {
            out.push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    char32_t cp = 0;
    size_t len = DecodeUtf8(text.data() + i, text.size() - i, &cp);
    if (len == 0 || (cp >= 0x80 && cp <= 0x9F)) {
      out += kUtf8Replacement;
      i += len == 0 ? 1 : len;
      continue;
    }
    out.append(text.data() + i, len);
    i += len;
  }
  return out;
}

std::string FormatCount(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string FormatValue(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string BarChartSvg(std::string_view title, std::string_view value_label, const std::vector<Bar>& bars) {
  const double label_w = 220, bar_w = 380, value_w = 200, row = 20, top = 30;
  const double width = label_w + bar_w + value_w;
  const double height = top + row * static_cast<double>(bars.size()) + 44;
  double max = 0;
  for (const Bar& b : bars) max = std::max(max, b.value);
  std::string out = OpenSvg(width, height, title);
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double y = top + row * static_cast<double>(i);
    const double w = max > 0 ? bar_w * b.value / max : 0;
    out += Text(label_w - 6, y + 14, Cut(b.label, 34), "text-anchor=\"end\" class=\"bar-label\"");
    out += Rect(label_w, y + 3, w, row - 6, kKeptColor, b.label + ": " + FormatValue(b.value));
    const bool count = b.value >= 0 && b.value < 1e18 && b.value == std::floor(b.value);
    std::string value = count ? FormatCount(static_cast<uint64_t>(b.value)) : FormatValue(b.value);
    if (!b.note.empty()) value += "  " + b.note;
    out += Text(label_w + w + 4, y + 14, value, "class=\"bar-value\"");
  }
  const double axis_y = top + row * static_cast<double>(bars.size()) + 4;
  out += Line(label_w, top, label_w, axis_y, "stroke=\"#333\"");
  out += Line(label_w, axis_y, label_w + bar_w, axis_y, "stroke=\"#333\"");
  out += Text(label_w, axis_y + 14, "0", "text-anchor=\"middle\" class=\"tick\"");
  out += Text(label_w + bar_w, axis_y + 14, FormatValue(max), "text-anchor=\"middle\" class=\"tick\"");
  out += Text(label_w + bar_w / 2, axis_y + 32, value_label, "text-anchor=\"middle\" class=\"axis-label\"");
  return out + "</svg>";
}

std::string HistogramSvg(const HistogramSpec& spec) {
  const double width = 680, height = 280, left = 70, right = 20, top = 46, bottom = 56;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  const int n = std::max(1, spec.bins);
  const ValueSketch* sketches[2] = {spec.kept, spec.rejected};

  // The range: every value and every threshold.
  bool any = false;
  double lo = 0, hi = 0, min_positive = 0;
  auto include = [&](double v) {
    if (!any) {
      lo = hi = v;
      any = true;
    }
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    if (v > 0 && (min_positive == 0 || v < min_positive)) min_positive = v;
  };
  uint64_t total = 0;
  for (const ValueSketch* s : sketches) {
    if (s == nullptr || s->count() == 0) continue;
    include(s->min());
    include(s->max());
    total += s->count();
    s->ForEachBucket([&](double v, uint64_t) { include(std::clamp(v, s->min(), s->max())); });
  }
  for (const Threshold& t : spec.thresholds) {
    if (std::isfinite(t.value)) include(t.value);
  }
  std::string out = OpenSvg(width, height, spec.title);
  if (total == 0) {
    out += Text(width / 2, height / 2, "no values", "text-anchor=\"middle\" class=\"empty\"");
    return out + "</svg>";
  }
  const bool log_x = lo >= 0 && min_positive > 0 && hi / min_positive > 100;
  double a = log_x ? std::log10(min_positive) : lo, b = log_x ? std::log10(hi) : hi;
  if (b - a <= 0) {
    const double pad = std::max(0.5, std::fabs(a) * 0.05);
    a -= pad;
    b += pad;
  }
  auto position = [&](double v) {  // 0..1 along the x axis
    double x = log_x ? (v > 0 ? std::log10(v) : a) : v;
    const double p = (x - a) / (b - a);
    return p >= 0 ? std::min(p, 1.0) : 0.0;  // NaN (infinite ranges) -> 0
  };
  std::vector<uint64_t> counts[2] = {std::vector<uint64_t>(n), std::vector<uint64_t>(n)};
  for (int k = 0; k < 2; ++k) {
    if (sketches[k] == nullptr) continue;
    sketches[k]->ForEachBucket([&](double v, uint64_t c) {
      // A bucket's representative may lie a little outside [min, max]: clamp.
      int bin = static_cast<int>(position(v) * n);
      counts[k][std::clamp(bin, 0, n - 1)] += c;
    });
  }
  uint64_t ymax = 1;
  for (int i = 0; i < n; ++i) ymax = std::max(ymax, counts[0][i] + counts[1][i]);

  const double bar = plot_w / n;
  for (int i = 0; i < n; ++i) {
    const double x = left + bar * i;
    double y = top + plot_h;
    for (int k = 0; k < 2; ++k) {
      if (counts[k][i] == 0) continue;
      const double h = plot_h * static_cast<double>(counts[k][i]) / static_cast<double>(ymax);
      y -= h;
      out += Rect(x + 0.5, y, bar - 1, h, k == 0 ? kKeptColor : kRejectedColor,
                  FormatCount(counts[k][i]) + (k == 0 ? " kept" : " rejected"));
    }
  }
  // Axes, ticks and labels.
  const double axis_y = top + plot_h;
  out += Line(left, top, left, axis_y, "stroke=\"#333\"");
  out += Line(left, axis_y, left + plot_w, axis_y, "stroke=\"#333\"");
  for (int t = 0; t <= 2; ++t) {
    const double y = axis_y - plot_h * t / 2.0;
    out += Line(left - 4, y, left, y, "stroke=\"#333\"");
    out += Text(left - 6, y + 4, FormatCount(ymax * t / 2), "text-anchor=\"end\" class=\"tick\"");
  }
  std::vector<double> ticks;
  if (log_x) {
    for (double p = std::ceil(a); p <= b + 1e-9 && ticks.size() < 40; p += 1) ticks.push_back(std::pow(10, p));
    if (ticks.size() < 2) ticks = {std::pow(10, a), std::pow(10, b)};
  } else {
    // Round steps (1, 2 or 5 times a power of ten), about four of them.
    const double raw = (b - a) / 4, power = std::pow(10, std::floor(std::log10(raw)));
    const double step = power * (raw / power < 1.5 ? 1 : raw / power < 3.5 ? 2 : raw / power < 7.5 ? 5 : 10);
    // Counted, not accumulated: a step below the values' precision must not loop forever.
    const double first = std::ceil(a / step);
    for (int t = 0; t <= 10; ++t) {
      const double v = (first + t) * step;
      if (!(v <= b + step * 1e-9)) break;
      ticks.push_back(std::fabs(v) < step * 1e-9 ? 0 : v);
    }
  }
  for (double v : ticks) {
    const double x = left + plot_w * position(v);
    out += Line(x, axis_y, x, axis_y + 4, "stroke=\"#333\"");
    out += Text(x, axis_y + 16, FormatValue(v), "text-anchor=\"middle\" class=\"tick\"");
  }
  std::string x_label = spec.x_label;
  if (log_x) x_label += ", log scale" + std::string(lo <= 0 ? " (zeros in the first bar)" : "");
  out += Text(left + plot_w / 2, height - 14, x_label, "text-anchor=\"middle\" class=\"axis-label\"");
  out += Text(16, top + plot_h / 2, spec.y_label,
              "text-anchor=\"middle\" class=\"axis-label\" transform=\"rotate(-90 16 " + Num(top + plot_h / 2) + ")\"");
  // Legend.
  out += Rect(left, 24, 10, 10, kKeptColor) + Text(left + 14, 33, "kept", "class=\"legend\"");
  out += Rect(left + 60, 24, 10, 10, kRejectedColor) + Text(left + 74, 33, "rejected", "class=\"legend\"");
  // Thresholds.
  for (size_t i = 0; i < spec.thresholds.size(); ++i) {
    const Threshold& t = spec.thresholds[i];
    if (!std::isfinite(t.value)) continue;
    const double x = left + plot_w * position(t.value);
    out += "<g class=\"threshold\">";
    out += Line(x, top - 4, x, axis_y, "stroke=\"" + std::string(kThresholdColor) + "\" stroke-width=\"2\" stroke-dasharray=\"5,3\"");
    const bool right_half = x > left + plot_w * 0.6;
    out += Text(right_half ? x - 4 : x + 4, top + 10 + 12 * static_cast<double>(i), t.label,
                std::string("class=\"threshold-label\" fill=\"") + kThresholdColor + "\" text-anchor=\"" +
                    (right_half ? "end" : "start") + "\"");
    out += "</g>";
  }
  return out + "</svg>";
}

}  // namespace ghirbal
