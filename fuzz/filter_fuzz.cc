// Fuzz target for the filter module: clean_lines, filter (in four language profiles) and pii
// on arbitrary bytes. Invariants: no crash; clean_lines output has no blank line at either end
// and no run of blank lines; valid UTF-8 stays valid through clean_lines and pii; clean_lines
// with its raw-text prefilter gives what it gives normalizing every line.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "core/stage_registry.h"
#include "core/utf8.h"
#include "filter/clean_lines.h"

namespace {

struct Chain {
  std::unique_ptr<ghirbal::Stage> clean, filter, pii;
  std::unique_ptr<ghirbal::StageState> clean_state, filter_state, pii_state;
  // clean_lines with the prefilter and without (the reference).
  std::unique_ptr<ghirbal::LineCleaner> fast, reference;
  std::unique_ptr<ghirbal::LineCleaner::Scratch> fast_scratch, reference_scratch;
};

std::unique_ptr<ghirbal::Stage> Build(const char* name, const char* yaml) {
  auto options = ghirbal::StageOptions::FromYaml(yaml);
  if (!options.ok()) std::abort();
  auto built = ghirbal::StageRegistry::Global().Build(name, *options);
  if (!built.ok()) std::abort();
  return std::move(built->stage);
}

Chain& GetChain() {
  static Chain* chain = [] {
    auto* c = new Chain;
    c->clean = Build("clean_lines", "keep_removed: true");
    c->filter = Build("filter", "");
    c->pii = Build("pii", "phones: true");
    c->clean_state = c->clean->NewState();
    c->filter_state = c->filter->NewState();
    c->pii_state = c->pii->NewState();
    auto options = ghirbal::StageOptions::FromYaml("");
    if (!options.ok()) std::abort();
    ghirbal::CleanLinesOptions o;
    o.data_dir = options->data_dir();
    auto fast = ghirbal::LineCleaner::Create(o);
    o.raw_prefilter = false;
    auto reference = ghirbal::LineCleaner::Create(o);
    if (!fast.ok() || !reference.ok()) std::abort();
    c->fast = std::move(fast).value();
    c->reference = std::move(reference).value();
    c->fast_scratch = c->fast->NewScratch();
    c->reference_scratch = c->reference->NewScratch();
    return c;
  }();
  return *chain;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1 << 16)) return 0;
  Chain& chain = GetChain();
  static const char* kLanguages[] = {"en", "ar", "zh", ""};
  std::string text(reinterpret_cast<const char*>(data), size);
  const bool valid = ghirbal::IsValidUtf8(text);

  ghirbal::Batch batch;
  batch.documents.resize(1);
  ghirbal::Document& doc = batch.documents[0];
  doc.text = text;
  if (size > 0) doc.metadata.SetString("language", kLanguages[data[0] % 4]);

  chain.clean->Process(batch, chain.clean_state.get());
  const std::string& cleaned = doc.text;
  if (!cleaned.empty() && (cleaned.front() == '\n' || cleaned.back() == '\n')) std::abort();
  if (cleaned.find("\n\n\n") != std::string::npos) std::abort();
  if (valid && !ghirbal::IsValidUtf8(cleaned)) std::abort();

  ghirbal::CleanLinesResult fast, reference;
  chain.fast->Clean(text, chain.fast_scratch.get(), &fast, true);
  chain.reference->Clean(text, chain.reference_scratch.get(), &reference, true);
  if (fast.Text(text) != reference.Text(text) || fast.unchanged != reference.unchanged ||
      fast.removed != reference.removed ||
      fast.removed_lines != reference.removed_lines) {
    std::abort();
  }

  doc.verdict = {};
  doc.text = text;
  chain.filter->Process(batch, chain.filter_state.get());
  if (doc.rejected() && doc.verdict.reason.empty()) std::abort();

  doc.verdict = {};
  doc.text = text;
  chain.pii->Process(batch, chain.pii_state.get());
  if (valid && !ghirbal::IsValidUtf8(doc.text)) std::abort();
  return 0;
}
