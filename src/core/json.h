// Small, fast JSON text helpers for writing documents and metadata.
//
// Reading JSON Lines uses simdjson (io/jsonl_reader); these helpers cover what simdjson does not:
// producing JSON text, and decoding the few values stages read back from metadata.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ghirbal {

// Appends `s` as a quoted JSON string. Invalid UTF-8 sequences are replaced by U+FFFD, so the
// output is always valid UTF-8 JSON whatever the input bytes.
void AppendJsonString(std::string* out, std::string_view s);
std::string JsonString(std::string_view s);

// Appends a number the shortest way that round-trips; NaN and infinities become null.
void AppendJsonNumber(std::string* out, double value);
void AppendJsonInt(std::string* out, int64_t value);

// Decodes a JSON string literal (with its quotes). nullopt if `json` is not a valid string.
std::optional<std::string> ParseJsonString(std::string_view json);
// Decodes a JSON number. nullopt if `json` is not a number.
std::optional<double> ParseJsonNumber(std::string_view json);

// Builds a JSON object or array incrementally:
//   JsonBuilder b; b.BeginObject(); b.Key("stage"); b.String("filter"); b.EndObject();
// The caller is responsible for balanced Begin/End calls.
class JsonBuilder {
 public:
  JsonBuilder& BeginObject();
  JsonBuilder& EndObject();
  JsonBuilder& BeginArray();
  JsonBuilder& EndArray();
  JsonBuilder& Key(std::string_view key);
  JsonBuilder& String(std::string_view value);
  JsonBuilder& Number(double value);
  JsonBuilder& Int(int64_t value);
  JsonBuilder& Bool(bool value);
  JsonBuilder& Null();
  // Inserts already-serialized JSON.
  JsonBuilder& Raw(std::string_view json);

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Separate();
  std::string out_;
  bool need_comma_ = false;
};

}  // namespace ghirbal
