#include "html/extract_stage.h"

#include <memory>
#include <string>

#include "core/json.h"
#include "core/stage.h"
#include "core/stage_registry.h"
#include "html/charset.h"
#include "html/extract.h"

namespace ghirbal::html {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

class ExtractState : public StageState {
 public:
  explicit ExtractState(const ExtractOptions& options) : extractor(options) {}
  Extractor extractor;
  ExtractedPage page;
};

class ExtractStage : public DocumentStage {
 public:
  ExtractStage(ExtractOptions options, int64_t max_input_bytes)
      : options_(options), max_input_bytes_(max_input_bytes) {}

  std::string_view Name() const override { return "extract"; }

  std::unique_ptr<StageState> NewState() const override {
    return std::make_unique<ExtractState>(options_);
  }

  void ProcessDocument(Document& doc, StageState* state) const override {
    if (doc.raw.empty()) {
      if (doc.text.empty()) doc.Reject("extract", "empty");
      return;  // already text
    }
    if (max_input_bytes_ > 0 && static_cast<int64_t>(doc.raw.size()) > max_input_bytes_) {
      doc.Reject("extract", "too_large", std::to_string(doc.raw.size()));
      return;
    }
    std::string_view why = ClassifyRaw(doc.raw, doc.content_type);
    if (!why.empty()) {
      std::string value;
      AppendJsonString(&value, doc.content_type);
      doc.Reject("extract", why, std::move(value));
      return;
    }
    auto* st = static_cast<ExtractState*>(state);
    DecodedHtml decoded = DecodeHtmlToUtf8(doc.raw, doc.http.Header("content-type"));
    ExtractStatus status = st->extractor.Extract(decoded.utf8, &st->page);
    const ExtractedPage& page = st->page;
    if (status != ExtractStatus::kOk) {
      std::string value;
      if (status == ExtractStatus::kTimeout) value = std::to_string(options_.timeout_ms);
      doc.Reject("extract", ExtractStatusReason(status), std::move(value));
      return;
    }
    doc.text = page.text;
    doc.raw.clear();
    doc.raw.shrink_to_fit();
    Metadata& m = doc.metadata;
    if (!page.title.empty()) m.SetString("title", page.title);
    if (!page.date.empty()) m.SetString("date", page.date);
    if (!page.author.empty()) m.SetString("author", page.author);
    std::string_view language = page.language;
    if (language.empty()) language = doc.http.Header("content-language");
    if (!language.empty()) m.SetString("declared_language", language);
    if (!page.canonical_url.empty()) m.SetString("canonical_url", page.canonical_url);
    m.SetString("charset", decoded.charset);
  }

 private:
  ExtractOptions options_;
  int64_t max_input_bytes_;
};

Result<BuiltStage> MakeExtractStage(StageOptions& options) {
  ExtractOptions o;
  o.keep_comments = options.GetBool("keep_comments", o.keep_comments);
  o.title_in_text = options.GetBool("title_in_text", o.title_in_text);
  o.timeout_ms = options.GetInt("timeout_ms", o.timeout_ms);
  o.min_text_chars = options.GetInt("min_text_chars", o.min_text_chars);
  o.max_depth = options.GetInt("max_depth", o.max_depth);
  int64_t max_input_bytes = options.GetInt("max_input_bytes", 32 << 20);
  std::string phrases_file =
      options.GetString("phrases_file", options.data_dir() + "/html/boilerplate_phrases.txt");
  GHIRBAL_RETURN_IF_ERROR(options.Finish());
  if (o.timeout_ms < 0 || o.min_text_chars < 0 || o.max_depth < 1 || max_input_bytes < 0) {
    return Status::InvalidArgument(
        "extract: timeout_ms, min_text_chars, max_input_bytes must be >= 0, max_depth >= 1");
  }
  if (!phrases_file.empty()) {  // "" disables phrase matching
    Result<BoilerplatePhrases> phrases = LoadBoilerplatePhrases(phrases_file);
    if (!phrases.ok()) return Status(phrases.status());
    o.phrases = std::move(phrases.value());
  }
  BuiltStage built;
  built.stage = std::make_unique<ExtractStage>(o, max_input_bytes);
  return built;
}

GHIRBAL_REGISTER_STAGE("extract", "HTML to main text: charset, parse, boilerplate removal, metadata",
                       MakeExtractStage);

}  // namespace

std::string_view ClassifyRaw(std::string_view raw, std::string_view content_type) {
  // Magic numbers of common non-HTML bodies.
  static constexpr std::string_view kMagic[] = {
      "%PDF-", "PK\x03\x04", "\x89PNG", "GIF87a", "GIF89a", "\xFF\xD8\xFF", "\x1F\x8B",
      std::string_view("\x00\x00\x01\x00", 4), "RIFF", "OggS", "fLaC", "ID3", "\x7F" "ELF",
      "BZh", std::string_view("\x28\xB5\x2F\xFD", 4), "7z\xBC\xAF\x27\x1C", "wOFF", "wOF2",
      std::string_view("\x00\x01\x00\x00\x00", 5), "%!PS"};
  for (std::string_view magic : kMagic) {
    if (StartsWith(raw, magic)) return "binary_content";
  }
  // Control bytes (other than tab, newline, form feed, carriage return, escape) in the first
  // 4 KiB: text never has many.
  std::string_view head = raw.substr(0, 4096);
  size_t control = 0;
  for (unsigned char c : head) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ++control;
  }
  if (control * 10 > head.size()) return "binary_content";
  if (!content_type.empty()) {
    std::string type;
    for (char c : content_type) type.push_back((c >= 'A' && c <= 'Z') ? (c | 0x20) : c);
    bool html_like = type.find("html") != std::string::npos ||
                     type.find("xml") != std::string::npos || type == "text/plain" ||
                     type == "application/octet-stream" || type == "unknown/unknown";
    if (!html_like) return "not_html";
  }
  if (raw.find('<') == std::string_view::npos) return "not_html";
  return "";
}

std::string ExtractTextFromRaw(std::string_view raw, std::string_view content_type_header,
                               Extractor* extractor) {
  if (!ClassifyRaw(raw, "").empty()) return {};
  DecodedHtml decoded = DecodeHtmlToUtf8(raw, content_type_header);
  ExtractedPage page;
  if (extractor->Extract(decoded.utf8, &page) != ExtractStatus::kOk) return {};
  return std::move(page.text);
}

}  // namespace ghirbal::html
