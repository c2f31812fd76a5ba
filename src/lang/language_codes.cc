#include "lang/language_codes.h"

#include <unicode/uloc.h>

#include <cctype>
#include <map>
#include <string>
#include <vector>

namespace ghirbal {
namespace {

// ISO 639-3 (and 639-2/T) -> ISO 639-1, built once from ICU's table of 2-letter codes.
const std::map<std::string, std::string, std::less<>>& ThreeToTwo() {
  static const auto* table = [] {
    auto* m = new std::map<std::string, std::string, std::less<>>();
    for (const char* const* code = uloc_getISOLanguages(); *code != nullptr; ++code) {
      std::string two = *code;
      if (two.size() != 2) continue;
      std::string three = uloc_getISO3Language(two.c_str());
      if (three.size() == 3) m->emplace(three, two);
    }
    // 639-2/B codes still seen in the wild.
    const char* const kBibliographic[][2] = {
        {"alb", "sq"}, {"arm", "hy"}, {"baq", "eu"}, {"bur", "my"}, {"chi", "zh"}, {"cze", "cs"},
        {"dut", "nl"}, {"fre", "fr"}, {"geo", "ka"}, {"ger", "de"}, {"gre", "el"}, {"ice", "is"},
        {"mac", "mk"}, {"mao", "mi"}, {"may", "ms"}, {"per", "fa"}, {"rum", "ro"}, {"slo", "sk"},
        {"tib", "bo"}, {"wel", "cy"}};
    for (const auto& [b, two] : kBibliographic) m->emplace(b, two);
    return m;
  }();
  return *table;
}

// Individual languages -> the macrolanguage code corpora use, and deprecated codes.
const std::map<std::string, std::string, std::less<>>& Aliases() {
  static const auto* table = new std::map<std::string, std::string, std::less<>>{
      {"arb", "ar"}, {"pes", "fa"}, {"prs", "fa"}, {"pbu", "ps"}, {"pbt", "ps"}, {"pst", "ps"},
      {"azj", "az"}, {"cmn", "zh"}, {"zsm", "ms"}, {"ekk", "et"}, {"lvs", "lv"}, {"khk", "mn"},
      {"npi", "ne"}, {"ory", "or"}, {"swh", "sw"}, {"uzn", "uz"}, {"uzs", "uz"}, {"gaz", "om"},
      {"plt", "mg"}, {"als", "sq"}, {"ydd", "yi"}, {"kmr", "ku"}, {"fil", "tl"}, {"nob", "nb"},
      {"iw", "he"},  {"in", "id"},  {"ji", "yi"},  {"jw", "jv"},  {"mo", "ro"},  {"no", "nb"},
      {"nor", "nb"}, {"un", "und"}, {"unk", "und"}, {"xx", "und"}, {"zxx", "und"}};
  return *table;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool AllAlpha(std::string_view s) {
  for (char c : s) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

LanguageLabel CanonicalLanguage(std::string_view label) {
  constexpr std::string_view kPrefix = "__label__";
  if (label.substr(0, kPrefix.size()) == kPrefix) label.remove_prefix(kPrefix.size());
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= label.size(); ++i) {
    if (i == label.size() || label[i] == '-' || label[i] == '_') {
      parts.push_back(label.substr(start, i - start));
      start = i + 1;
    }
  }
  LanguageLabel out;
  std::string language = parts.empty() ? std::string() : Lower(parts[0]);
  if (language.size() < 2 || language.size() > 3 || !AllAlpha(language)) language = "und";
  const auto& aliases = Aliases();
  if (auto it = aliases.find(language); it != aliases.end()) language = it->second;
  if (language.size() == 3) {
    const auto& table = ThreeToTwo();
    if (auto it = table.find(language); it != table.end()) language = it->second;
  }
  out.language = language;
  for (size_t i = 1; i < parts.size(); ++i) {
    std::string_view part = parts[i];
    if (part.size() == 4 && AllAlpha(part) && out.script.empty()) {
      out.script = Lower(part);
      out.script[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out.script[0])));
    } else if (part.size() == 2 && out.language == "zh" && out.script.empty()) {
      std::string region = Lower(part);
      if (region == "tw" || region == "hk" || region == "mo") out.script = "Hant";
      if (region == "cn" || region == "sg") out.script = "Hans";
    }
  }
  if (out.language == "und") out.script.clear();
  return out;
}

}  // namespace ghirbal
