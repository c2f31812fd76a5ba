// Deduplication benchmarks.
//
//   dedup_bench                       Google Benchmark micro benchmarks (signatures, normalization)
//   dedup_bench --quality PAIRS       detection rate per similarity level on a planted corpus
//                                     (PAIRS pairs per level) against 1-(1-s^8)^14
//   dedup_bench --run DOCS [THREADS]  a whole MinHash run (collect, buckets, clusters, apply) on
//                                     DOCS generated ~2 KB documents (10% near copies), with the
//                                     time of each phase and the peak resident memory
#include <sys/resource.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>

#include "dedup/dedup_testing.h"
#include "dedup/dedup_text.h"
#include "dedup/line_dedup.h"
#include "dedup/minhash.h"
#include "dedup/near_duplicate_corpus.h"

namespace ghirbal::dedup {
namespace {

// Document `i` of the generated run: ~330 random words (~2 KB); every tenth document is a copy
// of the one before with 5 words substituted (Jaccard ~0.9).
// SplitMix64: cheap enough that generating documents costs little next to hashing them.
struct Rng {
  uint64_t state;
  uint64_t operator()() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
};

std::string DocText(uint64_t i) {
  static const std::vector<std::string> vocab = [] {
    std::vector<std::string> v;
    std::mt19937_64 rng(7);
    for (int k = 0; k < 50000; ++k) {
      std::string w;
      int n = 2 + rng() % 8;
      for (int j = 0; j < n; ++j) w += static_cast<char>('a' + rng() % 26);
      v.push_back(w);
    }
    return v;
  }();
  const bool copy = i % 10 == 9;
  Rng rng{copy ? i - 1 : i};
  const int n = 300 + rng() % 60;
  std::vector<uint32_t> words(n);
  for (auto& w : words) w = rng() % vocab.size();
  if (copy) {
    Rng edit{i * 31 + 7};
    for (int k = 0; k < 5; ++k) words[edit() % n] = edit() % vocab.size();
  }
  std::string text;
  for (int k = 0; k < n; ++k) {
    if (k > 0) text += k % 15 == 0 ? ".\n" : " ";
    text += vocab[words[k]];
  }
  return text;
}

void BM_Signature(benchmark::State& state) {
  MinHasher hasher({});
  std::vector<std::string> docs;
  size_t bytes = 0;
  for (int i = 0; i < 256; ++i) {
    docs.push_back(DocText(i));
    bytes += docs.back().size();
  }
  MinHasher::Scratch scratch;
  std::vector<uint32_t> sig;
  for (auto _ : state) {
    for (const auto& d : docs) benchmark::DoNotOptimize(hasher.Signature(d, &scratch, &sig));
  }
  state.SetItemsProcessed(state.iterations() * docs.size());
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_Signature);

void BM_SignatureArabic(benchmark::State& state) {
  NearDuplicateCorpusOptions o;
  o.levels = {0.8};
  o.pairs_per_level = 128;
  o.arabic_share = 1.0;
  o.min_words = 300;
  o.max_words = 360;
  MinHasher hasher({});
  NearDuplicateCorpus corpus = MakeNearDuplicateCorpus(o, hasher.params());
  size_t bytes = 0;
  for (const auto& t : corpus.texts) bytes += t.size();
  MinHasher::Scratch scratch;
  std::vector<uint32_t> sig;
  for (auto _ : state) {
    for (const auto& d : corpus.texts) benchmark::DoNotOptimize(hasher.Signature(d, &scratch, &sig));
  }
  state.SetItemsProcessed(state.iterations() * corpus.texts.size());
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_SignatureArabic);

void BM_ExactNormalizeHash(benchmark::State& state) {
  std::vector<std::string> docs;
  for (int i = 0; i < 256; ++i) docs.push_back(DocText(i));
  std::string normalized;
  for (auto _ : state) {
    for (const auto& d : docs) {
      NormalizeForDedup(d, &normalized);
      benchmark::DoNotOptimize(HashText128(normalized));
    }
  }
  state.SetItemsProcessed(state.iterations() * docs.size());
}
BENCHMARK(BM_ExactNormalizeHash);

// NormalizeForDedup alone, which exact, line_dedup (twice per line) and minhash all run:
// Latin-letter documents (arg 0) and Arabic ones (arg 1).
void BM_NormalizeForDedup(benchmark::State& state) {
  std::vector<std::string> docs;
  if (state.range(0) == 0) {
    for (int i = 0; i < 256; ++i) docs.push_back(DocText(i));
  } else {
    NearDuplicateCorpusOptions o;
    o.levels = {0.8};
    o.pairs_per_level = 128;
    o.arabic_share = 1.0;
    docs = MakeNearDuplicateCorpus(o, MinHasher({}).params()).texts;
  }
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.size();
  std::string normalized;
  for (auto _ : state) {
    for (const auto& d : docs) {
      NormalizeForDedup(d, &normalized);
      benchmark::DoNotOptimize(normalized.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_NormalizeForDedup)->Arg(0)->Arg(1);

// line_dedup's three phases on 5,000 generated documents that share a few footer lines.
void BM_LineDedupRun(benchmark::State& state) {
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string t = DocText(i);
    t += "\nCopyright the example news site, all rights reserved " + std::to_string(i % 50);
    t += "\nSubscribe to our newsletter to get the latest news every morning";
    bytes += t.size();
    texts.push_back(std::move(t));
  }
  const std::string dir = std::filesystem::temp_directory_path() / "ghirbal_dedup_bench_lines";
  const LineDedup stage({});
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto docs = testing::MakeDocs(texts, 1000);
    state.ResumeTiming();
    if (!testing::Run(stage, &docs, dir, {1, 256}).ok()) state.SkipWithError("line_dedup failed");
  }
  std::filesystem::remove_all(dir);
  state.SetItemsProcessed(state.iterations() * texts.size());
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_LineDedupRun)->Unit(benchmark::kMillisecond);

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

long PeakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

int Quality(size_t pairs) {
  NearDuplicateCorpusOptions co;
  co.levels = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95};
  co.pairs_per_level = pairs;
  co.seed = 1234;
  MinHashOptions o;
  auto start = std::chrono::steady_clock::now();
  const NearDuplicateCorpus corpus = MakeNearDuplicateCorpus(co, o.params);
  std::printf("corpus: %zu documents, %zu planted pairs (%.1f s to generate)\n", corpus.texts.size(), corpus.pairs.size(),
              Seconds(start));
  auto docs = testing::MakeDocs(corpus.texts, 1000);
  const std::string dir = std::filesystem::temp_directory_path() / "ghirbal_dedup_bench_quality";
  std::filesystem::remove_all(dir);
  start = std::chrono::steady_clock::now();
  Status st = testing::Run(MinHashDedup(o), &docs, dir, {4, 256});
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.ToString().c_str());
    return 1;
  }
  std::printf("minhash run: %.1f s\n", Seconds(start));
  std::map<double, std::array<double, 3>> rows;  // detected, theory, count
  for (const PlantedPair& p : corpus.pairs) {
    auto ca = docs[p.a].metadata.GetString("minhash_cluster"), cb = docs[p.b].metadata.GetString("minhash_cluster");
    auto& r = rows[p.level];
    r[0] += ca && cb && *ca == *cb;
    r[1] += CandidateProbability(p.jaccard, o.params.bands, o.params.rows);
    r[2] += 1;
  }
  std::printf("| similarity | pairs | detected | theory 1-(1-s^8)^14 | difference |\n|---|---|---|---|---|\n");
  for (const auto& [level, r] : rows) {
    std::printf("| %.2f | %.0f | %.4f | %.4f | %+.4f |\n", level, r[2], r[0] / r[2], r[1] / r[2], (r[0] - r[1]) / r[2]);
  }
  std::filesystem::remove_all(dir);
  return 0;
}

