// Stage `normalize`: NormalizeText on every document's text (options in text/normalize.h).
//
// Metadata written only when something was repaired, to keep output lean:
//   mojibake_repairs: runs of mojibake repaired; invalid_utf8: ill-formed sequences replaced.
#include <memory>
#include <string>

#include "core/document.h"
#include "core/stage.h"
#include "core/stage_registry.h"
#include "text/normalize.h"

namespace ghirbal {
namespace {

class NormalizeStage final : public DocumentStage {
 public:
  explicit NormalizeStage(NormalizeOptions options) : options_(options) {}
  std::string_view Name() const override { return "normalize"; }

  void ProcessDocument(Document& doc, StageState*) const override {
    NormalizeStats stats;
    doc.text = NormalizeText(doc.text, options_, &stats);
    if (stats.mojibake_repairs > 0) doc.metadata.SetInt("mojibake_repairs", stats.mojibake_repairs);
    if (stats.invalid_utf8 > 0) doc.metadata.SetInt("invalid_utf8", stats.invalid_utf8);
  }

 private:
  const NormalizeOptions options_;
};

Result<BuiltStage> MakeNormalizeStage(StageOptions& options) {
  Result<NormalizeOptions> parsed = NormalizeOptions::FromStageOptions(options);
  if (!parsed.ok()) return parsed.status();
  BuiltStage built;
  built.stage = std::make_unique<NormalizeStage>(*parsed);
  return built;
}

}  // namespace

GHIRBAL_REGISTER_STAGE("normalize",
                       "Unicode NFC, control/invisible characters, spaces, mojibake, Arabic profile",
                       MakeNormalizeStage);

}  // namespace ghirbal
