#include "core/metadata.h"

#include "core/json.h"

namespace ghirbal {

void Metadata::SetRaw(std::string_view key, std::string json) {
  for (auto& [k, v] : entries_) {
    if (k == key) {
      v = std::move(json);
      return;
    }
  }
  entries_.emplace_back(std::string(key), std::move(json));
}

void Metadata::SetString(std::string_view key, std::string_view value) {
  SetRaw(key, JsonString(value));
}

void Metadata::SetNumber(std::string_view key, double value) {
  std::string s;
  AppendJsonNumber(&s, value);
  SetRaw(key, std::move(s));
}

void Metadata::SetInt(std::string_view key, int64_t value) {
  std::string s;
  AppendJsonInt(&s, value);
  SetRaw(key, std::move(s));
}

void Metadata::SetBool(std::string_view key, bool value) { SetRaw(key, value ? "true" : "false"); }

const std::string* Metadata::FindRaw(std::string_view key) const {
  for (const auto& [k, v] : entries_) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::optional<std::string> Metadata::GetString(std::string_view key) const {
  const std::string* raw = FindRaw(key);
  if (raw == nullptr) return std::nullopt;
  return ParseJsonString(*raw);
}

std::optional<double> Metadata::GetNumber(std::string_view key) const {
  const std::string* raw = FindRaw(key);
  if (raw == nullptr) return std::nullopt;
  return ParseJsonNumber(*raw);
}

bool Metadata::Erase(std::string_view key) {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->first == key) {
      entries_.erase(it);
      return true;
    }
  }
  return false;
}

void Metadata::AppendJson(std::string* out) const {
  out->push_back('{');
  bool first = true;
  for (const auto& [k, v] : entries_) {
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(out, k);
    out->push_back(':');
    out->append(v);
  }
  out->push_back('}');
}

}  // namespace ghirbal
