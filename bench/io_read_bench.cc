// Input/output throughput of the io module on generated, realistic data:
//   BM_ReadWarcGz: a Common-Crawl-shaped .warc.gz (one gzip member per record; each HTML
//     response of 50-150 KB comes with its request and metadata records) read into documents.
//   BM_JsonlZstdRoundTrip/<corpus>/<level>: a .jsonl.zst corpus read, serialized and written to
//     zstd shards at that level; BM_ReadJsonlZstd, BM_SerializeJsonl and BM_WriteJsonlZstd time
//     the three parts alone. Two generated corpora: "small_vocabulary" (32 words, compresses
//     5.4x) and "zipf" (Zipf-distributed 40,000-word vocabulary, 2.8x, like real text); and,
//     when ../shared/data is present, "articles": the 181 real article bodies of the
//     extraction benchmark's ground truth (0.9 MB), skipped when it is absent. Levels below 1
//     are zstd's fast levels (`--compression-level -N`).
// Bytes processed are uncompressed input bytes, so MB/s reads as "of WARC" or "of JSON Lines".
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "article_corpus.h"
#include "core/utf8.h"
#include "io/document_reader.h"
#include "io/document_writer.h"
#include "io/io_test_util.h"

namespace ghirbal {
namespace {

namespace fs = std::filesystem;
using io_testing::Gzip;

std::vector<std::string>& TempFiles() {
  static std::vector<std::string> files;
  return files;
}
using io_testing::WarcRecord;

// Text shaped like web pages: words of a mixed English/Arabic vocabulary with some repetition.
std::string Words(std::mt19937_64& rng, size_t bytes) {
  static const char* kWords[] = {
      "the",   "of",     "and",    "crawl",  "corpus", "quality",  "filter", "language",
      "page",  "article", "news",  "market", "weather", "history", "science", "football",
      "في",    "من",     "على",    "الأخبار", "السوق",  "الطقس",   "التاريخ", "العلوم",
      "مدينة", "الحكومة", "الرياضة", "الثقافة", "2024",  "results",  "search", "contact"};
  std::uniform_int_distribution<size_t> pick(0, std::size(kWords) - 1);
  std::string s;
  while (s.size() < bytes) {
    s += kWords[pick(rng)];
    s += (rng() % 12 == 0) ? ". " : " ";
  }
  return s;
}

std::string HtmlPage(std::mt19937_64& rng, size_t bytes) {
  std::string html = "<!DOCTYPE html><html><head><title>Page</title>"
                     "<meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"/s.css\"></head>"
                     "<body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>";
  while (html.size() < bytes) {
    html += "<div class=\"para\"><p>" + Words(rng, 300 + rng() % 700) + "</p></div>\n";
  }
  return html + "</body></html>";
}

struct WarcFile {
  std::string path;
  uint64_t uncompressed = 0;
};

const WarcFile& GeneratedWarc() {
  static WarcFile file = [] {
    WarcFile f;
    f.path = (fs::temp_directory_path() / ("ghirbal-bench-" + std::to_string(getpid()) +
                                           ".warc.gz")).string();
    TempFiles().push_back(f.path);
    std::ofstream out(f.path, std::ios::binary);
    std::mt19937_64 rng(42);
    auto emit = [&](const std::string& record) {
      f.uncompressed += record.size();
      out << Gzip(record, 6);
    };
    emit(WarcRecord("warcinfo", "software: ghirbal-bench\r\n",
                    {{"Content-Type", "application/warc-fields"}}));
    for (int i = 0; i < 200; ++i) {
      std::string url = "https://example.com/page/" + std::to_string(i);
      std::string id = "<urn:uuid:bench-" + std::to_string(i) + ">";
      emit(WarcRecord("request", "GET /page/" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                      {{"WARC-Target-URI", url}, {"Content-Type", "application/http; msgtype=request"}}));
      std::string body = HtmlPage(rng, 50000 + rng() % 100000);
      emit(WarcRecord("response", io_testing::HttpResponse("text/html; charset=utf-8", body),
                      {{"WARC-Record-ID", id},
                       {"WARC-Target-URI", url},
                       {"WARC-Date", "2024-01-02T03:04:05Z"},
                       {"Content-Type", "application/http; msgtype=response"}}));
      emit(WarcRecord("metadata", "fetchTimeMs: 120\r\ncharset-detected: UTF-8\r\n",
                      {{"WARC-Target-URI", url}, {"Content-Type", "application/warc-fields"}}));
    }
    return f;
  }();
  return file;
}

void BM_ReadWarcGz(benchmark::State& state) {
  const WarcFile& f = GeneratedWarc();
  size_t docs = 0;
  for (auto _ : state) {
    auto reader = OpenReader(f.path, {});
    Document doc;
    std::vector<ReadError> errors;
    while ((*reader)->Next(&doc, &errors)) {
      benchmark::DoNotOptimize(doc.raw.data());
      ++docs;
    }
    if (!errors.empty()) state.SkipWithError("read errors");
  }
  state.SetBytesProcessed(static_cast<int64_t>(f.uncompressed * state.iterations()));
  state.counters["docs"] = static_cast<double>(docs) / static_cast<double>(state.iterations());
  state.counters["warc_MB"] = static_cast<double>(f.uncompressed) / 1e6;
}
BENCHMARK(BM_ReadWarcGz)->Unit(benchmark::kMillisecond);

// Text with the statistics of natural language, which zstd finds much harder than Words():
// words drawn by Zipf's law (weight 1/rank) from 20,000 made-up words per script, 2-12 letters
// (Latin for English documents, Arabic for Arabic ones), with sentence ends, some paragraph
// breaks and quotes. zstd -3 compresses it 2.8x, close to real article text (extraction-dev's
// ground truth: 2.6x); Words() text 5.4x.
class ZipfText {
 public:
  ZipfText() {
    std::mt19937_64 rng(3);
    for (int script = 0; script < 2; ++script) {
      for (int i = 0; i < kVocabulary; ++i) {
        std::string w;
        for (size_t n = 2 + std::geometric_distribution<size_t>(0.25)(rng) % 11; n > 0; --n) {
          if (script == 0) {
            w.push_back(static_cast<char>('a' + rng() % 26));
          } else {
            AppendUtf8(&w, static_cast<char32_t>(0x0621 + rng() % 26));  // hamza .. ghain
          }
        }
        words_[script].push_back(std::move(w));
      }
    }
    double sum = 0;
    for (int i = 0; i < kVocabulary; ++i) cumulative_.push_back(sum += 1.0 / (i + 1));
  }

