#include "filter/quality_params.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include <yaml-cpp/yaml.h>

#include "filter/text_hash.h"

namespace ghirbal {
namespace {

// Reads one threshold when present: a number, or off/false/none (a negative number also
// turns the rule off).
void ReadThreshold(StageOptions& o, std::string_view key, Threshold* t,
                   std::vector<std::string>* errors) {
  if (!o.Has(key)) {
    o.Accept(key);
    return;
  }
  std::string s = o.GetString(key, "");
  if (s == "off" || s == "false" || s == "none" || s == "null") {
    t->reset();
    return;
  }
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end == nullptr || *end != '\0') {
    errors->push_back("'" + std::string(key) + "' must be a number or off, got '" + s + "'");
    return;
  }
  if (v < 0) {
    t->reset();
  } else {
    *t = v;
  }
}

void ReadBool(StageOptions& o, std::string_view key, bool* b) { *b = o.GetBool(key, *b); }

void ApplyGopherQuality(StageOptions& o, GopherQualityParams* p, std::vector<std::string>* e) {
  ReadBool(o, "enabled", &p->enabled);
  ReadThreshold(o, "min_words", &p->min_words, e);
  ReadThreshold(o, "max_words", &p->max_words, e);
  ReadThreshold(o, "min_avg_word_length", &p->min_avg_word_length, e);
  ReadThreshold(o, "max_avg_word_length", &p->max_avg_word_length, e);
  ReadThreshold(o, "max_symbol_word_ratio", &p->max_symbol_word_ratio, e);
  ReadThreshold(o, "max_bullet_lines_ratio", &p->max_bullet_lines_ratio, e);
  ReadThreshold(o, "max_ellipsis_lines_ratio", &p->max_ellipsis_lines_ratio, e);
  ReadThreshold(o, "min_alpha_words_ratio", &p->min_alpha_words_ratio, e);
  ReadThreshold(o, "min_stop_words", &p->min_stop_words, e);
  if (o.Has("stop_words")) {
    p->SetStopWords(o.GetStringList("stop_words"));
  } else {
    o.Accept("stop_words");
  }
}

void ApplyGopherRepetition(StageOptions& o, GopherRepetitionParams* p,
                           std::vector<std::string>* e) {
  ReadBool(o, "enabled", &p->enabled);
  ReadThreshold(o, "dup_line_frac", &p->dup_line_frac, e);
  ReadThreshold(o, "dup_para_frac", &p->dup_para_frac, e);
  ReadThreshold(o, "dup_line_char_frac", &p->dup_line_char_frac, e);
  ReadThreshold(o, "dup_para_char_frac", &p->dup_para_char_frac, e);
  for (int n = 2; n <= 4; ++n) {
    ReadThreshold(o, "top_" + std::to_string(n) + "gram_frac", &p->top_ngram_frac[n - 2], e);
  }
  for (int n = 5; n <= 10; ++n) {
    ReadThreshold(o, "dup_" + std::to_string(n) + "gram_frac", &p->dup_ngram_frac[n - 5], e);
  }
}

void ApplyC4(StageOptions& o, C4Params* p, std::vector<std::string>* e) {
  ReadBool(o, "enabled", &p->enabled);
  ReadBool(o, "remove_citations", &p->remove_citations);
  ReadBool(o, "filter_no_terminal_punct", &p->filter_no_terminal_punct);
  ReadBool(o, "filter_lorem_ipsum", &p->filter_lorem_ipsum);
  ReadBool(o, "filter_javascript", &p->filter_javascript);
  ReadBool(o, "filter_curly_bracket", &p->filter_curly_bracket);
  ReadBool(o, "filter_policy", &p->filter_policy);
  ReadThreshold(o, "min_sentences", &p->min_sentences, e);
  ReadThreshold(o, "min_words_per_line", &p->min_words_per_line, e);
  ReadThreshold(o, "max_word_length", &p->max_word_length, e);
}

void ApplyFineWeb(StageOptions& o, FineWebParams* p, std::vector<std::string>* e) {
  ReadBool(o, "enabled", &p->enabled);
  ReadThreshold(o, "line_punct_thr", &p->line_punct_thr, e);
  ReadBool(o, "line_punct_exclude_zero", &p->line_punct_exclude_zero);
  ReadThreshold(o, "short_line_thr", &p->short_line_thr, e);
  p->short_line_length = o.GetInt("short_line_length", p->short_line_length);
  ReadThreshold(o, "char_duplicates_ratio", &p->char_duplicates_ratio, e);
  ReadThreshold(o, "new_line_ratio", &p->new_line_ratio, e);
}

// The primary subtag of a BCP 47 tag: "zh-Hant" -> "zh".
std::string_view PrimarySubtag(std::string_view tag) {
  size_t cut = tag.find_first_of("-_");
  return cut == std::string_view::npos ? tag : tag.substr(0, cut);
}

}  // namespace

