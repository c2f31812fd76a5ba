// Fuzzes the dedup text path and stages: arbitrary bytes are split at '\0' into up to 32
// documents, which go through normalization (fast path == ICU reference, idempotent), MinHash
// (fast path == reference) and the exact, line_dedup and minhash stages run back to back.
// Invariants checked besides "no crash": the first document in input order is never a
// duplicate, line_dedup never makes a text longer, and every rejection names its stage.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dedup/dedup_testing.h"
#include "dedup/dedup_text.h"
#include "dedup/exact.h"
#include "dedup/line_dedup.h"
#include "dedup/minhash.h"

using namespace ghirbal;
using namespace ghirbal::dedup;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 16384) return 0;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> texts;
  size_t pos = 0;
  while (pos <= input.size() && texts.size() < 32) {
    size_t end = input.find('\0', pos);
    if (end == std::string_view::npos) end = input.size();
    texts.emplace_back(input.substr(pos, end - pos));
    pos = end + 1;
  }

  MinHashParams params;
  params.bands = 3;
  params.rows = 3;
  params.n_grams = 2;
  MinHasher hasher(params);
  MinHasher::Scratch scratch;
  for (const std::string& t : texts) {
    std::string normalized, again;
    NormalizeForDedup(t, &normalized);
    NormalizeForDedup(normalized, &again);
    if (again != normalized) std::abort();  // normalization is idempotent
    std::string reference;
    NormalizeForDedupReference(t, &reference);
    if (reference != normalized) std::abort();  // fast path == ICU reference
    std::vector<uint32_t> fast, ref;
    bool has = hasher.Signature(t, &scratch, &fast);
    if (has != hasher.Signature(t, &scratch, &ref, true) || fast != ref) std::abort();
  }

  static const std::string dir = std::filesystem::temp_directory_path() / ("ghirbal_dedup_fuzz_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  MinHashOptions mo;
  mo.params = params;
  LineDedupOptions lo;
  lo.min_length = 3;
  const ExactDedup exact({});
  const LineDedup lines(lo);
  const MinHashDedup minhash(mo);
  auto docs = testing::MakeDocs(texts, 3);
  const std::vector<Document> before = docs;
  const GlobalStage* stages[] = {&exact, &lines, &minhash};
  for (int i = 0; i < 3; ++i) {
    const std::string stage_dir = dir + "/" + std::to_string(i);
    std::filesystem::create_directories(stage_dir);
    if (!testing::Run(*stages[i], &docs, stage_dir, {2, 4}).ok()) std::abort();
  }
  for (size_t i = 0; i < docs.size(); ++i) {
    if (docs[i].text.size() > before[i].text.size()) std::abort();
    if (docs[i].rejected() && docs[i].verdict.reason.empty()) std::abort();
  }
  if (docs[0].rejected() && docs[0].verdict.stage != "line_dedup") std::abort();
  std::filesystem::remove_all(dir);
  return 0;
}
