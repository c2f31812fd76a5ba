// Stage `langid`: language identification of every document (see docs/langid.md).
//
// Writes metadata.language, metadata.script, metadata.language_score and
// metadata.language_candidates ([{"language":"ar","score":0.97},...]). Reads
// metadata.declared_language (set by the extractor) as a hint. Rejects with
// language_not_allowed (value: the language) when `languages` is set and does not contain the
// language, and with language_low_score (value: the score) when the score is below the
// language's minimum (language_min_score.<code>, else min_score).
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/json.h"
#include "core/stage.h"
#include "core/stage_registry.h"
#include "lang/language_codes.h"
#include "lang/language_identifier.h"

namespace ghirbal {
namespace {

double Round4(double x) { return std::round(x * 10000.0) / 10000.0; }

struct LangFilter {
  std::vector<std::string> languages;  // empty = every language
  double min_score = 0;
  std::map<std::string, double, std::less<>> language_min_score;
};

class LangIdStage final : public DocumentStage {
 public:
  LangIdStage(std::unique_ptr<LanguageIdentifier> identifier, LangFilter filter)
      : identifier_(std::move(identifier)), filter_(std::move(filter)) {}
  std::string_view Name() const override { return "langid"; }

  void ProcessDocument(Document& doc, StageState*) const override {
    std::optional<std::string> declared = doc.metadata.GetString("declared_language");
    LangHints hints;
    if (declared) hints.declared_language = *declared;
    LangResult r = identifier_->Identify(doc.text, hints);
    doc.metadata.SetString("language", r.language);
    doc.metadata.SetString("script", r.script);
    doc.metadata.SetNumber("language_score", Round4(r.score));
    JsonBuilder b;
    b.BeginArray();
    for (const LangCandidate& c : r.candidates) {
      b.BeginObject().Key("language").String(c.language).Key("score").Number(Round4(c.score));
      b.EndObject();
    }
    b.EndArray();
    doc.metadata.SetRaw("language_candidates", b.Take());

    if (!filter_.languages.empty() &&
        std::find(filter_.languages.begin(), filter_.languages.end(), r.language) ==
            filter_.languages.end()) {
      doc.Reject("langid", "language_not_allowed", JsonString(r.language));
      return;
    }
    double min_score = filter_.min_score;
    if (auto it = filter_.language_min_score.find(r.language);
        it != filter_.language_min_score.end()) {
      min_score = it->second;
    }
    if (r.score < min_score) {
      std::string value;
      AppendJsonNumber(&value, Round4(r.score));
      doc.Reject("langid", "language_low_score", value);
    }
  }

 private:
  std::unique_ptr<LanguageIdentifier> identifier_;
  LangFilter filter_;
};

Result<BuiltStage> MakeLangIdStage(StageOptions& options) {
  LangIdOptions id;
  id.model = options.GetString("model", "");
  id.max_bytes = static_cast<size_t>(std::max<int64_t>(0, options.GetInt("max_bytes", static_cast<int64_t>(id.max_bytes))));
  id.first_pass_bytes = static_cast<size_t>(std::max<int64_t>(
      0, options.GetInt("first_pass_bytes", static_cast<int64_t>(id.first_pass_bytes))));
  id.script_shortcut = options.GetBool("script_shortcut", true);
  id.arabic_rules = options.GetBool("arabic_rules", true);
  id.spelling_rules = options.GetBool("spelling_rules", true);
  id.hint_threshold = options.GetDouble("hint_threshold", id.hint_threshold);
  id.candidates = static_cast<int>(options.GetInt("candidates", id.candidates));
  LangFilter filter;
  // Codes in the configuration are canonicalized like the model's ("arb" and "ar" both work).
  for (const std::string& lang : options.GetStringList("languages")) {
    filter.languages.push_back(CanonicalLanguage(lang).language);
  }
  filter.min_score = options.GetDouble("min_score", 0.0);
  StageOptions& per_language = options.Child("language_min_score");
  for (const std::string& key : per_language.Keys()) {
    filter.language_min_score[CanonicalLanguage(key).language] = per_language.GetDouble(key, 0.0);
  }
  GHIRBAL_RETURN_IF_ERROR(options.Finish());
  Result<std::unique_ptr<LanguageIdentifier>> identifier = LanguageIdentifier::Create(id);
  if (!identifier.ok()) return identifier.status();
  BuiltStage built;
  built.stage = std::make_unique<LangIdStage>(std::move(identifier).value(), std::move(filter));
  return built;
}

}  // namespace

GHIRBAL_REGISTER_STAGE("langid",
                       "language and script identification (CLD2 or fastText, Arabic-script "
                       "letter rules); keeps chosen languages",
                       MakeLangIdStage);

}  // namespace ghirbal
