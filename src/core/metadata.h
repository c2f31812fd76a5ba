// Metadata: what stages learned about a document, as an ordered JSON object.
//
// Values are kept as serialized JSON text, so metadata read from an input file passes through
// untouched and cheaply, and stages add typed values with the setters. Keys keep their first
// insertion order (setting an existing key replaces its value in place), which keeps output
// bytes deterministic.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ghirbal {

class Metadata {
 public:
  using Entry = std::pair<std::string, std::string>;  // key, JSON value text

  void SetRaw(std::string_view key, std::string json);
  void SetString(std::string_view key, std::string_view value);
  void SetNumber(std::string_view key, double value);
  void SetInt(std::string_view key, int64_t value);
  void SetBool(std::string_view key, bool value);

  // The JSON text of `key`'s value, or nullptr. Valid until the next change to this object.
  const std::string* FindRaw(std::string_view key) const;
  // Decoded values; nullopt when absent or of another type.
  std::optional<std::string> GetString(std::string_view key) const;
  std::optional<double> GetNumber(std::string_view key) const;
  bool Contains(std::string_view key) const { return FindRaw(key) != nullptr; }
  bool Erase(std::string_view key);

  const std::vector<Entry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }
  void clear() { entries_.clear(); }

  // Appends the object as JSON: {"key":value,...}.
  void AppendJson(std::string* out) const;

 private:
  std::vector<Entry> entries_;
};

}  // namespace ghirbal
