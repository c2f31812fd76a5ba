#include "core/document.h"

namespace ghirbal {

std::string_view HttpInfo::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

void Document::Reject(std::string_view stage, std::string_view reason, std::string value_json) {
  if (verdict.rejected()) return;
  verdict.stage.assign(stage);
  verdict.reason.assign(reason);
  verdict.value = std::move(value_json);
}

}  // namespace ghirbal
