#include "lang/language_identifier.h"

#include <algorithm>
#include <utility>

#include "core/utf8.h"
#include "lang/arabic_script.h"
#include "lang/cld2_model.h"
#include "lang/close_languages.h"
#include "lang/fasttext_model.h"
#include "lang/language_codes.h"
#include "text/script.h"

namespace ghirbal {
namespace {

// Moves `pos` back to the start of the code point it falls in.
size_t CodePointStart(std::string_view s, size_t pos) {
  while (pos > 0 && pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

// Han text: CLD2 and GlotLID say which variant; default to Simplified.
std::string RefineScript(const std::string& text_script, const LanguageLabel& label) {
  if (text_script == "Hani") {
    if (label.script == "Hant" || label.script == "Hans") return label.script;
    return "Hans";
  }
  return text_script;
}

}  // namespace

std::string SampleForLanguageId(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t half = max_bytes / 2;
  size_t head_end = CodePointStart(text, half);
  size_t mid_start = CodePointStart(text, text.size() / 2 - half / 2);
  size_t mid_end = CodePointStart(text, mid_start + (max_bytes - half));
  std::string sample(text.substr(0, head_end));
  sample.push_back('\n');
  sample.append(text.substr(mid_start, mid_end - mid_start));
  return sample;
}

Result<std::unique_ptr<LanguageIdentifier>> LanguageIdentifier::Create(
    const LangIdOptions& options) {
  if (options.max_bytes < 64) {
    return Status::InvalidArgument("langid max_bytes must be at least 64");
  }
  if (options.candidates < 1 || options.candidates > 10) {
    return Status::InvalidArgument("langid candidates must be between 1 and 10");
  }
  std::unique_ptr<LanguageModel> model;
  if (options.model.empty()) {
    model = NewCld2Model();
  } else {
    Result<std::unique_ptr<LanguageModel>> loaded = LoadFastTextModel(options.model);
    if (!loaded.ok()) return loaded.status();
    model = std::move(loaded).value();
  }
  return std::unique_ptr<LanguageIdentifier>(new LanguageIdentifier(options, std::move(model)));
}

LangResult LanguageIdentifier::Identify(std::string_view text, const LangHints& hints) const {
  LangResult result;
  // The text itself when it fits the budget and is valid UTF-8 (the common case): no copy.
  std::string storage;
  std::string_view sample = text;
  if (text.size() > options_.max_bytes) {
    storage = SampleForLanguageId(text, options_.max_bytes);
    sample = storage;
  }
  if (!IsValidUtf8(sample)) {
    storage = ToValidUtf8(sample);
    sample = storage;
  }
  ScriptInfo script = DetectScript(sample, sample.size());
  if (script.letters == 0) return result;  // digits, punctuation, emoji: "und", score 0
  result.script = script.script;

  // Ask for a few more than reported: the letter rules and label mapping may merge some.
  std::vector<RawPrediction> raw = model_->Predict(sample, options_.candidates + 2);
  LanguageLabel top_label;
  for (const RawPrediction& p : raw) {
    LanguageLabel label = CanonicalLanguage(p.label);
    if (label.language == "und") continue;
    if (result.candidates.empty()) top_label = label;
    auto same = [&](const LangCandidate& c) { return c.language == label.language; };
    auto it = std::find_if(result.candidates.begin(), result.candidates.end(), same);
    if (it == result.candidates.end()) {
      result.candidates.push_back({label.language, p.score});
    } else {
      it->score += p.score;  // e.g. two fastText labels for one language
    }
  }
  if (result.candidates.empty()) return result;

  std::string decided = result.candidates[0].language;
  if (options_.arabic_rules && script.script == "Arab") {
    ArabicLetterProfile profile = ProfileArabicLetters(sample, sample.size());
    decided = DisambiguateArabicScript(profile, decided);
  } else if (options_.spelling_rules) {
    decided = DisambiguateCloseLanguages(sample, script.script, decided);
  }
  if (decided != result.candidates[0].language && decided != "und") {
    // The letters name the language; the model's confidence in the family stays.
    double score = result.candidates[0].score;
    std::erase_if(result.candidates, [&](const LangCandidate& c) { return c.language == decided; });
    result.candidates.insert(result.candidates.begin(), {decided, score});
    result.letters_used = true;
  }

  // The hint breaks a tie the model could not; it never overrides the letters.
  if (!hints.declared_language.empty() && !result.letters_used &&
      result.candidates[0].score < options_.hint_threshold) {
    std::string declared = CanonicalLanguage(hints.declared_language).language;
    for (size_t i = 1; i < result.candidates.size(); ++i) {
      if (result.candidates[i].language == declared) {
        std::rotate(result.candidates.begin(), result.candidates.begin() + i,
                    result.candidates.begin() + i + 1);
        result.hint_used = true;
        break;
      }
    }
  }
  if (static_cast<int>(result.candidates.size()) > options_.candidates) {
    result.candidates.resize(options_.candidates);
  }
  for (LangCandidate& c : result.candidates) c.score = std::min(1.0, std::max(0.0, c.score));
  result.language = result.candidates[0].language;
  result.score = result.candidates[0].score;
  result.script = RefineScript(script.script, top_label);
  return result;
}

}  // namespace ghirbal
