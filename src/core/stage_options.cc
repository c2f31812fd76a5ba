#include "core/stage_options.h"

#include <algorithm>
#include <cstdlib>

namespace ghirbal {
namespace {

std::string Quote(std::string_view key) { return "'" + std::string(key) + "'"; }

}  // namespace

StageOptions::StageOptions(YAML::Node node, std::string where)
    : node_(std::move(node)), where_(std::move(where)),
      data_dir_(std::make_shared<std::string>(DefaultDataDir())) {
  if (node_ && !node_.IsNull() && !node_.IsMap()) {
    errors_.push_back(where_ + ": expected a mapping of options");
    node_ = YAML::Node();
  }
}

Result<StageOptions> StageOptions::FromYaml(std::string_view yaml, std::string where) {
  try {
    return StageOptions(YAML::Load(std::string(yaml)), std::move(where));
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(where + ": " + e.what());
  }
}

bool StageOptions::Has(std::string_view key) const {
  return node_ && node_.IsMap() && node_[std::string(key)].IsDefined();
}

void StageOptions::Accept(std::string_view key) { used_.emplace_back(key); }

template <typename T>
static bool Convert(const YAML::Node& n, T* out) {
  try {
    *out = n.as<T>();
    return true;
  } catch (const YAML::Exception&) {
    return false;
  }
}

bool StageOptions::GetBool(std::string_view key, bool fallback) {
  Accept(key);
  if (!Has(key)) return fallback;
  bool v = fallback;
  if (!Convert(node_[std::string(key)], &v)) errors_.push_back(where_ + ": " + Quote(key) + " must be true or false");
  return v;
}

int64_t StageOptions::GetInt(std::string_view key, int64_t fallback) {
  Accept(key);
  if (!Has(key)) return fallback;
  int64_t v = fallback;
  if (!Convert(node_[std::string(key)], &v)) errors_.push_back(where_ + ": " + Quote(key) + " must be an integer");
  return v;
}

double StageOptions::GetDouble(std::string_view key, double fallback) {
  Accept(key);
  if (!Has(key)) return fallback;
  double v = fallback;
  if (!Convert(node_[std::string(key)], &v)) errors_.push_back(where_ + ": " + Quote(key) + " must be a number");
  return v;
}

std::string StageOptions::GetString(std::string_view key, std::string_view fallback) {
  Accept(key);
  if (!Has(key)) return std::string(fallback);
  std::string v(fallback);
  const YAML::Node n = node_[std::string(key)];
  if (!n.IsScalar() || !Convert(n, &v)) errors_.push_back(where_ + ": " + Quote(key) + " must be a string");
  return v;
}

std::vector<std::string> StageOptions::GetStringList(std::string_view key) {
  Accept(key);
  std::vector<std::string> out;
  if (!Has(key)) return out;
  const YAML::Node n = node_[std::string(key)];
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
  } else if (n.IsSequence()) {
    for (const auto& item : n) {
      if (item.IsScalar()) {
        out.push_back(item.Scalar());
      } else {
        errors_.push_back(where_ + ": " + Quote(key) + " must be a list of strings");
        break;
      }
    }
  } else if (!n.IsNull()) {
    errors_.push_back(where_ + ": " + Quote(key) + " must be a list of strings");
  }
  return out;
}

StageOptions& StageOptions::Child(std::string_view key) {
  Accept(key);
  YAML::Node n;
  if (Has(key)) n = node_[std::string(key)];
  auto child = std::make_unique<StageOptions>(n, where_ + "." + std::string(key));
  child->data_dir_ = data_dir_;
  children_.push_back(std::move(child));
  return *children_.back();
}

std::vector<std::string> StageOptions::Keys() const {
  std::vector<std::string> keys;
  if (!node_ || !node_.IsMap()) return keys;
  for (const auto& kv : node_) keys.push_back(kv.first.as<std::string>());
  return keys;
}

Status StageOptions::Finish() const {
  std::vector<std::string> errors = errors_;
  for (const std::string& key : Keys()) {
    if (std::find(used_.begin(), used_.end(), key) == used_.end()) {
      errors.push_back(where_ + ": unknown option " + Quote(key));
    }
  }
  for (const auto& child : children_) {
    Status st = child->Finish();
    if (!st.ok()) errors.push_back(st.message());
  }
  if (errors.empty()) return Status::Ok();
  std::string msg = errors.front();
  for (size_t i = 1; i < errors.size(); ++i) msg += "; " + errors[i];
  return Status::InvalidArgument(msg);
}

std::string DefaultDataDir() {
  if (const char* env = std::getenv("GHIRBAL_DATA_DIR"); env != nullptr && *env != '\0') return env;
  return GHIRBAL_DEFAULT_DATA_DIR;
}

}  // namespace ghirbal
