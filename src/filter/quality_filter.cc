#include "filter/quality_filter.h"

#include "core/stage_registry.h"

namespace ghirbal {

void ApplyQualityRules(const QualityParams& p, Document& doc, QualityScratch* s) {
  auto reject = [&](const RuleHit& hit) { doc.Reject("filter", hit.rule, hit.value); };
  const GopherQualityParams& gq = p.gopher_quality;
  // Cheap bound before storing words: a document with more than max_words words is rejected
  // after one counting pass whatever its size (a non-symbol word takes at least two bytes
  // with its separator, so shorter texts cannot exceed the limit).
  if (gq.enabled && gq.max_words && static_cast<double>(doc.text.size()) > 2 * *gq.max_words) {
    WordCounts c = s->splitter.Count(doc.text);
    if (static_cast<double>(c.non_symbol) > *gq.max_words) {
      reject({"gopher_max_words", JsonValue(static_cast<double>(c.non_symbol))});
      return;
    }
  }
  AnalyzeWords(doc.text, s);
  RuleResult hit;
  if (p.gopher_repetition.enabled) hit = CheckGopherRepetition(doc.text, p.gopher_repetition, s);
  if (!hit && gq.enabled) hit = CheckGopherQuality(doc.text, gq, s);
  if (hit) {
    reject(*hit);
    return;
  }
  size_t words = s->words.size();
  if (p.c4.enabled) {
    C4Outcome c4 = ApplyC4(doc.text, p.c4, s, &s->words);
    if (c4.hit) {
      reject(*c4.hit);
      return;
    }
    if (c4.lines_removed > 0) {
      doc.metadata.SetInt("c4_lines_removed", static_cast<int64_t>(c4.lines_removed));
    }
    if (c4.changed) {
      doc.text.swap(s->c4_text);
      words = c4.words;  // s->words now describe the old text: only their count is needed
    }
  }
  if (p.fineweb.enabled) {
    if (RuleResult fw = CheckFineWeb(doc.text, p.fineweb, words, s)) reject(*fw);
  }
}

namespace {

class QualityState : public StageState {
 public:
  QualityScratch scratch;
};

class QualityFilterStage : public DocumentStage {
 public:
  explicit QualityFilterStage(QualityConfig config) : config_(std::move(config)) {}
  std::string_view Name() const override { return "filter"; }
  std::unique_ptr<StageState> NewState() const override { return std::make_unique<QualityState>(); }

  void ProcessDocument(Document& doc, StageState* state) const override {
    std::optional<std::string> language = doc.metadata.GetString("language");
    const QualityParams& params = config_.For(language ? *language : std::string_view());
    ApplyQualityRules(params, doc, &static_cast<QualityState*>(state)->scratch);
  }

 private:
  QualityConfig config_;
};

Result<BuiltStage> MakeQualityFilter(StageOptions& options) {
  auto config = QualityConfig::Create(options);
  if (!config.ok()) return config.status();
  BuiltStage built;
  built.stage = std::make_unique<QualityFilterStage>(std::move(config).value());
  return built;
}

}  // namespace

GHIRBAL_REGISTER_STAGE("filter",
                       "Gopher quality and repetition, C4 and FineWeb rules with per-language "
                       "thresholds",
                       MakeQualityFilter);

}  // namespace ghirbal
