#include "html/extract_stage.h"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/stage_registry.h"

namespace ghirbal::html {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kPage =
    "<html lang=\"fr\"><head><title>Un titre - Le Site</title></head><body>"
    "<nav><a href=/>Accueil</a></nav><div class=\"article-content\">"
    "<p>Le premier paragraphe de l'article, assez long pour compter, avec des virgules.</p>"
    "<p>Le second paragraphe, lui aussi assez long, conclut l'article sans d&eacute;tour.</p>"
    "</div></body></html>";

std::unique_ptr<Stage> Build(std::string_view yaml = "") {
  Result<StageOptions> options = StageOptions::FromYaml(yaml);
  EXPECT_TRUE(options.ok());
  Result<BuiltStage> built = StageRegistry::Global().Build("extract", *options);
  EXPECT_TRUE(built.ok()) << built.status().ToString();
  return built.ok() ? std::move(built->stage) : nullptr;
}

Document RunStage(const Stage& stage, Document doc) {
  Batch batch;
  batch.documents.push_back(std::move(doc));
  auto state = stage.NewState();
  stage.Process(batch, state.get());
  return std::move(batch.documents[0]);
}

TEST(ExtractStageTest, ExtractsTextAndMetadata) {
  auto stage = Build();
  ASSERT_NE(stage, nullptr);
  EXPECT_EQ(stage->Name(), "extract");
  Document doc;
  doc.raw = std::string(kPage);
  doc.content_type = "text/html";
  doc = RunStage(*stage, std::move(doc));
  EXPECT_FALSE(doc.rejected()) << doc.verdict.reason;
  EXPECT_TRUE(doc.raw.empty());
  EXPECT_EQ(doc.text.find("Le premier paragraphe"), 0u);
  EXPECT_THAT(doc.text, HasSubstr("sans d\xC3\xA9tour."));
  EXPECT_EQ(doc.metadata.GetString("title").value_or(""), "Un titre");
  EXPECT_EQ(doc.metadata.GetString("declared_language").value_or(""), "fr");
  EXPECT_TRUE(doc.metadata.Contains("charset"));
}

TEST(ExtractStageTest, LanguageFromHttpHeaderAndTitleInText) {
  auto stage = Build("title_in_text: true\nkeep_comments: false\ntimeout_ms: 500\n"
                     "min_text_chars: 10\nmax_depth: 100\nmax_input_bytes: 1000000");
  ASSERT_NE(stage, nullptr);
  Document doc;
  std::string page(kPage);
  page.replace(page.find(" lang=\"fr\""), 10, "");
  doc.raw = page;
  doc.http.headers.push_back({"content-language", "fr-CA"});
  doc = RunStage(*stage, std::move(doc));
  ASSERT_FALSE(doc.rejected());
  EXPECT_EQ(doc.text.find("Un titre\n\nLe premier"), 0u);
  EXPECT_EQ(doc.metadata.GetString("declared_language").value_or(""), "fr-CA");
}

TEST(ExtractStageTest, TextDocumentsPassThrough) {
  auto stage = Build();
  Document doc;
  doc.text = "already text";
  doc = RunStage(*stage, std::move(doc));
  EXPECT_FALSE(doc.rejected());
  EXPECT_EQ(doc.text, "already text");
  EXPECT_TRUE(doc.metadata.empty());
}

TEST(ExtractStageTest, Rejections) {
  auto stage = Build("max_input_bytes: 100000");
  auto reject = [&](std::string raw, std::string content_type = "") {
    Document doc;
    doc.raw = std::move(raw);
    doc.content_type = std::move(content_type);
    doc = RunStage(*stage, std::move(doc));
    EXPECT_TRUE(doc.rejected());
    EXPECT_EQ(doc.verdict.stage, "extract");
    return doc.verdict.reason;
  };
  EXPECT_EQ(reject("%PDF-1.7 binary"), "binary_content");
  EXPECT_EQ(reject(std::string("\x89PNG\r\n\x1a\n\0\0", 10)), "binary_content");
  std::string control(2000, '\x01');
  EXPECT_EQ(reject(control), "binary_content");
  EXPECT_EQ(reject("<html>x</html>", "image/jpeg"), "not_html");
  EXPECT_EQ(reject("just some words without markup"), "not_html");
  EXPECT_EQ(reject(std::string(200000, '<')), "too_large");
  EXPECT_EQ(reject("<html><body><a href=/>Home</a></body></html>"), "no_main_text");
}

TEST(ExtractStageTest, UnknownOptionIsAnError) {
  Result<StageOptions> options = StageOptions::FromYaml("keep_coments: true");
  ASSERT_TRUE(options.ok());
  EXPECT_FALSE(StageRegistry::Global().Build("extract", *options).ok());
}

TEST(ExtractStageTest, ClassifyRaw) {
  EXPECT_EQ(ClassifyRaw("<!doctype html><p>x", "text/html"), "");
  EXPECT_EQ(ClassifyRaw("<p>x", "application/xhtml+xml"), "");
  EXPECT_EQ(ClassifyRaw("<p>x", ""), "");
  EXPECT_EQ(ClassifyRaw("{\"a\": 1}", "application/json"), "not_html");
  EXPECT_EQ(ClassifyRaw("PK\x03\x04...", ""), "binary_content");
}

}  // namespace
}  // namespace ghirbal::html
