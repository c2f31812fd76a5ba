// Golden outcomes of the default chain (clean_lines, filter, pii) on a generated corpus: the
// verdict, metadata and output text of every document must stay exactly what they were when
// testdata/filter/chain_golden.txt was written. Speed work must not change any of them.
//
// The corpus is generated here with a fixed seed (std::mt19937 is fully specified; no
// distribution objects, whose output is implementation-defined): news-like sentences in
// English, French, Arabic and Chinese with boilerplate lines, duplicated lines and paragraphs,
// citations, e-mails, IP addresses, phone numbers, ellipses, bullets, '#', '{', long words,
// no-break spaces and CRLF line ends, so that every stage and most rules decide something.
//
// After an intended change of behaviour (new phrases, new thresholds), rewrite the file with
//   GHIRBAL_UPDATE_GOLDEN=1 build/src/filter/filter_tests --gtest_filter='ChainGolden*'
// and say why in the commit.
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/stage_registry.h"

namespace ghirbal {
namespace {

const char kGolden[] = GHIRBAL_SOURCE_DIR "/testdata/filter/chain_golden.txt";

// The output text's fingerprint: FNV-1a, fixed here so that the rules' own hash can change
// without touching the golden file.
uint64_t Fnv1a(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return h;
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

struct Language {
  const char* code;
  std::vector<std::string> words;
  const char* joiner;  // between words
  const char* stop;    // sentence end
};

std::vector<Language> Languages() {
  return {
      {"en",
       Words("the council met on tuesday to discuss a new budget for the coming year and "
             "members of that group argued with the mayor about the cost of repairing an old "
             "bridge which has been closed to heavy traffic since spring floods in the end they "
             "voted to approve it with a small amendment"),
       " ", "."},
      {"fr",
       Words("le conseil municipal a voté mardi un nouveau budget pour l'année prochaine et "
             "les habitants ont discuté du coût de la rénovation du vieux pont fermé depuis les "
             "inondations du printemps"),
       " ", "."},
      {"ar",
       Words("قال وزير الخارجية في مقابلة إعلامية بعد اختتام القمة التي عقدت في مدينة شمال "
             "غربي البلاد إن التعاون بين الجانبين سيؤتي ثماره وأضاف أن البلدين سيعملان على "
             "تعزيز التعاون الاقتصادي خلال السنوات المقبلة"),
       " ", "."},
      {"zh",
       Words("北京 市政府 周二 召开 会议 讨论 明年 预算 居民 对 修复 旧桥 的 费用 意见 不一 "
             "最终 通过 了 方案"),
       "", "。"},
  };
}

const char* kExtras[] = {
    "Share",
    "Read also:",
    "اقرأ أيضا",
    "© 2024 Example Media. All rights reserved.",
    "جميع الحقوق محفوظة",
    "This website uses cookies to improve your experience.",
    "Accept all",
    "سياسة الخصوصية",
    "موافق",
    "Home > News > World",
    "Lorem ipsum dolor sit amet.",
    "Please enable JavaScript to view this page.",
    "See our Terms of Use and privacy policy.",
    "function f() { return 1; }",
    "Contact editor@example.com or John.Smith@Mail.Example.org today.",
    "Server 8.8.8.8 and router 192.168.1.1 and host 2a00:1450:4007:80e::200e answered.",
    "Call +44 20 7946 0958 or (555) 123-4567 now.",
    "As reported earlier[12] the vote passed.[citation needed]",
    "• first point",
    "- second point",
    "And then...",
    "Wait for it…",
    "#breaking #news #today",
    "\xC2\xA0 indented with a no-break space \xC2\xA0",
    "x",
};

std::vector<Document> Corpus() {
  std::mt19937 rng(20261127);
  const std::vector<Language> languages = Languages();
  const char* tags[] = {"en", "fr", "ar", "zh", "", "fa"};
  std::vector<Document> docs(500);
  for (Document& doc : docs) {
    const Language& lang = languages[rng() % languages.size()];
    std::vector<std::string> lines;
    const size_t paragraphs = 1 + rng() % 8;
    for (size_t p = 0; p < paragraphs; ++p) {
      std::string line;
      const size_t sentences = 1 + rng() % 5;
      for (size_t s = 0; s < sentences; ++s) {
        if (!line.empty()) line += lang.joiner[0] == '\0' ? "" : " ";
        const size_t n = 3 + rng() % 20;
        for (size_t i = 0; i < n; ++i) {
          if (i) line += lang.joiner;
          line += lang.words[rng() % lang.words.size()];
        }
        line += lang.stop;
      }
      lines.push_back(line);
      if (rng() % 3 == 0) lines.emplace_back();  // a blank line between paragraphs
    }
    const size_t extras = rng() % 4;
    for (size_t e = 0; e < extras; ++e) {
      lines.insert(lines.begin() + static_cast<long>(rng() % (lines.size() + 1)),
                   kExtras[rng() % std::size(kExtras)]);
    }
    if (rng() % 5 == 0) {  // repeated lines
      const size_t copies = 1 + rng() % 3;
      for (size_t c = 0; c < copies; ++c) lines.push_back(lines[rng() % lines.size()]);
    }
    if (rng() % 10 == 0) lines.push_back(std::string(1200, 'w'));  // a too-long word
    const char* newline = rng() % 10 == 0 ? "\r\n" : "\n";
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i) doc.text += newline;
      doc.text += lines[i];
    }
    const char* tag = rng() % 4 == 0 ? tags[rng() % std::size(tags)] : lang.code;
    if (*tag != '\0') doc.metadata.SetString("language", tag);
  }
  return docs;
}

std::unique_ptr<Stage> Build(const char* name, const char* yaml) {
  auto options = StageOptions::FromYaml(yaml);
  EXPECT_TRUE(options.ok());
  options->set_data_dir(std::string(GHIRBAL_SOURCE_DIR) + "/data");
  auto built = StageRegistry::Global().Build(name, *options);
  EXPECT_TRUE(built.ok()) << built.status().ToString();
  return std::move(built->stage);
}

// One line per document: stage|reason|value|metadata|hash of the output text.
std::vector<std::string> Outcomes() {
  Batch batch;
  batch.documents = Corpus();
  const char* stages[][2] = {{"clean_lines", "keep_removed: true"}, {"filter", ""},
                             {"pii", "phones: true"}};
  for (const auto& s : stages) {
    std::unique_ptr<Stage> stage = Build(s[0], s[1]);
    std::unique_ptr<StageState> state = stage->NewState();
    stage->Process(batch, state.get());
  }
  std::vector<std::string> out;
  for (const Document& d : batch.documents) {
    std::string line = d.verdict.stage + "|" + d.verdict.reason + "|" + d.verdict.value + "|";
    d.metadata.AppendJson(&line);
    line += "|" + std::to_string(Fnv1a(d.text));
    out.push_back(line);
  }
  return out;
}

TEST(ChainGoldenTest, OutcomesUnchanged) {
  const std::vector<std::string> outcomes = Outcomes();
  if (std::getenv("GHIRBAL_UPDATE_GOLDEN") != nullptr) {
    std::ofstream file(kGolden, std::ios::binary);
    for (const std::string& line : outcomes) file << line << "\n";
    ASSERT_TRUE(file.good());
    GTEST_SKIP() << "rewrote " << kGolden;
  }
  std::ifstream file(kGolden, std::ios::binary);
  ASSERT_TRUE(file.good()) << "missing " << kGolden;
  std::vector<std::string> golden;
  for (std::string line; std::getline(file, line);) golden.push_back(line);
  ASSERT_EQ(golden.size(), outcomes.size());
  size_t different = 0;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    if (outcomes[i] != golden[i] && ++different <= 5) {
      ADD_FAILURE() << "document " << i << "\n  now:    " << outcomes[i]
                    << "\n  golden: " << golden[i];
    }
  }
  EXPECT_EQ(different, 0u);
}

}  // namespace
}  // namespace ghirbal