  std::string Text(std::mt19937_64& rng, size_t bytes, bool arabic) const {
    std::uniform_real_distribution<double> u(0, cumulative_.back());
    std::string s;
    while (s.size() < bytes) {
      const size_t rank =
          std::upper_bound(cumulative_.begin(), cumulative_.end(), u(rng)) - cumulative_.begin();
      const bool quoted = rng() % 200 == 0;
      if (quoted) s += '"';
      s += words_[arabic][std::min<size_t>(rank, kVocabulary - 1)];
      if (quoted) s += '"';
      const uint64_t r = rng() % 240;
      s += r < 4 ? ".\n" : r < 20 ? ". " : r < 32 ? ", " : " ";
    }
    return s;
  }

 private:
  static constexpr int kVocabulary = 20000;
  std::vector<std::string> words_[2];
  std::vector<double> cumulative_;
};

// The JSON Lines corpora: documents of 2-10 KB of mixed English/Arabic text.
enum class Corpus {
  kSmallVocabulary,  // Words(): 32 words, unrealistically compressible
  kZipf,             // ZipfText: compresses like real text
  kArticles,         // real article text, when the shared data is present
};

struct JsonlFile {
  std::string path;
  uint64_t uncompressed = 0;
};

const JsonlFile& GeneratedJsonl(Corpus corpus) {
  static JsonlFile files[3];
  JsonlFile& f = files[static_cast<int>(corpus)];
  if (!f.path.empty()) return f;
  f.path = (fs::temp_directory_path() /
            ("ghirbal-bench-" + std::to_string(getpid()) + "-" +
             std::to_string(static_cast<int>(corpus)) + ".jsonl.zst")).string();
  TempFiles().push_back(f.path);
  std::string jsonl;
  auto append = [&jsonl](Document& d, int i) {
    d.metadata.SetString("language", i % 2 ? "ar" : "en");
    d.metadata.SetNumber("language_score", 0.93);
    d.metadata.SetInt("words", 1234);
    AppendDocumentJson(d, false, &jsonl);
  };
  if (corpus == Corpus::kArticles) {
    std::vector<Document> docs = bench::ExtractionDevArticles();
    for (size_t i = 0; i < docs.size(); ++i) {
      docs[i].date = "2024-01-02T03:04:05Z";
      append(docs[i], static_cast<int>(i));
    }
  } else {
    std::mt19937_64 rng(7);
    const ZipfText zipf;
    for (int i = 0; jsonl.size() < (40u << 20); ++i) {
      Document d;
      d.id = "urn:uuid:doc-" + std::to_string(i);
      d.url = "https://example.com/" + std::to_string(i);
      d.date = "2024-01-02T03:04:05Z";
      const size_t bytes = 2000 + rng() % 8000;
      d.text = corpus == Corpus::kZipf ? zipf.Text(rng, bytes, i % 2) : Words(rng, bytes);
      append(d, i);
    }
  }
  f.uncompressed = jsonl.size();
  std::ofstream(f.path, std::ios::binary) << io_testing::Zstd(jsonl, 3);
  return f;
}

void BM_JsonlZstdRoundTrip(benchmark::State& state, Corpus corpus) {
  const JsonlFile& f = GeneratedJsonl(corpus);
  if (f.uncompressed == 0) return state.SkipWithError("no ../shared/data/extraction-dev");
  std::string out_dir = (fs::temp_directory_path() /
                         ("ghirbal-bench-out-" + std::to_string(getpid()))).string();
  for (auto _ : state) {
    auto reader = OpenReader(f.path, {});
    auto writer = ShardWriter::Create({out_dir, "bench", Compression::kZstd,
                                       static_cast<int>(state.range(0)), 1ull << 30});
    Document doc;
    std::vector<ReadError> errors;
    std::string lines;
    while ((*reader)->Next(&doc, &errors)) {
      AppendDocumentJson(doc, false, &lines);
      if (lines.size() >= (1 << 20)) {
        if (!(*writer)->Write(lines).ok()) state.SkipWithError("write failed");
        lines.clear();
      }
    }
    if (!(*writer)->Write(lines).ok() || !(*writer)->Close().ok()) state.SkipWithError("close");
    if (!errors.empty()) state.SkipWithError("read errors");
  }
  fs::remove_all(out_dir);
  state.SetBytesProcessed(static_cast<int64_t>(f.uncompressed * state.iterations()));
}
BENCHMARK_CAPTURE(BM_JsonlZstdRoundTrip, small_vocabulary, Corpus::kSmallVocabulary)
    ->Arg(1)->Arg(3)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_JsonlZstdRoundTrip, zipf, Corpus::kZipf)
    ->Arg(-5)->Arg(-3)->Arg(-1)->Arg(1)->Arg(3)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_JsonlZstdRoundTrip, articles, Corpus::kArticles)
    ->Arg(-5)->Arg(-3)->Arg(-1)->Arg(1)->Arg(3)->Unit(benchmark::kMillisecond);

