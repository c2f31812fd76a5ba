// LanguageIdentifier: text -> language, script, score and candidates.
//
//   LangIdOptions options;                       // CLD2 with full tables by default
//   auto id = LanguageIdentifier::Create(options);
//   LangResult r = (*id)->Identify(text, {.declared_language = "ar"});
//   // r.language == "ar", r.script == "Arab", r.score == 0.97, r.candidates = {{"ar", 0.97}}
//
// Steps: (1) texts longer than max_bytes are sampled (the first half of the budget from the
// start, the second half from the middle, cut at code point boundaries); (2) the script is
// counted on the sample; with no letters at all the answer is "und", score 0, no model call; a
// script that names one language (Greek, Thai, Hangul...) gives the answer without the model;
// (3) the model (CLD2 or a fastText file) predicts, on a first_pass_bytes part of the sample
// first and on the rest too when unsure; labels are mapped by CanonicalLanguage; (4) for
// Arabic-script text, the letter rules of lang/arabic_script.h correct the model's pick among
// Arabic, Persian, Urdu, Pashto, Sorani, Uyghur, Sindhi and South Azerbaijani, and for other
// text the spelling rules of lang/close_languages.h its pick among close languages (Bosnian,
// Croatian, Serbian, Macedonian; English, Scots, Interlingua; Kinyarwanda, Kirundi;
// Indonesian, Malay); (5) hints: when the model is unsure (score below hint_threshold) and the
// page's declared language is one of the candidates, it is promoted to first place. A hint
// never overrides a confident model or the letter and spelling rules, and never invents a
// language the model did not propose.
//
// Thread-safety: Identify is const and may be called from many threads on one identifier.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "lang/language_model.h"

namespace ghirbal {

struct LangIdOptions {
  // fastText model file (lid.176, OpenLID, GlotLID, ...); empty = CLD2 with full tables.
  std::string model;
  // Bytes of a long text given to the model and the letter counts (first half + middle half).
  // CLD2's answer settles within a few hundred words, and its cost grows with the bytes it
  // reads: 2 KB (300+ Latin-script words, 180+ Arabic ones) was right on 167 4 KB UDHR pages
  // where the whole text was right on 168 (docs/langid.md), at twice the speed.
  size_t max_bytes = 2048;
  // Two steps for long texts: the model first reads this many bytes of the sample (from its
  // start and middle) and reads the rest of the sample only when that first answer is unsure
  // (score below 0.9: CLD2 unreliable, or under 90% of the text in its first language); the two
  // answers are then weighed by their bytes. 0 = one step. Used when the sample is over 1.5x
  // this size. The model's cost grows with the bytes it reads, and 1 KB settles most pages.
  size_t first_pass_bytes = 1024;
  // A text of 20+ letters, 90%+ of them in a script that names one language (Greek, Georgian,
  // Armenian, Hangul, kana, Thai, Lao, Khmer, Gujarati, Gurmukhi, Oriya, Tamil, Telugu, Kannada,
  // Malayalam, Sinhala, Myanmar, Thaana, Cherokee, Syriac; Hebrew without Yiddish letters) is
  // named by its script, score = that share of its letters, without calling the model. Scripts
  // shared by several languages (Latin, Cyrillic, Arabic, Han, Devanagari, Bengali, Ethiopic,
  // Tibetan...) always go to the model.
  bool script_shortcut = true;
  // Letter-based separation of Arabic-script languages (lang/arabic_script.h).
  bool arabic_rules = true;
  // Spelling-based separation of close languages the model confuses: bs/hr/sr, sr/mk, en/sco/ia,
  // rw/rn, id/ms (lang/close_languages.h).
  bool spelling_rules = true;
  // Below this score the model counts as unsure and a declared language among the candidates
  // wins.
  double hint_threshold = 0.5;
  int candidates = 3;  // how many candidates to report (1..10)
};

struct LangHints {
  std::string_view declared_language;  // the page's own tag (html lang, Content-Language)
};

struct LangCandidate {
  std::string language;
  double score = 0;
};

struct LangResult {
  std::string language = "und";  // ISO 639-1, else 639-3; "und" when unknown
  std::string script = "Zyyy";   // ISO 15924 of the text's letters; "Zyyy" when none
  double score = 0;              // 0..1
  std::vector<LangCandidate> candidates;  // best first, distinct languages, at most `candidates`
  bool hint_used = false;                 // the declared language decided
  bool letters_used = false;  // the Arabic-script letter or close-language spelling rules
                              // changed the label
};

class LanguageIdentifier {
 public:
  // Loads the model. Errors: unreadable or invalid fastText file, bad option values.
  static Result<std::unique_ptr<LanguageIdentifier>> Create(const LangIdOptions& options);

  // Identifies `text` (any bytes: ill-formed UTF-8 is repaired for the model). Never fails.
  LangResult Identify(std::string_view text, const LangHints& hints = {}) const;

  const LangIdOptions& options() const { return options_; }
  std::string_view model_name() const { return model_->name(); }

 private:
  LanguageIdentifier(LangIdOptions options, std::unique_ptr<LanguageModel> model)
      : options_(std::move(options)), model_(std::move(model)) {}

  LangIdOptions options_;
  std::unique_ptr<LanguageModel> model_;
};

// The part of `text` given to the model when it is longer than `max_bytes`: the first half of
// the budget and the half around the middle, each cut at code point boundaries.
std::string SampleForLanguageId(std::string_view text, size_t max_bytes);

}  // namespace ghirbal
