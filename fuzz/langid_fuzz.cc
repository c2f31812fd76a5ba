// Fuzz target for language identification (CLD2, script shortcut, two-step reading, Arabic
// letter rules and close-language spelling rules). Checks invariants, not only crashes: a label
// is always given, scores are in 0..1, candidates are distinct and at most as many as asked,
// the first candidate is the answer, and the spelling rules only ever answer with the model's
// pick or a language of its group.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "lang/close_languages.h"
#include "lang/language_identifier.h"

namespace {

const ghirbal::LanguageIdentifier& Identifier(bool small) {
  static const ghirbal::LanguageIdentifier* id[2] = {
      ghirbal::LanguageIdentifier::Create({})->release(),
      ghirbal::LanguageIdentifier::Create({.max_bytes = 256, .first_pass_bytes = 64})->release()};
  return *id[small];
}

void Check(const ghirbal::LangResult& r, int max_candidates) {
  if (r.language.empty() || r.script.empty()) std::abort();
  if (!(r.score >= 0 && r.score <= 1)) std::abort();
  if (static_cast<int>(r.candidates.size()) > max_candidates) std::abort();
  std::set<std::string> seen;
  for (const ghirbal::LangCandidate& c : r.candidates) {
    if (!(c.score >= 0 && c.score <= 1) || !seen.insert(c.language).second) std::abort();
  }
  if (!r.candidates.empty() && r.candidates[0].language != r.language) std::abort();
  if (r.candidates.empty() && r.language != "und") std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;  // bounded input, as the pipeline bounds documents
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool small : {false, true}) {
    const ghirbal::LanguageIdentifier& id = Identifier(small);
    Check(id.Identify(text, {.declared_language = "bs"}), id.options().candidates);
  }
  static const std::pair<std::string_view, std::set<std::string_view>> kGroups[] = {
      {"Latn", {"bs", "hr", "sr"}}, {"Cyrl", {"sr", "mk"}}, {"Latn", {"en", "sco", "ia"}},
      {"Latn", {"rw", "rn"}},       {"Latn", {"id", "ms"}}};
  for (const auto& [script, group] : kGroups) {
    for (std::string_view model : group) {
      std::string answer = ghirbal::DisambiguateCloseLanguages(text, script, model);
      if (answer != model && !group.contains(answer)) std::abort();
    }
  }
  // Outside its script a group does not apply.
  if (ghirbal::DisambiguateCloseLanguages(text, "Arab", "sr") != "sr") std::abort();
  return 0;
}