void GopherQualityParams::SetStopWords(const std::vector<std::string>& words) {
  stop_word_hashes.clear();
  for (const std::string& w : words) stop_word_hashes.push_back(HashText(w));
  std::sort(stop_word_hashes.begin(), stop_word_hashes.end());
  stop_word_hashes.erase(std::unique(stop_word_hashes.begin(), stop_word_hashes.end()),
                         stop_word_hashes.end());
  stop_word_slots.clear();
  stop_word_hash_zero = false;
  if (stop_word_hashes.empty()) return;
  size_t size = 16;
  while (size < 4 * stop_word_hashes.size()) size <<= 1;
  stop_word_slots.assign(size, 0);
  for (uint64_t h : stop_word_hashes) {
    if (h == 0) {
      stop_word_hash_zero = true;
      continue;
    }
    size_t i = h & (size - 1);
    while (stop_word_slots[i] != 0) i = (i + 1) & (size - 1);
    stop_word_slots[i] = h;
  }
}

bool GopherQualityParams::IsStopWord(std::string_view word) const {
  return IsStopWord(HashText(word));
}

QualityParams FineWebProfile() {
  QualityParams p;
  p.gopher_quality.SetStopWords({"the", "be", "to", "of", "and", "that", "have", "with"});
  p.c4.filter_no_terminal_punct = false;
  return p;
}

QualityParams FineWeb2Profile() {
  QualityParams p;
  p.c4.enabled = false;
  p.gopher_repetition.dup_para_frac.reset();
  p.gopher_repetition.dup_para_char_frac.reset();
  p.gopher_repetition.dup_line_char_frac.reset();
  p.fineweb.short_line_thr.reset();
  p.fineweb.char_duplicates_ratio = 0.1;
  return p;
}

Status ApplyQualityOptions(StageOptions& options, QualityParams* params) {
  std::vector<std::string> errors;
  ApplyGopherQuality(options.Child("gopher_quality"), &params->gopher_quality, &errors);
  ApplyGopherRepetition(options.Child("gopher_repetition"), &params->gopher_repetition, &errors);
  ApplyC4(options.Child("c4"), &params->c4, &errors);
  ApplyFineWeb(options.Child("fineweb"), &params->fineweb, &errors);
  if (params->fineweb.short_line_length < 0) errors.push_back("'short_line_length' must be >= 0");
  if (errors.empty()) return Status::Ok();
  std::string msg = errors.front();
  for (size_t i = 1; i < errors.size(); ++i) msg += "; " + errors[i];
  return Status::InvalidArgument(msg);
}

Result<QualityConfig> QualityConfig::Create(StageOptions& options) {
  QualityConfig config;
  // Language data files, by name: data/filter/languages/<tag>.yaml.
  std::map<std::string, std::string> files;
  std::filesystem::path dir = std::filesystem::path(options.data_dir()) / "filter" / "languages";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".yaml") files[entry.path().stem().string()] = entry.path();
  }
  StageOptions& per_language = options.Child("languages");
  std::vector<std::string> tags = per_language.Keys();
  for (const auto& [tag, path] : files) tags.push_back(tag);
  tags.push_back("en");
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());

  auto resolve = [&](const std::string& tag, QualityParams* p) -> Status {
    *p = (tag == "en" || tag == "und") ? FineWebProfile() : FineWeb2Profile();
    if (auto it = files.find(tag); it != files.end()) {
      YAML::Node node;
      try {
        node = YAML::LoadFile(it->second);
      } catch (const YAML::Exception& e) {
        return Status::InvalidArgument(it->second + ": " + e.what());
      }
      StageOptions file_options(node, it->second);
      GHIRBAL_RETURN_IF_ERROR(ApplyQualityOptions(file_options, p));
      GHIRBAL_RETURN_IF_ERROR(file_options.Finish());
    }
    GHIRBAL_RETURN_IF_ERROR(ApplyQualityOptions(options, p));
    if (per_language.Has(tag)) {
      GHIRBAL_RETURN_IF_ERROR(ApplyQualityOptions(per_language.Child(tag), p));
    }
    return Status::Ok();
  };
  for (const std::string& tag : tags) {
    QualityParams p;
    GHIRBAL_RETURN_IF_ERROR(resolve(tag, &p));
    config.by_language_.emplace(tag, std::move(p));
  }
  GHIRBAL_RETURN_IF_ERROR(resolve("und", &config.undetermined_));
  config.generic_ = FineWeb2Profile();
  GHIRBAL_RETURN_IF_ERROR(ApplyQualityOptions(options, &config.generic_));
  return config;
}

const QualityParams& QualityConfig::For(std::string_view language) const {
  if (language.empty() || language == "und") return undetermined_;
  if (auto it = by_language_.find(language); it != by_language_.end()) return it->second;
  if (auto it = by_language_.find(PrimarySubtag(language)); it != by_language_.end()) {
    return it->second;
  }
  return generic_;
}

}  // namespace ghirbal
