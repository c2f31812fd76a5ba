#include "report/report_stats.h"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "core/json.h"

namespace ghirbal {
namespace {

constexpr double kMinMagnitude = 1e-9;
constexpr double kMaxMagnitude = 1e15;

int32_t BucketIndex(double magnitude) {
  static const double log_gamma = std::log(ValueSketch::kGamma);
  magnitude = std::clamp(magnitude, kMinMagnitude, kMaxMagnitude);
  return static_cast<int32_t>(std::ceil(std::log(magnitude) / log_gamma));
}

bool ExampleLess(const Example& a, const Example& b) {
  return std::tie(a.priority, a.id) < std::tie(b.priority, b.id);
}

bool ClusterLess(const ClusterExample& a, const ClusterExample& b) {
  // Larger first; ties in a fixed order.
  return std::tie(b.size, a.kind, a.cluster) < std::tie(a.size, b.kind, b.cluster);
}

bool ErrorLess(const ErrorExample& a, const ErrorExample& b) {
  return std::tie(a.priority, a.file, a.offset) < std::tie(b.priority, b.file, b.offset);
}

// Adds `from` into `into`, refusing new keys past `cap` (counted in *dropped).
template <typename Map, typename MergeFn>
void MergeCapped(Map* into, const Map& from, size_t cap, uint64_t* dropped, MergeFn merge) {
  for (const auto& [key, value] : from) {
    auto it = into->find(key);
    if (it == into->end()) {
      if (into->size() >= cap) {
        ++*dropped;
        continue;
      }
      it = into->emplace(key, typename Map::mapped_type{}).first;
    }
    merge(it->second, value);
  }
}

// ---- JSON writing ----

void AppendExample(JsonBuilder& b, const Example& e) {
  b.BeginObject();
  b.Key("priority").String(std::to_string(e.priority));  // 64-bit: a string, not a double
  b.Key("id").String(e.id).Key("url").String(e.url).Key("language").String(e.language);
  b.Key("stage").String(e.stage).Key("reason").String(e.reason).Key("value").String(e.value);
  b.Key("snippet").String(e.snippet).Key("chars").Int(static_cast<int64_t>(e.chars));
  b.EndObject();
}

void AppendSample(JsonBuilder& b, const ExampleSample& s) {
  b.BeginObject().Key("k").Int(static_cast<int64_t>(s.k())).Key("items").BeginArray();
  for (const Example& e : s.items()) AppendExample(b, e);
  b.EndArray().EndObject();
}

void AppendSketch(JsonBuilder& b, const ValueSketch& s) {
  std::string text;
  s.AppendJson(&text);
  b.Raw(text);
}

void AppendMeasure(JsonBuilder& b, const Measure& m) {
  b.BeginObject().Key("kept");
  AppendSketch(b, m.kept);
  b.Key("rejected");
  AppendSketch(b, m.rejected);
  b.EndObject();
}

// ---- JSON reading ----

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

Status Bad(std::string_view what) { return Status::Corruption("report statistics: bad " + std::string(what)); }

uint64_t U64(element e, std::string_view key) {
  uint64_t v = 0;
  if (e[key].get(v)) {
    int64_t i = 0;
    if (!e[key].get(i) && i > 0) v = static_cast<uint64_t>(i);
  }
  return v;
}
double F64(element e, std::string_view key) {
  double v = 0;
  if (e[key].get(v)) return 0;
  return v;
}
std::string Str(element e, std::string_view key) {
  std::string_view v;
  if (e[key].get(v)) return {};
  return std::string(v);
}

Result<ValueSketch> ParseSketch(element e) { return ValueSketch::FromJson(simdjson::minify(e)); }

Result<Measure> ParseMeasure(element e) {
  Measure m;
  element k, r;
  if (e["kept"].get(k) || e["rejected"].get(r)) return Bad("measure");
  Result<ValueSketch> a = ParseSketch(k), b = ParseSketch(r);
  if (!a.ok()) return a.status();
  if (!b.ok()) return b.status();
  m.kept = std::move(a).value();
  m.rejected = std::move(b).value();
  return m;
}

Example ParseExample(element e) {
  Example x;
  x.priority = std::strtoull(Str(e, "priority").c_str(), nullptr, 10);
  x.id = Str(e, "id");
  x.url = Str(e, "url");
  x.language = Str(e, "language");
  x.stage = Str(e, "stage");
  x.reason = Str(e, "reason");
  x.value = Str(e, "value");
  x.snippet = Str(e, "snippet");
  x.chars = U64(e, "chars");
  return x;
}

Result<ExampleSample> ParseSample(element e) {
  ExampleSample s(U64(e, "k"));
  array items;
  if (e["items"].get(items)) return Bad("example sample");
  for (element x : items) s.Offer(ParseExample(x));
  return s;
}

}  // namespace

// ---------------- ValueSketch ----------------

double ValueSketch::BucketValue(int32_t index) {
  // Bucket i holds (gamma^(i-1), gamma^i]; its representative has equal relative error to
  // both ends.
  return 2 * std::pow(kGamma, index) / (kGamma + 1);
}

void ValueSketch::Add(double v, uint64_t n) {
  if (std::isnan(v) || n == 0) return;
  v = std::clamp(v, -kMaxMagnitude, kMaxMagnitude);
  if (count_ == 0) {
    min_ = max_ = v;
  } else {
    min_ = std::min(min_, v);
    max_ = std::max(max_, v);
  }
  count_ += n;
  sum_ += v * static_cast<double>(n);
  if (v > 0) {
    positive_[BucketIndex(v)] += n;
  } else if (v < 0) {
    negative_[BucketIndex(-v)] += n;
  } else {
    zero_ += n;
  }
}

void ValueSketch::Merge(const ValueSketch& o) {
  if (o.count_ == 0) return;
  if (count_ == 0) {
    min_ = o.min_;
    max_ = o.max_;
  } else {
    min_ = std::min(min_, o.min_);
    max_ = std::max(max_, o.max_);
  }
  count_ += o.count_;
  sum_ += o.sum_;
  zero_ += o.zero_;
  for (const auto& [k, n] : o.positive_) positive_[k] += n;
  for (const auto& [k, n] : o.negative_) negative_[k] += n;
}

void ValueSketch::AppendJson(std::string* out) const {
  JsonBuilder b;
  b.BeginObject();
  b.Key("n").Int(static_cast<int64_t>(count_)).Key("min").Number(min_).Key("max").Number(max_);
  b.Key("sum").Number(sum_).Key("zero").Int(static_cast<int64_t>(zero_));
  for (const auto& [name, m] : {std::pair{"pos", &positive_}, {"neg", &negative_}}) {
    b.Key(name).BeginArray();
    for (const auto& [k, n] : *m) b.BeginArray().Int(k).Int(static_cast<int64_t>(n)).EndArray();
    b.EndArray();
  }
  b.EndObject();
  *out += b.str();
}

Result<ValueSketch> ValueSketch::FromJson(std::string_view json) {
  simdjson::dom::parser parser;
  element root;
  if (parser.parse(json.data(), json.size()).get(root)) return Bad("sketch");
  ValueSketch s;
  s.count_ = U64(root, "n");
  s.min_ = F64(root, "min");
  s.max_ = F64(root, "max");
  s.sum_ = F64(root, "sum");
  s.zero_ = U64(root, "zero");
  uint64_t total = s.zero_;
  for (const auto& [name, m] : {std::pair{"pos", &s.positive_}, {"neg", &s.negative_}}) {
    array buckets;
    if (root[name].get(buckets)) return Bad("sketch buckets");
    for (element pair : buckets) {
      int64_t k = 0;
      uint64_t n = 0;
      if (pair.at(0).get(k) || pair.at(1).get(n) || k < std::numeric_limits<int32_t>::min() ||
          k > std::numeric_limits<int32_t>::max()) {
        return Bad("sketch bucket");
      }
      (*m)[static_cast<int32_t>(k)] += n;
      total += n;
    }
  }
  if (total != s.count_) return Bad("sketch (counts do not add up)");
  return s;
}

// ---------------- samples ----------------

bool ExampleSample::Wants(uint64_t priority) const {
  return k_ > 0 && (items_.size() < k_ || priority <= items_.back().priority);
}

void ExampleSample::Offer(Example e) {
  if (!Wants(e.priority)) return;
  auto pos = std::lower_bound(items_.begin(), items_.end(), e, ExampleLess);
  if (pos != items_.end() && pos->priority == e.priority && pos->id == e.id) return;  // same document
  items_.insert(pos, std::move(e));
  if (items_.size() > k_) items_.pop_back();
}

void ExampleSample::Merge(const ExampleSample& other) {
  k_ = std::max(k_, other.k_);
  for (const Example& e : other.items_) Offer(e);
}

void OfferCluster(std::vector<ClusterExample>* top, ClusterExample e, size_t limit) {
  if (limit == 0) return;
  if (top->size() >= limit && !ClusterLess(e, top->back())) return;
  top->insert(std::lower_bound(top->begin(), top->end(), e, ClusterLess), std::move(e));
  if (top->size() > limit) top->pop_back();
}

void OfferError(std::vector<ErrorExample>* sample, ErrorExample e, size_t limit) {
  if (limit == 0) return;
  if (sample->size() >= limit && !ErrorLess(e, sample->back())) return;
  sample->insert(std::lower_bound(sample->begin(), sample->end(), e, ErrorLess), std::move(e));
  if (sample->size() > limit) sample->pop_back();
}

// ---------------- ReportStats ----------------

void ReportStats::Merge(const ReportStats& o, const ReportLimits& limits) {
  kept += o.kept;
  rejected += o.rejected;
  errors += o.errors;
  auto add = [](auto& a, const auto& b) { a += b; };
  auto merge = [](auto& a, const auto& b) { a.Merge(b); };
  MergeCapped(&rejects, o.rejects, limits.max_rules, &dropped_keys, add);
  MergeCapped(&reject_values, o.reject_values, limits.max_rules, &dropped_keys, merge);
  MergeCapped(&measures, o.measures, limits.max_measures, &dropped_keys, merge);
  MergeCapped(&declared_thresholds, o.declared_thresholds, limits.max_measures, &dropped_keys,
              [](std::set<double>& a, const std::set<double>& b) {
                for (double x : b) {
                  if (a.size() < 16) a.insert(x);
                }
              });
  text_chars.Merge(o.text_chars);
  MergeCapped(&languages, o.languages, limits.max_languages, &dropped_keys, [](LanguageCount& a, const LanguageCount& b) {
    a.documents += b.documents;
    a.score_sum += b.score_sum;
    a.scored += b.scored;
  });
  MergeCapped(&scripts, o.scripts, limits.max_languages, &dropped_keys, add);
  for (const auto& [kind, sizes] : o.cluster_sizes) {
    for (const auto& [size, n] : sizes) cluster_sizes[kind][size] += n;
  }
  for (const ClusterExample& c : o.largest_clusters) OfferCluster(&largest_clusters, c, limits.largest_clusters);
  kept_examples.Merge(o.kept_examples);
  for (const auto& [rule, sample] : o.reject_examples) {
    auto it = reject_examples.find(rule);
    if (it == reject_examples.end()) {
      if (reject_examples.size() >= limits.max_rules) {
        ++dropped_keys;
        continue;
      }
      it = reject_examples.emplace(rule, ExampleSample(sample.k())).first;
    }
    it->second.Merge(sample);
  }
  for (const ErrorExample& e : o.error_examples) OfferError(&error_examples, e, limits.error_examples);
  dropped_keys += o.dropped_keys;
  tasks.insert(tasks.end(), o.tasks.begin(), o.tasks.end());
  std::sort(tasks.begin(), tasks.end(), [](const TaskRecord& a, const TaskRecord& b) { return a.prefix < b.prefix; });
}

std::string ReportStats::ToJson() const {
  JsonBuilder b;
  auto i64 = [](uint64_t v) { return static_cast<int64_t>(v); };
  b.BeginObject();
  b.Key("format").String("ghirbal-report-stats/1");
  b.Key("kept").Int(i64(kept)).Key("rejected").Int(i64(rejected)).Key("errors").Int(i64(errors));
  b.Key("dropped_keys").Int(i64(dropped_keys));
  b.Key("rejects").BeginObject();
  for (const auto& [k, n] : rejects) b.Key(k).Int(i64(n));
  b.EndObject();
  b.Key("reject_values").BeginObject();
  for (const auto& [k, s] : reject_values) {
    b.Key(k);
    AppendSketch(b, s);
  }
  b.EndObject();
  b.Key("measures").BeginObject();
  for (const auto& [k, m] : measures) {
    b.Key(k);
    AppendMeasure(b, m);
  }
  b.EndObject();
  b.Key("declared_thresholds").BeginObject();
  for (const auto& [k, values] : declared_thresholds) {
    b.Key(k).BeginArray();
    for (double x : values) b.Number(x);
    b.EndArray();
  }
  b.EndObject();
  b.Key("text_chars");
  AppendMeasure(b, text_chars);
  b.Key("languages").BeginObject();
  for (const auto& [lang, c] : languages) {
    b.Key(lang).BeginObject().Key("documents").Int(i64(c.documents)).Key("score_sum").Number(c.score_sum);
    b.Key("scored").Int(i64(c.scored)).EndObject();
  }
  b.EndObject();
  b.Key("scripts").BeginObject();
  for (const auto& [s, n] : scripts) b.Key(s).Int(i64(n));
  b.EndObject();
  b.Key("cluster_sizes").BeginObject();
  for (const auto& [kind, sizes] : cluster_sizes) {
    b.Key(kind).BeginArray();
    for (const auto& [size, n] : sizes) b.BeginArray().Int(i64(size)).Int(i64(n)).EndArray();
    b.EndArray();
  }
  b.EndObject();
  b.Key("largest_clusters").BeginArray();
  for (const ClusterExample& c : largest_clusters) {
    b.BeginObject().Key("kind").String(c.kind).Key("cluster").String(c.cluster).Key("kept_id").String(c.kept_id);
    b.Key("url").String(c.url).Key("snippet").String(c.snippet).Key("size").Int(i64(c.size)).EndObject();
  }
  b.EndArray();
  b.Key("kept_examples");
  AppendSample(b, kept_examples);
  b.Key("reject_examples").BeginObject();
  for (const auto& [rule, sample] : reject_examples) {
    b.Key(rule);
    AppendSample(b, sample);
  }
  b.EndObject();
  b.Key("error_examples").BeginArray();
  for (const ErrorExample& e : error_examples) {
    b.BeginObject().Key("priority").String(std::to_string(e.priority)).Key("file").String(e.file);
    b.Key("offset").Int(i64(e.offset)).Key("reason").String(e.reason).EndObject();
  }
  b.EndArray();
  b.Key("tasks").BeginArray();
  for (const TaskRecord& t : tasks) {
    b.BeginObject().Key("prefix").String(t.prefix).Key("segment").Int(t.segment);
    b.Key("final_segment").Bool(t.final_segment).Key("started").String(t.started);
    b.Key("finished").String(t.finished).Key("seconds").Number(t.seconds);
    b.Key("documents").Int(i64(t.documents)).Key("threads").Int(t.threads).EndObject();
  }
  b.EndArray();
  b.EndObject();
  std::string out = b.Take();
  out.push_back('\n');
  return out;
}

Result<ReportStats> ReportStats::FromJson(std::string_view json) {
  simdjson::dom::parser parser;
  element root;
  if (parser.parse(json.data(), json.size()).get(root)) return Bad("JSON");
  if (Str(root, "format") != "ghirbal-report-stats/1") return Bad("format (not ghirbal-report-stats/1)");
  ReportStats r;
  r.kept = U64(root, "kept");
  r.rejected = U64(root, "rejected");
  r.errors = U64(root, "errors");
  r.dropped_keys = U64(root, "dropped_keys");
  object obj;
  if (!root["rejects"].get(obj)) {
    for (auto f : obj) {
      uint64_t n = 0;
      if (f.value.get(n)) return Bad("rejects");
      r.rejects[std::string(f.key)] = n;
    }
  }
  if (!root["reject_values"].get(obj)) {
    for (auto f : obj) {
      Result<ValueSketch> s = ParseSketch(f.value);
      if (!s.ok()) return s.status();
      r.reject_values[std::string(f.key)] = std::move(s).value();
    }
  }
  if (!root["measures"].get(obj)) {
    for (auto f : obj) {
      Result<Measure> m = ParseMeasure(f.value);
      if (!m.ok()) return m.status();
      r.measures[std::string(f.key)] = std::move(m).value();
    }
  }
  if (!root["declared_thresholds"].get(obj)) {
    for (auto f : obj) {
      array values;
      if (f.value.get(values)) return Bad("declared_thresholds");
      auto& set = r.declared_thresholds[std::string(f.key)];
      for (element x : values) {
        double v = 0;
        if (!x.get(v)) set.insert(v);
      }
    }
  }
  element e;
  if (!root["text_chars"].get(e)) {
    Result<Measure> m = ParseMeasure(e);
    if (!m.ok()) return m.status();
    r.text_chars = std::move(m).value();
  }
  if (!root["languages"].get(obj)) {
    for (auto f : obj) {
      LanguageCount c;
      c.documents = U64(f.value, "documents");
      c.score_sum = F64(f.value, "score_sum");
      c.scored = U64(f.value, "scored");
      r.languages[std::string(f.key)] = c;
    }
  }
  if (!root["scripts"].get(obj)) {
    for (auto f : obj) {
      uint64_t n = 0;
      if (f.value.get(n)) return Bad("scripts");
      r.scripts[std::string(f.key)] = n;
    }
  }
  if (!root["cluster_sizes"].get(obj)) {
    for (auto f : obj) {
      array pairs;
      if (f.value.get(pairs)) return Bad("cluster_sizes");
      auto& sizes = r.cluster_sizes[std::string(f.key)];
      for (element p : pairs) {
        uint64_t size = 0, n = 0;
        if (p.at(0).get(size) || p.at(1).get(n)) return Bad("cluster size");
        sizes[size] += n;
      }
    }
  }
  array arr;
  if (!root["largest_clusters"].get(arr)) {
    for (element c : arr) {
      r.largest_clusters.push_back(
          {Str(c, "kind"), Str(c, "cluster"), Str(c, "kept_id"), Str(c, "url"), Str(c, "snippet"), U64(c, "size")});
    }
  }
  if (!root["kept_examples"].get(e)) {
    Result<ExampleSample> s = ParseSample(e);
    if (!s.ok()) return s.status();
    r.kept_examples = std::move(s).value();
  }
  if (!root["reject_examples"].get(obj)) {
    for (auto f : obj) {
      Result<ExampleSample> s = ParseSample(f.value);
      if (!s.ok()) return s.status();
      r.reject_examples.emplace(std::string(f.key), std::move(s).value());
    }
  }
  if (!root["error_examples"].get(arr)) {
    for (element x : arr) {
      r.error_examples.push_back({std::strtoull(Str(x, "priority").c_str(), nullptr, 10), Str(x, "file"),
                                  Str(x, "reason"), U64(x, "offset")});
    }
  }
  if (!root["tasks"].get(arr)) {
    for (element x : arr) {
      TaskRecord t;
      t.prefix = Str(x, "prefix");
      int64_t seg = 0;
      if (!x["segment"].get(seg)) t.segment = static_cast<int>(seg);
      bool fin = true;
      if (!x["final_segment"].get(fin)) t.final_segment = fin;
      t.started = Str(x, "started");
      t.finished = Str(x, "finished");
      t.seconds = F64(x, "seconds");
      t.documents = U64(x, "documents");
      int64_t threads = 0;
      if (!x["threads"].get(threads)) t.threads = static_cast<int>(threads);
      r.tasks.push_back(std::move(t));
    }
  }
  return r;
}

}  // namespace ghirbal
