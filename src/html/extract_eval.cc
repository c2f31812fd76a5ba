#include "html/extract_eval.h"

#include <simdjson.h>
#include <unicode/uchar.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <unordered_map>
#include <utility>

#include "core/utf8.h"

namespace ghirbal::html {
namespace {

constexpr size_t kNgram = 4;
constexpr size_t kMaxPageBytes = size_t{64} << 20;

// A gram as the interned ids of its words; shorter grams are padded with kNoWord.
using Gram = std::array<uint32_t, kNgram>;
constexpr uint32_t kNoWord = UINT32_MAX;

// The sorted multiset of grams of `words`, each word interned in `vocab`.
std::vector<Gram> Grams(const std::vector<std::string_view>& words,
                        std::unordered_map<std::string_view, uint32_t>* vocab) {
  std::vector<uint32_t> ids;
  ids.reserve(words.size());
  for (std::string_view w : words) {
    auto [it, inserted] = vocab->emplace(w, static_cast<uint32_t>(vocab->size()));
    ids.push_back(it->second);
  }
  std::vector<Gram> grams;
  if (ids.empty()) return grams;
  if (ids.size() < kNgram) {
    Gram g;
    g.fill(kNoWord);
    std::copy(ids.begin(), ids.end(), g.begin());
    grams.push_back(g);
    return grams;
  }
  grams.reserve(ids.size() - kNgram + 1);
  for (size_t i = 0; i + kNgram <= ids.size(); ++i) {
    Gram g;
    std::copy(ids.begin() + i, ids.begin() + i + kNgram, g.begin());
    grams.push_back(g);
  }
  std::sort(grams.begin(), grams.end());
  return grams;
}

// |a ∩ b| for sorted multisets.
size_t MultisetIntersection(const std::vector<Gram>& a, const std::vector<Gram>& b) {
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return common;
}

// Reads a whole file; gzip (by its magic bytes) is decompressed. At most kMaxPageBytes.
Result<std::string> ReadPage(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");  // reads plain files as they are, too
  if (f == nullptr) return Status::IoError("cannot open " + path);
  std::string out;
  char buf[1 << 16];
  for (;;) {
    int n = gzread(f, buf, sizeof(buf));
    if (n < 0) {
      int errnum = 0;
      std::string msg = gzerror(f, &errnum);
      gzclose(f);
      return Status::Corruption(path + ": " + msg);
    }
    if (n == 0) break;
    if (out.size() + n > kMaxPageBytes) {
      gzclose(f);
      return Status::Corruption(path + ": larger than 64 MiB");
    }
    out.append(buf, n);
  }
  // Z_BUF_ERROR: the data ended inside a gzip member (truncated or garbage after the header).
  if (gzclose(f) != Z_OK) return Status::Corruption(path + ": truncated or corrupt gzip");
  return out;
}

struct TruthEntry {
  std::string id;
  std::string body;
  std::string url;
};

Result<std::vector<TruthEntry>> LoadTruth(const std::string& truth_path) {
  simdjson::padded_string json;
  if (simdjson::padded_string::load(truth_path).get(json) != simdjson::SUCCESS) {
    if (!std::filesystem::exists(truth_path)) return Status::NotFound("no file " + truth_path);
    return Status::IoError("cannot read " + truth_path);
  }
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(json).get(root) != simdjson::SUCCESS) {
    return Status::Corruption(truth_path + ": not a JSON object");
  }
  std::vector<TruthEntry> entries;
  for (auto [key, value] : root) {
    TruthEntry e;
    e.id.assign(key);
    if (e.id.empty() || e.id.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos ||
        e.id == "." || e.id == "..") {
      return Status::Corruption(truth_path + ": page id \"" + e.id + "\" is not a file name");
    }
    std::string_view body, url;
    if (value["articleBody"].get(body) != simdjson::SUCCESS) {
      return Status::Corruption(truth_path + ": page " + e.id + " has no articleBody string");
    }
    if (value["url"].get(url) != simdjson::SUCCESS) url = {};  // optional
    e.body.assign(body);
    e.url.assign(url);
    entries.push_back(std::move(e));
  }
  std::sort(entries.begin(), entries.end(),
            [](const TruthEntry& a, const TruthEntry& b) { return a.id < b.id; });
  return entries;
}

}  // namespace

