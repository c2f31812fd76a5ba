#include "lang/lang_eval.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/json.h"
#include "lang/language_codes.h"
#include "text/script.h"

namespace ghirbal {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '\t') {
      out.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

struct Sample {
  std::string expected;
  std::string script;
  std::string predicted;
};

}  // namespace

bool IsStandardVariety(std::string_view variant, std::string_view iso639_3,
                       std::string_view bcp47) {
  std::string_view id = variant.substr(0, variant.find('_'));
  while (!id.empty() && id.back() >= '0' && id.back() <= '9') id.remove_suffix(1);
  if (id.empty()) return false;  // a number: the package could not name the variety
  std::string language = CanonicalLanguage(iso639_3).language;
  return language != "und" && CanonicalLanguage(id).language == language &&
         CanonicalLanguage(bcp47).language == language;
}

std::vector<std::string> CutForEvaluation(std::string_view text, const LangEvalOptions& cut) {
  std::vector<std::string> pieces;
  if (CodePoints(text) < cut.min_chars) return pieces;
  if (cut.chunk_chars == 0) {
    pieces.emplace_back(text);
    return pieces;
  }
  size_t start = 0;
  size_t count = 0;  // code points since start
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;
    bool at_space = c == ' ';
    if ((at_space && count >= cut.chunk_chars) || count >= 2 * cut.chunk_chars) {
      pieces.emplace_back(text.substr(start, i - start));
      start = at_space ? i + 1 : i;
      count = at_space ? 0 : 1;
      continue;
    }
    ++count;
  }
  std::string_view rest = text.substr(std::min(start, text.size()));
  if (!rest.empty()) {
    if (CodePoints(rest) >= cut.min_chars || pieces.empty()) {
      pieces.emplace_back(rest);
    } else {
      pieces.back().push_back(' ');
      pieces.back().append(rest);
    }
  }
  return pieces;
}

const LangEvalLanguage* LangEvalReport::Find(std::string_view language) const {
  for (const LangEvalLanguage& l : languages) {
    if (l.language == language) return &l;
  }
  return nullptr;
}

Result<LangEvalReport> EvaluateLanguageId(const std::string& tsv_path,
                                          const LangIdOptions& options,
                                          const LangEvalOptions& cut) {
  std::ifstream in(tsv_path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + tsv_path);
  Result<std::unique_ptr<LanguageIdentifier>> identifier = LanguageIdentifier::Create(options);
  if (!identifier.ok()) return identifier.status();

  std::string line;
  if (!std::getline(in, line)) return Status::InvalidArgument(tsv_path + ": empty file");
  std::vector<std::string_view> header = SplitTabs(line);
  int label_col = -1, text_col = -1, variant_col = -1, iso_col = -1;
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "bcp47") label_col = static_cast<int>(i);
    if (header[i] == "text") text_col = static_cast<int>(i);
    if (header[i] == "variant") variant_col = static_cast<int>(i);
    if (header[i] == "iso639_3") iso_col = static_cast<int>(i);
  }
  const bool check_variety = cut.standard_varieties_only && variant_col >= 0 && iso_col >= 0;
  const int last_col = std::max({label_col, text_col, variant_col, iso_col});
  if (label_col < 0 || text_col < 0) {
    return Status::InvalidArgument(tsv_path + ": header needs columns 'bcp47' and 'text'");
  }
  std::vector<Sample> samples;
  std::set<std::pair<std::string, std::string>> named;  // (language, script) predicted
  int64_t line_no = 1;
  int64_t other_varieties = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string_view> cols = SplitTabs(line);
    if (static_cast<int>(cols.size()) <= last_col) {
      return Status::Corruption(tsv_path + ":" + std::to_string(line_no) + ": missing columns");
    }
    if (check_variety &&
        !IsStandardVariety(cols[variant_col], cols[iso_col], cols[label_col])) {
      other_varieties += static_cast<int64_t>(CutForEvaluation(cols[text_col], cut).size());
      continue;
    }
    std::string expected = CanonicalLanguage(cols[label_col]).language;
    for (const std::string& piece : CutForEvaluation(cols[text_col], cut)) {
      LangResult r = (*identifier)->Identify(piece);
      std::string script = DetectScript(piece).script;
      named.emplace(r.language, script);
      samples.push_back({expected, std::move(script), std::move(r.language)});
    }
  }

  LangEvalReport report;
  report.model = std::string((*identifier)->model_name());
  report.cut = cut;
  report.other_varieties = other_varieties;
  std::map<std::string, std::string> group_of;  // language -> first member of its group
  for (const std::vector<std::string>& group : cut.same_language) {
    for (const std::string& member : group) group_of[member] = group.front();
  }
  auto group = [&](const std::string& language) {
    auto it = group_of.find(language);
    return it == group_of.end() ? language : it->second;
  };
  std::map<std::string, LangEvalLanguage> per_language;
  std::map<std::string, std::map<std::string, int64_t>> errors;
  std::map<std::string, int64_t> not_evaluated;
  for (const Sample& s : samples) {
    ++report.texts;
    if (named.count({s.expected, s.script}) == 0) {
      ++not_evaluated[s.expected + "/" + s.script];
      continue;
    }
    ++report.evaluated;
    LangEvalLanguage& l = per_language[s.expected];
    l.language = s.expected;
    ++l.texts;
    if (group(s.predicted) == group(s.expected)) {
      ++l.correct;
      ++report.correct;
    } else {
      ++errors[s.expected][s.predicted];
    }
  }
  for (auto& [language, l] : per_language) {
    for (const auto& e : errors[language]) l.errors.push_back(e);
    std::stable_sort(l.errors.begin(), l.errors.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    report.languages.push_back(std::move(l));
  }
  report.not_evaluated.assign(not_evaluated.begin(), not_evaluated.end());
  return report;
}

