#include "pipeline/run_stats.h"

#include <unistd.h>

#include <simdjson.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/json.h"

namespace ghirbal {

void StageStats::Merge(const StageStats& other) {
  if (name.empty()) name = other.name;
  documents_in += other.documents_in;
  documents_out += other.documents_out;
  for (const auto& [reason, n] : other.dropped) dropped[reason] += n;
  bytes_in += other.bytes_in;
  bytes_out += other.bytes_out;
  seconds += other.seconds;
}

uint64_t StageStats::dropped_total() const {
  uint64_t total = 0;
  for (const auto& [reason, n] : dropped) total += n;
  return total;
}

void RunStats::Merge(const RunStats& other) {
  files += other.files;
  documents_read += other.documents_read;
  kept += other.kept;
  rejected += other.rejected;
  errors += other.errors;
  input.Merge(other.input);
  if (stages.size() < other.stages.size()) stages.resize(other.stages.size());
  for (size_t i = 0; i < other.stages.size(); ++i) stages[i].Merge(other.stages[i]);
  seconds += other.seconds;
}

namespace {

void AppendCountMap(JsonBuilder& b, const std::map<std::string, uint64_t>& m) {
  b.BeginObject();
  for (const auto& [k, v] : m) b.Key(k).Int(static_cast<int64_t>(v));
  b.EndObject();
}

Status ReadCountMap(simdjson::dom::element e, std::map<std::string, uint64_t>* out) {
  simdjson::dom::object obj;
  if (e.get(obj)) return Status::Corruption("stats: expected an object of counts");
  for (auto field : obj) {
    uint64_t v = 0;
    if (field.value.get(v)) return Status::Corruption("stats: expected a count");
    (*out)[std::string(field.key)] = v;
  }
  return Status::Ok();
}

}  // namespace

std::string RunStats::ToJson() const {
  JsonBuilder b;
  b.BeginObject();
  b.Key("documents").BeginObject();
  b.Key("read").Int(documents_read).Key("kept").Int(kept).Key("rejected").Int(rejected);
  b.Key("errors").Int(errors).Key("balanced").Bool(Balanced());
  b.EndObject();
  b.Key("input").BeginObject();
  b.Key("files").Int(files).Key("records").Int(input.records);
  b.Key("compressed_bytes").Int(input.compressed_bytes);
  b.Key("uncompressed_bytes").Int(input.uncompressed_bytes);
  b.Key("records_by_type");
  AppendCountMap(b, input.by_type);
  b.Key("records_skipped");
  AppendCountMap(b, input.skipped_by_type);
  b.EndObject();
  b.Key("stages").BeginArray();
  for (const StageStats& s : stages) {
    b.BeginObject();
    b.Key("name").String(s.name);
    b.Key("in").Int(s.documents_in).Key("out").Int(s.documents_out);
    b.Key("dropped");
    AppendCountMap(b, s.dropped);
    b.Key("bytes_in").Int(s.bytes_in).Key("bytes_out").Int(s.bytes_out);
    b.Key("seconds").Number(static_cast<double>(static_cast<int64_t>(s.seconds * 1000)) / 1000);
    b.EndObject();
  }
  b.EndArray();
  b.Key("seconds").Number(static_cast<double>(static_cast<int64_t>(seconds * 1000)) / 1000);
  b.EndObject();
  std::string out = b.Take();
  out.push_back('\n');
  return out;
}

Result<RunStats> RunStats::FromJson(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json.data(), json.size()).get(root)) {
    return Status::Corruption("stats.json is not valid JSON");
  }
  RunStats s;
  auto count = [](simdjson::dom::element e, std::string_view key, uint64_t* out) {
    uint64_t v = 0;
    if (!e[key].get(v)) *out = v;
  };
  simdjson::dom::element docs, input, stages;
  if (root["documents"].get(docs) || root["input"].get(input) || root["stages"].get(stages)) {
    return Status::Corruption("stats.json lacks documents, input or stages");
  }
  count(docs, "read", &s.documents_read);
  count(docs, "kept", &s.kept);
  count(docs, "rejected", &s.rejected);
  count(docs, "errors", &s.errors);
  count(input, "files", &s.files);
  count(input, "records", &s.input.records);
  count(input, "compressed_bytes", &s.input.compressed_bytes);
  count(input, "uncompressed_bytes", &s.input.uncompressed_bytes);
  simdjson::dom::element m;
  if (!input["records_by_type"].get(m)) GHIRBAL_RETURN_IF_ERROR(ReadCountMap(m, &s.input.by_type));
  if (!input["records_skipped"].get(m)) GHIRBAL_RETURN_IF_ERROR(ReadCountMap(m, &s.input.skipped_by_type));
  simdjson::dom::array arr;
  if (stages.get(arr)) return Status::Corruption("stats.json: stages is not an array");
  for (simdjson::dom::element st : arr) {
    StageStats ss;
    std::string_view name;
    if (!st["name"].get(name)) ss.name = std::string(name);
    count(st, "in", &ss.documents_in);
    count(st, "out", &ss.documents_out);
    count(st, "bytes_in", &ss.bytes_in);
    count(st, "bytes_out", &ss.bytes_out);
    double secs = 0;
    if (!st["seconds"].get(secs)) ss.seconds = secs;
    if (!st["dropped"].get(m)) GHIRBAL_RETURN_IF_ERROR(ReadCountMap(m, &ss.dropped));
    s.stages.push_back(std::move(ss));
  }
  double secs = 0;
  if (!root["seconds"].get(secs)) s.seconds = secs;
  return s;
}

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  std::filesystem::path p(path);
  // A temporary name of this writer's own: the tasks of an array start together and write
  // the same run files (pipeline.yaml, run.json) at once, on one machine or several sharing
  // the run directory; threads of one process are told apart by a counter.
  static std::atomic<uint64_t> writes{0};
  char host[256] = "";
  gethostname(host, sizeof host - 1);
  std::string tmp = (p.parent_path() / ("." + p.filename().string() + "." + host + "." +
                                        std::to_string(getpid()) + "." +
                                        std::to_string(writes++) + ".tmp"))
                        .string();
  std::error_code ec;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError("cannot write " + tmp);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.flush();
    if (!out) {
      std::filesystem::remove(tmp, ec);
      return Status::IoError("cannot write " + tmp);
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    const std::string message = ec.message();
    std::filesystem::remove(tmp, ec);
    return Status::IoError("cannot rename " + tmp + " to " + path + ": " + message);
  }
  return Status::Ok();
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace ghirbal
