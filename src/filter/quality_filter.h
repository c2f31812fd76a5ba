// The `filter` stage: Gopher repetition, Gopher quality, C4 and FineWeb rules, in that order
// (datatrove's FineWeb pipeline order), with parameters chosen by the document's language
// (metadata "language", see quality_params.h). The first failing rule rejects the document
// with reason = rule name and value = the measured value. C4 may remove lines; the document
// then carries metadata "c4_lines_removed" and the later rules see the shortened text.
#pragma once


#include "core/document.h"
#include "filter/quality_params.h"
#include "filter/quality_rules.h"

namespace ghirbal {

// Applies every enabled rule of `params` to `doc` (rejecting it, or editing its text for
// C4). The library entry point behind the stage, for callers without a pipeline. The
// document is split into words once: on return scratch->words describe its text as it was
// before C4 edited it.
void ApplyQualityRules(const QualityParams& params, Document& doc, QualityScratch* scratch);

}  // namespace ghirbal
