// StageOptions: a stage's settings from the pipeline file (or command-line flags), with typed
// getters that remember which keys were read, so a misspelt option is an error, not a silent
// default.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/status.h"

namespace ghirbal {

class StageOptions {
 public:
  // `node` is the stage's YAML mapping (may be null for "all defaults"); `where` names it in
  // messages ("stage 'filter'").
  StageOptions(YAML::Node node, std::string where);
  StageOptions() : StageOptions(YAML::Node(), "options") {}
  // Builds options from "key: value" YAML text; for tests and flags.
  static Result<StageOptions> FromYaml(std::string_view yaml, std::string where = "options");

  bool Has(std::string_view key) const;
  bool GetBool(std::string_view key, bool fallback);
  int64_t GetInt(std::string_view key, int64_t fallback);
  double GetDouble(std::string_view key, double fallback);
  std::string GetString(std::string_view key, std::string_view fallback);
  // A list of strings; a single scalar counts as a one-element list.
  std::vector<std::string> GetStringList(std::string_view key);
  // A nested mapping, e.g. `languages: {ar: {...}}`; empty options when absent. The child is
  // owned by this object and its unknown keys are reported by this object's Finish().
  StageOptions& Child(std::string_view key);
  // Keys present in this mapping, in file order.
  std::vector<std::string> Keys() const;
  // Marks `key` as known without reading it.
  void Accept(std::string_view key);

  // Directory of the data files (phrase lists, stop words, thresholds). Set by the pipeline.
  const std::string& data_dir() const { return *data_dir_; }
  void set_data_dir(std::string dir) { *data_dir_ = std::move(dir); }

  // Errors met so far: wrong types, unknown keys (every key not read or accepted), children's.
  Status Finish() const;

 private:
  YAML::Node node_;
  std::string where_;
  std::vector<std::string> used_;
  std::vector<std::string> errors_;
  std::vector<std::unique_ptr<StageOptions>> children_;
  std::shared_ptr<std::string> data_dir_;
};

// The data directory used when none is configured: $GHIRBAL_DATA_DIR, else the data/ folder
// of the source tree the binary was built from.
std::string DefaultDataDir();

}  // namespace ghirbal
