// fastText language-ID models loaded from a file: lid.176 ("__label__ar"), OpenLID and GlotLID
// ("__label__arb_Arab"), or any supervised fastText model whose labels are language tags.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "lang/language_model.h"

namespace ghirbal {

// Loads the model at `path` (.bin or quantized .ftz). fastText's exceptions (missing file,
// wrong format, not a supervised model) come back as a Status. Predictions are fastText's
// softmax probabilities; the text is given as one line (line breaks become spaces).
Result<std::unique_ptr<LanguageModel>> LoadFastTextModel(const std::string& path);

}  // namespace ghirbal