bool IsPythonWordChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           cp == '_';
  }
  // Python's str.isalnum(): isalpha (L*) or isdecimal/isdigit/isnumeric (Nd, Nl, No).
  constexpr uint32_t kWordMask = U_GC_L_MASK | U_GC_ND_MASK | U_GC_NL_MASK | U_GC_NO_MASK;
  return (U_GET_GC_MASK(static_cast<UChar32>(cp)) & kWordMask) != 0;
}

std::vector<std::string_view> WordTokens(std::string_view text) {
  std::vector<std::string_view> words;
  size_t start = std::string_view::npos;
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp;
    size_t len = DecodeUtf8(text.data() + i, text.size() - i, &cp);
    bool word = len > 0 && IsPythonWordChar(cp);
    if (len == 0) len = 1;
    if (word && start == std::string_view::npos) start = i;
    if (!word && start != std::string_view::npos) {
      words.push_back(text.substr(start, i - start));
      start = std::string_view::npos;
    }
    i += len;
  }
  if (start != std::string_view::npos) words.push_back(text.substr(start));
  return words;
}

PageScore ScorePage(std::string_view id, std::string_view predicted, std::string_view truth) {
  PageScore s;
  s.id.assign(id);
  std::unordered_map<std::string_view, uint32_t> vocab;
  std::vector<Gram> pred = Grams(WordTokens(predicted), &vocab);
  std::vector<Gram> gold = Grams(WordTokens(truth), &vocab);
  s.pred_grams = pred.size();
  s.truth_grams = gold.size();
  s.pred_empty = pred.empty();
  s.truth_empty = gold.empty();
  size_t tp = MultisetIntersection(pred, gold);
  size_t fp = pred.size() - tp;
  size_t fn = gold.size() - tp;
  s.true_positives = tp;
  if (fp == 0 && fn == 0) {
    s.precision = s.recall = 1;
  } else {
    s.precision = pred.empty() ? 0 : static_cast<double>(tp) / static_cast<double>(pred.size());
    s.recall = gold.empty() ? 0 : static_cast<double>(tp) / static_cast<double>(gold.size());
  }
  return s;
}

EvalSummary Summarize(std::vector<PageScore> pages) {
  EvalSummary sum;
  double p = 0, r = 0;
  size_t np = 0, nr = 0;
  for (const PageScore& s : pages) {
    if (!s.pred_empty) {
      p += s.precision;
      ++np;
    }
    if (!s.truth_empty) {
      r += s.recall;
      ++nr;
    }
  }
  sum.precision = np ? p / static_cast<double>(np) : 0;
  sum.recall = nr ? r / static_cast<double>(nr) : 0;
  sum.f1 = sum.precision + sum.recall > 0
               ? 2 * sum.precision * sum.recall / (sum.precision + sum.recall)
               : 0;
  sum.pages = pages.size();
  sum.per_page = std::move(pages);
  return sum;
}

Result<EvalSummary> EvaluateExtraction(const std::string& pages_dir, const std::string& truth_path,
                                       const ExtractFn& extract) {
  std::error_code ec;
  if (!std::filesystem::is_directory(pages_dir, ec)) {
    return Status::NotFound("no directory " + pages_dir);
  }
  Result<std::vector<TruthEntry>> truth = LoadTruth(truth_path);
  if (!truth.ok()) return truth.status();

  std::vector<PageScore> scores;
  std::vector<std::string> missing;
  std::chrono::steady_clock::duration spent{};
  for (const TruthEntry& e : *truth) {
    std::string base = (std::filesystem::path(pages_dir) / e.id).string() + ".html";
    std::string path;
    if (std::filesystem::is_regular_file(base, ec)) {
      path = base;
    } else if (std::filesystem::is_regular_file(base + ".gz", ec)) {
      path = base + ".gz";
    } else {
      missing.push_back(e.id);
      continue;
    }
    Result<std::string> raw = ReadPage(path);
    if (!raw.ok()) return raw.status();
    auto start = std::chrono::steady_clock::now();
    std::string predicted = extract(e.id, *raw, e.url);
    spent += std::chrono::steady_clock::now() - start;
    scores.push_back(ScorePage(e.id, predicted, e.body));
  }
  if (scores.empty()) {
    return Status::NotFound("no page of " + truth_path + " found in " + pages_dir);
  }
  EvalSummary sum = Summarize(std::move(scores));
  sum.missing_pages = std::move(missing);
  sum.seconds = std::chrono::duration<double>(spent).count();
  sum.pages_per_second = sum.seconds > 0 ? static_cast<double>(sum.pages) / sum.seconds : 0;
  return sum;
}

}  // namespace ghirbal::html
