#include "pipeline/pipeline_spec.h"

#include <fstream>
#include <sstream>

#include "core/stage_registry.h"

namespace ghirbal {
namespace {

Status ParseStages(const YAML::Node& node, std::vector<StageSpec>* out) {
  if (!node.IsSequence()) return Status::InvalidArgument("'stages' must be a list");
  for (const YAML::Node& item : node) {
    if (item.IsScalar()) {
      out->push_back({item.as<std::string>(), YAML::Node()});
    } else if (item.IsMap() && item.size() == 1) {
      auto kv = item.begin();
      out->push_back({kv->first.as<std::string>(), kv->second});
    } else {
      return Status::InvalidArgument("each stage is a name, or a name mapped to its options");
    }
  }
  return Status::Ok();
}

Status ParseInto(const YAML::Node& root, PipelineSpec* spec) {
  if (!root.IsMap()) return Status::InvalidArgument("a pipeline file is a mapping of settings");
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    if (key == "input") {
      if (v.IsScalar()) spec->inputs.push_back(v.as<std::string>());
      else for (const auto& i : v) spec->inputs.push_back(i.as<std::string>());
    } else if (key == "output") {
      spec->output = v.as<std::string>();
    } else if (key == "format") {
      Result<InputFormat> f = ParseInputFormat(v.as<std::string>());
      if (!f.ok()) return f.status();
      spec->reader.format = *f;
    } else if (key == "threads") {
      spec->threads = v.as<int>();
    } else if (key == "tasks") {
      spec->tasks = v.as<int>();
    } else if (key == "compression") {
      Result<Compression> c = ParseCompression(v.as<std::string>());
      if (!c.ok()) return c.status();
      spec->compression = *c;
    } else if (key == "compression_level") {
      spec->compression_level = v.as<int>();
    } else if (key == "split_bytes") {
      Result<uint64_t> size = ParseByteSize(v.as<std::string>());
      if (!size.ok()) return Status::InvalidArgument("split_bytes: " + size.status().message());
      spec->split_bytes = *size;
    } else if (key == "max_shard_mb") {
      spec->max_shard_bytes = v.as<uint64_t>() << 20;
    } else if (key == "reader") {
      for (const auto& r : v) {
        const std::string rk = r.first.as<std::string>();
        if (rk == "id_field") spec->reader.id_field = r.second.as<std::string>();
        else if (rk == "text_field") spec->reader.text_field = r.second.as<std::string>();
        else if (rk == "html_field") spec->reader.html_field = r.second.as<std::string>();
        else if (rk == "max_record_mb") spec->reader.max_record_bytes = r.second.as<uint64_t>() << 20;
        else return Status::InvalidArgument("reader: unknown option '" + rk + "'");
      }
    } else if (key == "stages") {
      spec->stages_given = true;
      GHIRBAL_RETURN_IF_ERROR(ParseStages(v, &spec->stages));
    } else {
      return Status::InvalidArgument("unknown setting '" + key + "'");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<uint64_t> ParseByteSize(const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  std::string unit = text.substr(digits);
  if (!unit.empty() && (unit.back() == 'B' || unit.back() == 'b') && unit.size() > 1) unit.pop_back();
  int shift = -1;
  if (unit.empty()) shift = 0;
  else if (unit == "K" || unit == "k") shift = 10;
  else if (unit == "M" || unit == "m") shift = 20;
  else if (unit == "G" || unit == "g") shift = 30;
  else if (unit == "T" || unit == "t") shift = 40;
  if (digits == 0 || digits > 12 || shift < 0) {
    return Status::InvalidArgument("'" + text + "' is not a size (a number of bytes, optionally with K, M, G or T)");
  }
  const uint64_t value = std::stoull(text.substr(0, digits));
  if (value > (UINT64_MAX >> shift)) return Status::InvalidArgument("'" + text + "' is too large");
  return value << shift;
}

Result<PipelineSpec> ParsePipelineYaml(const std::string& yaml_text, const std::string& where) {
  PipelineSpec spec;
  try {
    YAML::Node root = YAML::Load(yaml_text);
    if (root.IsNull()) return spec;
    Status st = ParseInto(root, &spec);
    if (!st.ok()) return Status::InvalidArgument(where + ": " + st.message());
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(where + ": " + e.what());
  }
  return spec;
}

Result<PipelineSpec> LoadPipelineFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open pipeline file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ParsePipelineYaml(ss.str(), path);
}

std::vector<StageSpec> DefaultRecipe() {
  static const char* const kChain[] = {"extract", "normalize", "langid", "clean_lines", "filter",
                                       "pii",     "exact",     "line_dedup", "minhash"};
  std::vector<StageSpec> stages;
  for (const char* name : kChain) {
    if (StageRegistry::Global().Find(name) != nullptr) stages.push_back({name, YAML::Node()});
  }
  return stages;
}

std::string PipelineSpec::ToYaml() const {
  YAML::Emitter e;
  e << YAML::BeginMap;
  e << YAML::Key << "input" << YAML::Value << YAML::Flow << inputs;
  e << YAML::Key << "output" << YAML::Value << output;
  e << YAML::Key << "format" << YAML::Value << std::string(InputFormatName(reader.format));
  e << YAML::Key << "threads" << YAML::Value << threads;
  e << YAML::Key << "tasks" << YAML::Value << (tasks > 0 ? tasks : 1);
  std::string comp = compression == Compression::kZstd ? "zstd" : compression == Compression::kGzip ? "gzip" : "none";
  e << YAML::Key << "compression" << YAML::Value << comp;
  if (compression_level != 0) e << YAML::Key << "compression_level" << YAML::Value << compression_level;
  e << YAML::Key << "max_shard_mb" << YAML::Value << (max_shard_bytes >> 20);
  if (split_bytes > 0) e << YAML::Key << "split_bytes" << YAML::Value << split_bytes;
  e << YAML::Key << "reader" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "id_field" << YAML::Value << reader.id_field;
  e << YAML::Key << "text_field" << YAML::Value << reader.text_field;
  e << YAML::Key << "html_field" << YAML::Value << reader.html_field;
  e << YAML::Key << "max_record_mb" << YAML::Value << (reader.max_record_bytes >> 20);
  e << YAML::EndMap;
  e << YAML::Key << "stages" << YAML::Value << YAML::BeginSeq;
  for (const StageSpec& s : stages) {
    if (!s.options || s.options.IsNull()) {
      e << s.name;
    } else {
      e << YAML::BeginMap << YAML::Key << s.name << YAML::Value << s.options << YAML::EndMap;
    }
  }
  e << YAML::EndSeq << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

}  // namespace ghirbal
