// Extraction evaluation: scores extracted main text against human-annotated article bodies,
// with the metric of the public article-extraction benchmark (the one trafilatura, readability
// and others publish F1 figures for; see /work/shared/data/README.md and docs/extraction-eval.md):
//
//  - each text is split into words with the regex \w+ under Python's Unicode semantics: a word
//    character is a letter (Lu Ll Lt Lm Lo), a number (Nd Nl No) or '_'. Combining marks are
//    not word characters, so Arabic harakat and decomposed accents split words, as in Python;
//  - a text is the multiset of its consecutive word 4-grams; a text of 1-3 words is one gram of
//    all its words; a text without words has no grams and is "empty";
//  - per page, tp = |truth ∩ pred| (multiset intersection), fp = |pred| - tp,
//    fn = |truth| - tp; precision tp/(tp+fp) and recall tp/(tp+fn), both 1 when fp = fn = 0
//    and 0 when their denominator is 0;
//  - precision is averaged over pages with a non-empty prediction, recall over pages with a
//    non-empty truth, and F1 is the harmonic mean of the two averages (0 when both are 0).
//
// All functions are deterministic and thread-safe (no shared state).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ghirbal::html {

struct PageScore {
  std::string id;
  double precision = 0;
  double recall = 0;
  size_t pred_grams = 0;
  size_t truth_grams = 0;
  size_t true_positives = 0;  // grams of the prediction matched in the truth (multiset)
  bool pred_empty = true;
  bool truth_empty = true;
};

struct EvalSummary {
  double precision = 0;  // mean page precision over pages with a non-empty prediction
  double recall = 0;     // mean page recall over pages with a non-empty truth
  double f1 = 0;
  size_t pages = 0;                        // pages scored
  double seconds = 0;                      // time spent in the extract calls only
  double pages_per_second = 0;             // pages / seconds (0 when nothing was timed)
  std::vector<PageScore> per_page;         // in the order given (EvaluateExtraction: sorted by id)
  std::vector<std::string> missing_pages;  // ids in the truth file without a page file
};

// The words of `text` (well-formed or not: ill-formed UTF-8 separates words), as views into it.
std::vector<std::string_view> WordTokens(std::string_view text);

// True when the code point is a \w character under Python's Unicode semantics (see above).
bool IsPythonWordChar(char32_t cp);

// Scores one page. `predicted` and `truth` are UTF-8 texts.
PageScore ScorePage(std::string_view id, std::string_view predicted, std::string_view truth);

// Averages page scores into the benchmark's precision, recall and F1. Leaves `seconds` and
// `pages_per_second` at 0 (the caller who timed the extraction sets them).
EvalSummary Summarize(std::vector<PageScore> pages);

// An extractor under evaluation: from a page's raw bytes (as fetched, any charset) and its URL
// to the main text in UTF-8. Called on one thread, pages sorted by id.
using ExtractFn = std::function<std::string(std::string_view id, std::string_view raw_bytes,
                                            std::string_view url)>;

// Loads each page listed in `truth_path` (JSON: {"<id>": {"articleBody": "...", "url": "..."}})
// from `pages_dir` (<id>.html, else <id>.html.gz, at most 64 MiB decompressed), calls
// `extract(id, raw_bytes, url)` on it, timing only the extract calls, and scores the result
// against articleBody. Pages without a file are listed in missing_pages and not scored.
// Errors: NotFound (truth file or pages_dir missing, or no page found at all), Corruption
// (truth file not in the expected shape, an id that is not a plain file name, a page's gzip
// corrupt), IoError.
Result<EvalSummary> EvaluateExtraction(const std::string& pages_dir, const std::string& truth_path,
                                       const ExtractFn& extract);

}  // namespace ghirbal::html
