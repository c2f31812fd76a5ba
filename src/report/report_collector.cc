#include "report/report_collector.h"

#include <simdjson.h>
#include <xxhash.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <memory>

#include "core/json.h"
#include "core/utf8.h"
#include "pipeline/run_observer.h"
#include "pipeline/run_stats.h"

namespace ghirbal {
namespace {

bool LooksLikeNumber(const std::string& json) {
  return !json.empty() && (json[0] == '-' || (json[0] >= '0' && json[0] <= '9'));
}

std::string RuleKey(const Verdict& v) { return v.stage + ":" + v.reason; }

}  // namespace

uint64_t CountCharacters(std::string_view text) {
  // Every byte but continuation bytes (10xxxxxx), eight bytes at a time.
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  uint64_t continuation = 0;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    // One bit per continuation byte, moved to the byte's low bit and summed by a multiply
    // (std::popcount is a library call without -mpopcnt, which builds do not assume).
    const uint64_t ones = (w & kHigh & ~(w << 1)) >> 7;
    continuation += (ones * 0x0101010101010101ull) >> 56;
  }
  for (; i < text.size(); ++i) continuation += (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  return text.size() - continuation;
}

std::string Snippet(std::string_view text, size_t max_chars) {
  size_t end = 0, chars = 0;
  while (end < text.size() && chars < max_chars) {
    size_t len = Utf8SequenceLength(text.data() + end, text.size() - end);
    end += len == 0 ? 1 : len;
    ++chars;
  }
  return ToValidUtf8(text.substr(0, end));
}

std::string UtcTimestampNow() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

ReportCollector::ReportCollector(CollectorOptions options) : options_(std::move(options)) {
  stats_.kept_examples = ExampleSample(options_.limits.kept_examples);
}

void ReportCollector::Observe(const Batch& batch) {
  for (const Document& doc : batch.documents) ObserveDocument(doc);
  for (const ReadError& e : batch.errors) {
    ++stats_.errors;
    XXH64_hash_t h = XXH64(e.file.data(), e.file.size(), options_.seed);
    h = XXH64(&e.offset, sizeof e.offset, h);
    OfferError(&stats_.error_examples, {h, e.file, e.reason, e.offset}, options_.limits.error_examples);
  }
}

void ReportCollector::ObserveDocument(const Document& doc) {
  const bool rejected = doc.rejected();
  if (!rejected && !options_.final_segment) return;  // seen again by the next segment
  const ReportLimits& limits = options_.limits;
  const uint64_t chars = CountCharacters(doc.text);
  uint64_t priority = XXH64(doc.id.data(), doc.id.size(), options_.seed);
  const uint64_t where[2] = {doc.origin.part, doc.origin.ordinal};
  priority = XXH64(where, sizeof where, priority);
  AddMeasures(doc, !rejected);

  if (rejected) {
    ++stats_.rejected;
    stats_.text_chars.rejected.Add(static_cast<double>(chars));
    std::string rule = RuleKey(doc.verdict);
    auto it = stats_.rejects.find(rule);
    if (it == stats_.rejects.end()) {
      if (stats_.rejects.size() >= limits.max_rules) {
        ++stats_.dropped_keys;
        return;
      }
      it = stats_.rejects.emplace(rule, 0).first;
    }
    ++it->second;
    if (LooksLikeNumber(doc.verdict.value)) {
      if (std::optional<double> v = ParseJsonNumber(doc.verdict.value)) stats_.reject_values[rule].Add(*v);
    }
    auto [sample, inserted] = stats_.reject_examples.try_emplace(rule, ExampleSample(limits.examples_per_rule));
    if (sample->second.Wants(priority)) sample->second.Offer(MakeExample(doc, priority));
    return;
  }

  ++stats_.kept;
  stats_.text_chars.kept.Add(static_cast<double>(chars));
  std::optional<std::string> language = doc.metadata.GetString("language");
  if (language) {
    auto it = stats_.languages.find(*language);
    if (it == stats_.languages.end() && stats_.languages.size() < limits.max_languages) {
      it = stats_.languages.emplace(*language, LanguageCount{}).first;
    }
    if (it != stats_.languages.end()) {
      ++it->second.documents;
      if (std::optional<double> score = doc.metadata.GetNumber("language_score")) {
        it->second.score_sum += *score;
        ++it->second.scored;
      }
    } else {
      ++stats_.dropped_keys;
    }
  }
  if (std::optional<std::string> script = doc.metadata.GetString("script")) {
    if (stats_.scripts.count(*script) || stats_.scripts.size() < limits.max_languages) {
      ++stats_.scripts[*script];
    } else {
      ++stats_.dropped_keys;
    }
  }
  for (const auto& [kind, field] : {std::pair{"minhash", "minhash_cluster_size"}, {"exact", "exact_copies"}}) {
    std::optional<double> size = doc.metadata.GetNumber(field);
    if (!size || !(*size >= 1 && *size < 1e18)) continue;  // a count, whatever the input says
    const auto n = static_cast<uint64_t>(*size);
    ++stats_.cluster_sizes[kind][n];
    if (n < 2) continue;
    const bool enters = stats_.largest_clusters.size() < limits.largest_clusters ||
                        n >= stats_.largest_clusters.back().size;
    if (enters) {
      OfferCluster(&stats_.largest_clusters,
                   {kind, doc.metadata.GetString("minhash_cluster").value_or(doc.id), doc.id, doc.url,
                    Snippet(doc.text, limits.snippet_chars), n},
                   limits.largest_clusters);
    }
  }
  if (stats_.kept_examples.Wants(priority)) stats_.kept_examples.Offer(MakeExample(doc, priority));
}

void ReportCollector::AddMeasure(const std::string& key, double value, bool kept) {
  auto it = stats_.measures.find(key);
  if (it == stats_.measures.end()) {
    if (stats_.measures.size() >= options_.limits.max_measures) {
      ++stats_.dropped_keys;
      return;
    }
    it = stats_.measures.emplace(key, Measure{}).first;
  }
  (kept ? it->second.kept : it->second.rejected).Add(value);
}

void ReportCollector::AddMeasures(const Document& doc, bool kept) {
  // One parser per thread, reused: nested metadata objects are small.
  thread_local simdjson::dom::parser parser;
  for (const auto& [key, json] : doc.metadata.entries()) {
    if (LooksLikeNumber(json)) {
      if (std::optional<double> v = ParseJsonNumber(json)) AddMeasure(key, *v, kept);
      continue;
    }
    if (json.empty() || json[0] != '{') continue;
    simdjson::dom::object obj;
    if (parser.parse(json).get(obj)) continue;
    const bool thresholds = key.size() > 11 && key.compare(key.size() - 11, 11, "_thresholds") == 0;
    for (auto field : obj) {
      double v = 0;
      if (field.value.is<bool>() || field.value.get(v)) continue;
      if (thresholds) {
        auto& set = stats_.declared_thresholds[std::string(field.key)];
        if (set.size() < 16) set.insert(v);
      } else {
        AddMeasure(key + "." + std::string(field.key), v, kept);
      }
    }
  }
}

Example ReportCollector::MakeExample(const Document& doc, uint64_t priority) const {
  Example e;
  e.priority = priority;
  e.id = doc.id;
  e.url = doc.url;
  e.language = doc.metadata.GetString("language").value_or("");
  e.stage = doc.verdict.stage;
  e.reason = doc.verdict.reason;
  e.value = doc.verdict.value;
  e.snippet = Snippet(doc.text, options_.limits.snippet_chars);
  e.chars = CountCharacters(doc.text);
  return e;
}

namespace {

// The observer the runner makes for every (segment, task).
class ReportObserver : public RunObserver {
 public:
  static CollectorOptions Options(const ObserverContext& ctx) {
    CollectorOptions o;
    o.final_segment = ctx.final_segment;
    return o;
  }

