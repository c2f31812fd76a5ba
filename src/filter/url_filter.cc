#include "filter/url_filter.h"

#include <hs/hs.h>

#include <algorithm>
#include <fstream>

#include "core/document.h"
#include "core/json.h"
#include "core/stage_registry.h"
#include "filter/hyperscan_cache.h"
#include "text/words.h"

namespace ghirbal {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

Status ReadList(const std::string& path, std::vector<std::string>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open blocklist " + path);
  std::string line;
  while (std::getline(in, line)) {
    std::string_view v = line;
    if (size_t hash = v.find('#'); hash != std::string_view::npos) v = v.substr(0, hash);
    v = TrimWhitespace(v);
    if (!v.empty()) out->push_back(std::string(v));
  }
  if (in.bad()) return Status::IoError("cannot read blocklist " + path);
  return Status::Ok();
}

inline bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

struct UrlBlocklist::Database {
  hs_database_t* db = nullptr;
  hs_scratch_t* prototype = nullptr;
  ~Database() {
    if (prototype != nullptr) hs_free_scratch(prototype);
    if (db != nullptr) hs_free_database(db);
  }
};

UrlBlocklist::~UrlBlocklist() = default;
UrlBlocklist::Scratch::~Scratch() {
  if (hs_scratch_ != nullptr) hs_free_scratch(static_cast<hs_scratch_t*>(hs_scratch_));
}

Result<std::unique_ptr<UrlBlocklist>> UrlBlocklist::Load(const Files& files) {
  std::vector<std::string> domains, substrings, words;
  for (const auto& f : files.domain_files) GHIRBAL_RETURN_IF_ERROR(ReadList(f, &domains));
  for (const auto& f : files.substring_files) GHIRBAL_RETURN_IF_ERROR(ReadList(f, &substrings));
  for (const auto& f : files.word_files) GHIRBAL_RETURN_IF_ERROR(ReadList(f, &words));
  return FromLists(std::move(domains), std::move(substrings), std::move(words));
}

Result<std::unique_ptr<UrlBlocklist>> UrlBlocklist::FromLists(std::vector<std::string> domains,
                                                              std::vector<std::string> substrings,
                                                              std::vector<std::string> words) {
  std::unique_ptr<UrlBlocklist> b(new UrlBlocklist());
  for (const auto& d : domains) {
    std::string host = Lower(d);
    while (!host.empty() && host.front() == '.') host.erase(0, 1);  // ".example.com"
    if (!host.empty()) b->domains_.insert(host);
  }
  for (const auto& w : words) b->words_.insert(Lower(w));
  for (const auto& s : substrings) b->substrings_.push_back(Lower(s));
  std::sort(b->substrings_.begin(), b->substrings_.end());
  b->substrings_.erase(std::unique(b->substrings_.begin(), b->substrings_.end()),
                       b->substrings_.end());
  if (b->substrings_.empty()) return b;
  if (hs_valid_platform() != HS_SUCCESS) return Status::Unsupported("Hyperscan needs SSSE3");
  std::vector<std::string_view> exprs(b->substrings_.begin(), b->substrings_.end());
  std::vector<unsigned> ids;
  for (size_t i = 0; i < exprs.size(); ++i) ids.push_back(static_cast<unsigned>(i));
  const std::vector<unsigned> flags(exprs.size(), HS_FLAG_SINGLEMATCH);
  auto db = std::make_unique<Database>();
  if (Status st = CompileLiterals(exprs, flags, ids, &db->db); !st.ok()) {
    return Status::InvalidArgument("cannot compile URL substrings: " + st.message());
  }
  if (hs_alloc_scratch(db->db, &db->prototype) != HS_SUCCESS) {
    return Status::IoError("cannot allocate Hyperscan scratch");
  }
  b->db_ = std::move(db);
  return b;
}

std::unique_ptr<UrlBlocklist::Scratch> UrlBlocklist::NewScratch() const {
  auto s = std::unique_ptr<Scratch>(new Scratch());
  if (db_) {
    hs_scratch_t* clone = nullptr;
    if (hs_clone_scratch(db_->prototype, &clone) == HS_SUCCESS) s->hs_scratch_ = clone;
  }
  return s;
}

std::string_view UrlBlocklist::Host(std::string_view url) {
  size_t scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[') return rest.substr(0, rest.find(']') + 1);  // IPv6
  rest = rest.substr(0, rest.find(':'));
  while (!rest.empty() && rest.back() == '.') rest.remove_suffix(1);
  return rest;
}

std::string UrlBlocklist::Match(std::string_view url, Scratch* s) const {
  if (url.empty()) return {};
  s->lower = Lower(url);
  const std::string& lower = s->lower;
  if (!domains_.empty()) {
    std::string_view host = Host(lower);
    while (!host.empty()) {
      if (domains_.count(std::string(host)) != 0) return std::string(host);
      size_t dot = host.find('.');
      if (dot == std::string_view::npos) break;
      host.remove_prefix(dot + 1);
    }
  }
  if (!words_.empty()) {
    size_t i = 0;
    while (i < lower.size()) {
      while (i < lower.size() && !IsAsciiAlnum(lower[i])) ++i;
      size_t start = i;
      while (i < lower.size() && IsAsciiAlnum(lower[i])) ++i;
      if (i > start && words_.count(lower.substr(start, i - start)) != 0) {
        return lower.substr(start, i - start);
      }
    }
  }
  if (db_ && s->hs_scratch_ != nullptr) {
    unsigned first = ~0u;
    auto on_match = [](unsigned id, unsigned long long, unsigned long long, unsigned,
                       void* ctx) -> int {
      unsigned* best = static_cast<unsigned*>(ctx);
      if (id < *best) *best = id;  // smallest id: deterministic whatever the match order
      return 0;
    };
    hs_scan(db_->db, lower.data(), static_cast<unsigned>(lower.size()), 0,
            static_cast<hs_scratch_t*>(s->hs_scratch_), on_match, &first);
    if (first != ~0u) return substrings_[first];
  }
  return {};
}

namespace {

class UrlFilterState : public StageState {
 public:
  std::unique_ptr<UrlBlocklist::Scratch> scratch;
};

class UrlFilterStage : public DocumentStage {
 public:
  explicit UrlFilterStage(std::unique_ptr<UrlBlocklist> list) : list_(std::move(list)) {}
  std::string_view Name() const override { return "url_filter"; }
  std::unique_ptr<StageState> NewState() const override {
    auto st = std::make_unique<UrlFilterState>();
    st->scratch = list_->NewScratch();
    return st;
  }
  void ProcessDocument(Document& doc, StageState* state) const override {
    std::string hit = list_->Match(doc.url, static_cast<UrlFilterState*>(state)->scratch.get());
    if (!hit.empty()) doc.Reject("url_filter", "url_blocklist", JsonString(hit));
  }

 private:
  std::unique_ptr<UrlBlocklist> list_;
};

Result<BuiltStage> MakeUrlFilter(StageOptions& options) {
  UrlBlocklist::Files files;
  files.domain_files = options.GetStringList("domain_files");
  files.substring_files = options.GetStringList("substring_files");
  files.word_files = options.GetStringList("word_files");
  auto list = UrlBlocklist::Load(files);
  if (!list.ok()) return list.status();
  BuiltStage built;
  built.stage = std::make_unique<UrlFilterStage>(std::move(list).value());
  return built;
}

}  // namespace

GHIRBAL_REGISTER_STAGE("url_filter", "reject documents whose URL matches domain, substring or "
                       "word blocklists", MakeUrlFilter);

}  // namespace ghirbal
