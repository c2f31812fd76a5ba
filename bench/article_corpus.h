// The extraction benchmark's ground-truth article bodies as documents (id, url, text), for the
// benchmarks that measure on real text. Empty when ../shared/data is absent (the benchmark
// then skips its real-text case). Needs GHIRBAL_SHARED_DATA_DIR and simdjson.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace ghirbal::bench {

inline std::vector<Document> ExtractionDevArticles() {
  std::vector<Document> docs;
  simdjson::dom::parser parser;
  simdjson::dom::object truth;
  const std::string path =
      std::string(GHIRBAL_SHARED_DATA_DIR) + "/extraction-dev/ground-truth.json";
  if (parser.load(path).get(truth) != simdjson::SUCCESS) return docs;
  for (auto [key, value] : truth) {
    std::string_view body, url;
    if (value["articleBody"].get(body) != simdjson::SUCCESS || body.empty()) continue;
    Document d;
    d.id = std::string(key);
    if (value["url"].get(url) == simdjson::SUCCESS) d.url = std::string(url);
    d.text = std::string(body);
    docs.push_back(std::move(d));
  }
  return docs;
}

}  // namespace ghirbal::bench