// A whole run with documents generated on the fly (nothing of the corpus is held in memory),
// `threads` tasks collecting and applying in parallel, band shards reduced in parallel.
int FullRun(uint64_t n, int threads) {
  const std::string dir = std::filesystem::temp_directory_path() / "ghirbal_dedup_bench_run";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  MinHashDedup stage({});
  const int tasks = threads;
  const uint64_t per_file = 10000;
  auto for_task_batches = [&](int task, auto&& fn) {
    Batch batch;
    for (uint64_t i = 0; i < n; ++i) {
      if (static_cast<int>((i / per_file) % tasks) != task) continue;
      Document d;
      d.id = "doc" + std::to_string(i);
      d.text = DocText(i);
      d.origin.part = static_cast<uint32_t>(i / per_file);
      d.origin.ordinal = i % per_file;
      batch.documents.push_back(std::move(d));
      if (batch.documents.size() == 256 || i + 1 == n) {
        fn(batch);
        batch.documents.clear();
      }
    }
    if (!batch.documents.empty()) fn(batch);
  };
  auto parallel = [&](int jobs, auto&& job) {
    std::vector<std::thread> pool;
    std::atomic<int> next{0};
    std::atomic<bool> ok{true};
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&] {
        for (int j; (j = next++) < jobs;) {
          Status st = job(j);
          if (!st.ok()) {
            std::fprintf(stderr, "%s\n", st.ToString().c_str());
            ok = false;
          }
        }
      });
    }
    for (auto& th : pool) th.join();
    return ok.load();
  };
  // What generating the documents costs, to tell it apart from the stage's own work.
  double cpu = CpuSeconds();
  size_t bytes = 0;
  for (uint64_t i = 0; i < std::min<uint64_t>(n, 20000); ++i) bytes += DocText(i).size();
  const double generate_per_doc = (CpuSeconds() - cpu) / std::min<uint64_t>(n, 20000);
  std::printf("documents: mean %.0f bytes, generating one costs %.1f us of CPU\n", bytes / double(std::min<uint64_t>(n, 20000)),
              generate_per_doc * 1e6);
  auto total = std::chrono::steady_clock::now();
  auto start = total;
  cpu = CpuSeconds();
  if (!parallel(tasks, [&](int task) -> Status {
        auto c = stage.NewCollector({dir, task, tasks});
        if (!c.ok()) return c.status();
        Status st;
        for_task_batches(task, [&](Batch& b) {
          if (st.ok()) st = (*c)->Collect(b);
        });
        GHIRBAL_RETURN_IF_ERROR(st);
        return (*c)->Finish();
      })) {
    return 1;
  }
  const double collect = Seconds(start), collect_cpu = CpuSeconds() - cpu - n * generate_per_doc;
  start = std::chrono::steady_clock::now();
  cpu = CpuSeconds();
  if (!parallel(stage.ReduceShards(0), [&](int band) { return stage.Reduce(0, band, {dir, 0, tasks}); })) return 1;
  const double buckets = Seconds(start), buckets_cpu = CpuSeconds() - cpu;
  start = std::chrono::steady_clock::now();
  cpu = CpuSeconds();
  if (!parallel(1, [&](int) { return stage.Reduce(1, 0, {dir, 0, tasks}); })) return 1;
  const double clusters = Seconds(start), clusters_cpu = CpuSeconds() - cpu;
  start = std::chrono::steady_clock::now();
  cpu = CpuSeconds();
  std::atomic<uint64_t> rejected{0};
  if (!parallel(tasks, [&](int task) -> Status {
        auto a = stage.NewApplier({dir, task, tasks});
        if (!a.ok()) return a.status();
        for_task_batches(task, [&](Batch& b) {
          (*a)->Apply(b);
          for (const auto& d : b.documents) rejected += d.rejected();
        });
        return Status::Ok();
      })) {
    return 1;
  }
  const double apply = Seconds(start), apply_cpu = CpuSeconds() - cpu - n * generate_per_doc;
  uint64_t disk = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) disk += e.file_size();
  std::printf("documents %llu, threads/tasks %d, rejected %llu (planted copies %llu)\n", (unsigned long long)n, threads,
              (unsigned long long)rejected.load(), (unsigned long long)(n / 10));
  std::printf("wall (incl. generating documents): collect %.1f s, buckets %.1f s, clusters %.1f s, apply %.1f s\n",
              collect, buckets, clusters, apply);
  std::printf("CPU (excl. generating): collect %.1f s (%.0f docs/s per core), buckets %.1f s, clusters %.1f s, apply %.1f s\n",
              collect_cpu, n / collect_cpu, buckets_cpu, clusters_cpu, apply_cpu);
  std::printf("total %.1f s, peak RSS %ld MiB, work files %.1f MiB\n", Seconds(total), PeakRssMiB(), disk / 1048576.0);
  std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace ghirbal::dedup

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "--quality") == 0) return ghirbal::dedup::Quality(std::strtoull(argv[2], nullptr, 10));
  if (argc >= 3 && std::strcmp(argv[1], "--run") == 0) {
    return ghirbal::dedup::FullRun(std::strtoull(argv[2], nullptr, 10), argc >= 4 ? std::atoi(argv[3]) : 2);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
