// Test helper: trains a tiny fastText language-ID model on generated text (a few KB, well under
// a second) so tests exercise loading, prediction and label mapping without a downloaded model.
#pragma once

#include <string>

namespace ghirbal {

// Trains on made-up "languages" with labels in several real formats:
//   __label__arb_Arab  Arabic-letter words    __label__pes_Arab  Persian-letter words
//   __label__zho_Hans  Han characters         __label__en        ASCII words ("lid.176" style)
// and writes the model to `path`. Returns an error message, or "" on success.
std::string TrainTinyLanguageModel(const std::string& path);

}  // namespace ghirbal
