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

// The one language written in `script` (ISO 15924, as DetectScript reports it), or "" when the
// script is shared by several languages the model may name.
std::string_view LanguageOfScript(std::string_view script) {
  static constexpr std::pair<std::string_view, std::string_view> kOneLanguage[] = {
      {"Grek", "el"}, {"Geor", "ka"}, {"Armn", "hy"}, {"Kore", "ko"},  {"Jpan", "ja"},
      {"Thai", "th"}, {"Laoo", "lo"}, {"Khmr", "km"}, {"Gujr", "gu"},  {"Guru", "pa"},
      {"Orya", "or"}, {"Taml", "ta"}, {"Telu", "te"}, {"Knda", "kn"},  {"Mlym", "ml"},
      {"Sinh", "si"}, {"Mymr", "my"}, {"Thaa", "dv"}, {"Cher", "chr"}, {"Syrc", "syr"},
      {"Hebr", "he"},
  };
  for (const auto& [code, language] : kOneLanguage) {
    if (code == script) return language;
  }
  return {};
}

// Han is shared: DetectScript reports "Jpan" or "Kore" as soon as one kana or Hangul letter
// is among Han letters, so the shortcut also wants kana (Hangul) to be a real part of them, as
// in Japanese (Korean) text, where they are most of the letters. Hebrew letters also write
// Yiddish, which has its own letters and points (װ ױ ײ, אַ אָ פֿ, patah, qamats, rafe).
bool ScriptShortcutSafe(std::string_view script, std::string_view text) {
  if (script == "Hebr") {
    for (std::string_view yiddish : {"\xD7\xB0", "\xD7\xB1", "\xD7\xB2", "\xD6\xB7", "\xD6\xB8",
                                     "\xD6\xBF", "\xEF\xAC\xAE", "\xEF\xAC\xAF", "\xEF\xAD\x8E"}) {
      if (text.find(yiddish) != std::string_view::npos) return false;
    }
    return true;
  }
  if (script != "Jpan" && script != "Kore") return true;
  int64_t han = 0, own = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t c;
    size_t len = DecodeUtf8(text.data() + i, text.size() - i, &c);
    if (len == 0) len = 1;
    i += len;
    if (c < 0x1100) continue;
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) {
      ++han;
    } else if (script == "Jpan" ? (c >= 0x3040 && c <= 0x30FF)
                                : ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) ||
                                   (c >= 0x3130 && c <= 0x318F))) {
      ++own;
    }
  }
  return own * 5 >= han + own;  // 20%+ of the letters kana (Hangul)
}

// Cuts `sample` into the part a first step reads (`first_bytes`, taken like
// SampleForLanguageId: from the start and around the middle) and the rest; each is valid UTF-8
// when `sample` is.
void SplitSample(std::string_view sample, size_t first_bytes, std::string* first,
                 std::string* rest) {
  size_t half = first_bytes / 2;
  size_t head_end = CodePointStart(sample, half);
  size_t mid_start = CodePointStart(sample, sample.size() / 2 - half / 2);
  size_t mid_end = CodePointStart(sample, mid_start + (first_bytes - half));
  first->assign(sample.substr(0, head_end));
  first->push_back('\n');
  first->append(sample.substr(mid_start, mid_end - mid_start));
  rest->assign(sample.substr(head_end, mid_start - head_end));
  rest->push_back('\n');
  rest->append(sample.substr(mid_end));
}

// The answers for two parts of a text, as one answer for the whole: each label's score is the
// byte-weighted mean of its scores (0 where a part did not name it), best first, k at most.
std::vector<RawPrediction> MergePredictions(const std::vector<RawPrediction>& a, size_t a_bytes,
                                            const std::vector<RawPrediction>& b, size_t b_bytes,
                                            int k) {
  std::vector<RawPrediction> merged;
  const double total = static_cast<double>(a_bytes + b_bytes);
  auto add = [&](const std::vector<RawPrediction>& part, size_t bytes) {
    for (const RawPrediction& p : part) {
      auto it = std::find_if(merged.begin(), merged.end(),
                             [&](const RawPrediction& m) { return m.label == p.label; });
      if (it == merged.end()) it = merged.insert(merged.end(), {p.label, 0});
      it->score += p.score * static_cast<double>(bytes) / total;
    }
  };
  add(a, a_bytes);
  add(b, b_bytes);
  std::stable_sort(merged.begin(), merged.end(),
                   [](const RawPrediction& x, const RawPrediction& y) { return x.score > y.score; });
  if (static_cast<int>(merged.size()) > k) merged.resize(k);
  return merged;
}

constexpr double kScriptShortcutShare = 0.9;
constexpr int64_t kScriptShortcutLetters = 20;
// A first-pass answer at or above this score is final.
constexpr double kFirstPassSure = 0.9;

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
  if (options.first_pass_bytes != 0 && options.first_pass_bytes < 64) {
    return Status::InvalidArgument("langid first_pass_bytes must be 0 or at least 64");
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

  if (options_.script_shortcut && script.letters >= kScriptShortcutLetters &&
      script.share >= kScriptShortcutShare) {
    std::string_view language = LanguageOfScript(script.script);
    if (!language.empty() && ScriptShortcutSafe(script.script, sample)) {
      result.language = std::string(language);
      result.score = script.share;
      result.candidates.push_back({result.language, result.score});
      return result;
    }
  }

  // Ask for a few more than reported: the letter rules and label mapping may merge some.
  const int k = options_.candidates + 2;
  std::vector<RawPrediction> raw;
  // The first step pays only when it reads clearly less than the whole sample.
  if (options_.first_pass_bytes > 0 && sample.size() > options_.first_pass_bytes * 3 / 2) {
    std::string first, rest;
    SplitSample(sample, options_.first_pass_bytes, &first, &rest);
    raw = model_->Predict(first, k);
    if (raw.empty() || raw[0].score < kFirstPassSure) {
      // Unsure: read the rest too, and weigh both answers by the bytes each part had.
      raw = MergePredictions(raw, first.size(), model_->Predict(rest, k), rest.size(), k);
    }
  } else {
    raw = model_->Predict(sample, k);
  }
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