// The documents of a generated file, read once, for the benchmarks of the writing half.
const std::vector<Document>& JsonlDocuments(Corpus corpus) {
  static std::vector<Document> docs[3];
  std::vector<Document>& out = docs[static_cast<int>(corpus)];
  if (!out.empty()) return out;
  auto reader = OpenReader(GeneratedJsonl(corpus).path, {});
  Document doc;
  std::vector<ReadError> errors;
  while ((*reader)->Next(&doc, &errors)) out.push_back(doc);
  return out;
}

// Serializing alone: AppendDocumentJson into a reused 1 MB batch buffer.
void BM_SerializeJsonl(benchmark::State& state, Corpus corpus) {
  const std::vector<Document>& docs = JsonlDocuments(corpus);
  std::string lines;
  for (auto _ : state) {
    for (const Document& doc : docs) {
      AppendDocumentJson(doc, false, &lines);
      if (lines.size() >= (1 << 20)) {
        benchmark::DoNotOptimize(lines.data());
        lines.clear();
      }
    }
    lines.clear();
  }
  state.SetBytesProcessed(
      static_cast<int64_t>(GeneratedJsonl(corpus).uncompressed * state.iterations()));
}
BENCHMARK_CAPTURE(BM_SerializeJsonl, small_vocabulary, Corpus::kSmallVocabulary)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_SerializeJsonl, zipf, Corpus::kZipf)->Unit(benchmark::kMillisecond);

