// LanguageModel: the statistical model behind the language identifier (CLD2 or fastText).
//
// A model is loaded once and shared read-only by every thread: Predict is const and
// thread-safe. Labels come back raw (the model's own spelling); LanguageIdentifier maps them
// with CanonicalLanguage and applies the letter rules and hints.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ghirbal {

struct RawPrediction {
  std::string label;  // as the model spells it: "zh-Hant", "__label__arb_Arab"
  double score = 0;   // 0..1
};

class LanguageModel {
 public:
  virtual ~LanguageModel() = default;
  // A short name for reports: "cld2-full", "fasttext:lid.176.bin".
  virtual std::string_view name() const = 0;
  // Up to `k` best labels for `text` (valid UTF-8), best first. An empty result means the model
  // has no opinion. Never throws.
  virtual std::vector<RawPrediction> Predict(std::string_view text, int k) const = 0;
};

}  // namespace ghirbal