std::string LangEvalReport::ToText() const {
  std::ostringstream out;
  char buf[128];
  out << "model: " << model << "\n";
  out << "texts: " << texts;
  if (cut.chunk_chars == 0) {
    out << " (whole rows";
  } else {
    out << " (pieces of >= " << cut.chunk_chars << " characters cut at spaces";
  }
  out << "; under " << cut.min_chars << " characters skipped)\n";
  if (cut.standard_varieties_only) {
    out << "left out: " << other_varieties
        << " texts of varieties other than their language's standard one\n";
  }
  for (const std::vector<std::string>& group : cut.same_language) {
    out << "counted as one language:";
    for (const std::string& member : group) out << " " << member;
    out << "\n";
  }
  std::snprintf(buf, sizeof(buf), "accuracy: %.4f (%lld of %lld texts in %zu languages)\n",
                accuracy(), static_cast<long long>(correct), static_cast<long long>(evaluated),
                languages.size());
  out << buf;
  out << "per language: accuracy texts [errors]\n";
  for (const LangEvalLanguage& l : languages) {
    std::snprintf(buf, sizeof(buf), "  %-4s %.4f %5lld", l.language.c_str(), l.accuracy(),
                  static_cast<long long>(l.texts));
    out << buf;
    for (const auto& [predicted, n] : l.errors) out << " " << predicted << ":" << n;
    out << "\n";
  }
  out << "not evaluated (language/script the model never names):";
  for (const auto& [pair, n] : not_evaluated) out << " " << pair << ":" << n;
  out << "\n";
  return out.str();
}

std::string LangEvalReport::ToJson() const {
  JsonBuilder b;
  b.BeginObject();
  b.Key("model").String(model);
  b.Key("chunk_chars").Int(static_cast<int64_t>(cut.chunk_chars));
  b.Key("min_chars").Int(static_cast<int64_t>(cut.min_chars));
  b.Key("other_varieties").Int(other_varieties);
  b.Key("texts").Int(texts).Key("evaluated").Int(evaluated).Key("correct").Int(correct);
  b.Key("accuracy").Number(accuracy());
  b.Key("languages").BeginArray();
  for (const LangEvalLanguage& l : languages) {
    b.BeginObject().Key("language").String(l.language).Key("texts").Int(l.texts);
    b.Key("correct").Int(l.correct).Key("accuracy").Number(l.accuracy());
    b.Key("errors").BeginObject();
    for (const auto& [predicted, n] : l.errors) b.Key(predicted).Int(n);
    b.EndObject().EndObject();
  }
  b.EndArray();
  b.Key("not_evaluated").BeginObject();
  for (const auto& [pair, n] : not_evaluated) b.Key(pair).Int(n);
  b.EndObject();
  b.EndObject();
  return b.Take();
}

}  // namespace ghirbal