  explicit ReportObserver(const ObserverContext& ctx)
      : ctx_(ctx), collector_(Options(ctx)),
        started_(UtcTimestampNow()), start_(std::chrono::steady_clock::now()) {}

  void Observe(const Batch& batch) override {
    documents_ += batch.documents.size() + batch.errors.size();
    collector_.Observe(batch);
  }

  Status Finish() override {
    ReportStats& s = collector_.mutable_stats();
    TaskRecord t;
    t.prefix = ctx_.task_prefix;
    t.segment = ctx_.segment;
    t.final_segment = ctx_.final_segment;
    t.started = started_;
    t.finished = UtcTimestampNow();
    t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    t.documents = documents_;
    t.threads = ctx_.threads;
    s.tasks = {t};
    const std::string dir = ctx_.run_dir + "/report";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Status::IoError("cannot create " + dir + ": " + ec.message());
    return WriteFileAtomically(dir + "/" + ctx_.task_prefix + "-report.json", s.ToJson());
  }

 private:
  ObserverContext ctx_;
  ReportCollector collector_;
  std::string started_;
  std::chrono::steady_clock::time_point start_;
  uint64_t documents_ = 0;
};

const bool kRegistered = [] {
  RegisterRunObserver([](const ObserverContext& ctx) -> std::unique_ptr<RunObserver> {
    return std::make_unique<ReportObserver>(ctx);
  });
  return true;
}();

}  // namespace
}  // namespace ghirbal