// Compressing and writing alone: the serialized JSON Lines through a zstd ShardWriter in 1 MB
// writes, at the level given.
void BM_WriteJsonlZstd(benchmark::State& state, Corpus corpus) {
  if (GeneratedJsonl(corpus).uncompressed == 0) {
    return state.SkipWithError("no ../shared/data/extraction-dev");
  }
  std::string jsonl;
  for (const Document& doc : JsonlDocuments(corpus)) AppendDocumentJson(doc, false, &jsonl);
  std::string out_dir = (fs::temp_directory_path() /
                         ("ghirbal-bench-out-" + std::to_string(getpid()))).string();
  for (auto _ : state) {
    auto writer = ShardWriter::Create({out_dir, "bench", Compression::kZstd,
                                       static_cast<int>(state.range(0)), 1ull << 30});
    for (size_t pos = 0; pos < jsonl.size(); pos += 1 << 20) {
      if (!(*writer)->Write(std::string_view(jsonl).substr(pos, 1 << 20)).ok()) {
        state.SkipWithError("write failed");
      }
    }
    if (!(*writer)->Close().ok()) state.SkipWithError("close");
  }
  uintmax_t compressed = 0;
  for (const auto& e : fs::directory_iterator(out_dir)) compressed += e.file_size();
  state.counters["ratio"] = static_cast<double>(jsonl.size()) / static_cast<double>(compressed);
  fs::remove_all(out_dir);
  state.SetBytesProcessed(static_cast<int64_t>(jsonl.size() * state.iterations()));
}
BENCHMARK_CAPTURE(BM_WriteJsonlZstd, small_vocabulary, Corpus::kSmallVocabulary)
    ->Arg(1)->Arg(3)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_WriteJsonlZstd, zipf, Corpus::kZipf)
    ->Arg(-5)->Arg(-3)->Arg(-1)->Arg(1)->Arg(3)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_WriteJsonlZstd, articles, Corpus::kArticles)
    ->Arg(-5)->Arg(-3)->Arg(-1)->Arg(1)->Arg(3)->Unit(benchmark::kMillisecond);

// Reading alone, to separate the reader from the writer in the round trip.
void BM_ReadJsonlZstd(benchmark::State& state, Corpus corpus) {
  const JsonlFile& f = GeneratedJsonl(corpus);
  if (f.uncompressed == 0) return state.SkipWithError("no ../shared/data/extraction-dev");
  for (auto _ : state) {
    auto reader = OpenReader(f.path, {});
    Document doc;
    std::vector<ReadError> errors;
    while ((*reader)->Next(&doc, &errors)) benchmark::DoNotOptimize(doc.text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(f.uncompressed * state.iterations()));
}
BENCHMARK_CAPTURE(BM_ReadJsonlZstd, small_vocabulary, Corpus::kSmallVocabulary)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadJsonlZstd, zipf, Corpus::kZipf)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadJsonlZstd, articles, Corpus::kArticles)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ghirbal

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ec;
  for (const auto& path : ghirbal::TempFiles()) std::filesystem::remove(path, ec);
  return 0;
}
