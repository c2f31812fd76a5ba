// The default language model: CLD2 from Debian with its full tables (libcld2_full.so, about
// 160 languages), linked in; nothing to download or load.
#pragma once

#include <memory>

#include "lang/language_model.h"

namespace ghirbal {

// Scores: CLD2 reports for its top three languages the percentage of the text's letters in
// each, and whether the answer is reliable. A candidate's score is its percentage / 100, halved
// for all three when CLD2 flags the answer unreliable (short or mixed text). Control characters
// and noncharacters, which CLD2 refuses, are blanked before detection.
std::unique_ptr<LanguageModel> NewCld2Model();

}  // namespace ghirbal
