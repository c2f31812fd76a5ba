#include "pipeline/segment_executor.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>

#include "core/json.h"

namespace ghirbal {
namespace {

using Clock = std::chrono::steady_clock;

uint64_t DocBytes(const Document& d) { return d.text.size() + d.raw.size(); }

// One batch on its way through the pipeline, with what the workers made of it.
struct Work {
  Batch batch;
  std::string kept_json;
  std::string rejected_json;
  std::string errors_json;
  uint64_t kept = 0;
  uint64_t rejected = 0;
  std::vector<StageStats> stage_stats;  // one per pipeline step touched
};

// Runs `fn` (which processes the batch for step `step`) and accounts for it: documents that
// entered (not yet rejected), left, and were newly rejected by reason.
template <typename Fn>
void Accounted(Batch& batch, StageStats* s, const std::string& stage_name, Fn&& fn) {
  std::vector<char> was_rejected(batch.documents.size());
  for (size_t i = 0; i < batch.documents.size(); ++i) {
    const Document& d = batch.documents[i];
    was_rejected[i] = d.rejected();
    if (!d.rejected()) {
      ++s->documents_in;
      s->bytes_in += DocBytes(d);
    }
  }
  auto start = Clock::now();
  try {
    fn();
  } catch (const std::exception& e) {
    // A stage must not throw; if one does, its documents are rejected rather than lost.
    for (Document& d : batch.documents) d.Reject(stage_name, "stage_exception", JsonString(e.what()));
  }
  s->seconds += std::chrono::duration<double>(Clock::now() - start).count();
  for (size_t i = 0; i < batch.documents.size(); ++i) {
    const Document& d = batch.documents[i];
    if (was_rejected[i]) continue;
    if (d.rejected()) {
      ++s->dropped[d.verdict.reason];
    } else {
      ++s->documents_out;
      s->bytes_out += DocBytes(d);
    }
  }
}

void AppendErrorJson(const ReadError& e, std::string* out) {
  JsonBuilder b;
  b.BeginObject().Key("file").String(e.file).Key("offset").Int(static_cast<int64_t>(e.offset));
  b.Key("reason").String(e.reason).EndObject();
  out->append(b.str());
  out->push_back('\n');
}

// Reads documents file after file into batches.
class BatchReader {
 public:
  BatchReader(const SegmentJob& job, RunStats* stats) : job_(job), stats_(stats) {}

  // Fills `batch`; returns false when the input is exhausted and nothing was read.
  Status Fill(Batch* batch, bool* more) {
    size_t bytes = 0;
    while (batch->documents.size() < job_.batch_documents && bytes < job_.batch_bytes) {
      if (reader_ == nullptr) {
        if (next_file_ >= job_.inputs.size()) break;
        const SegmentInput& in = job_.inputs[next_file_];
        ReaderOptions options = job_.reader;
        options.range_begin = in.begin;
        options.range_end = in.end;
        Result<std::unique_ptr<DocumentReader>> r = OpenReader(in.path, options);
        ++next_file_;
        if (!r.ok()) {
          // Checked before the run started; if it vanished since, say so and go on.
          batch->errors.push_back({in.path, 0, "unreadable: " + r.status().message()});
          ++stats_->errors;
          ++stats_->documents_read;
          if (in.begin == 0) ++stats_->files;
          continue;
        }
        reader_ = std::move(r).value();
      }
      Document doc;
      size_t errors_before = batch->errors.size();
      bool got = reader_->Next(&doc, &batch->errors);
      stats_->errors += batch->errors.size() - errors_before;
      stats_->documents_read += batch->errors.size() - errors_before;
      if (!got) {
        FinishFile();
        continue;
      }
      if (!job_.inputs_carry_origin) {
        // Records are numbered through the part, whose files are read one after the other.
        doc.origin.part = job_.inputs[next_file_ - 1].part;
        doc.origin.ordinal += ordinal_base_;
      }
      ++stats_->documents_read;
      bytes += DocBytes(doc);
      batch->documents.push_back(std::move(doc));
    }
    *more = !batch->documents.empty() || !batch->errors.empty();
    return Status::Ok();
  }

 private:
  void FinishFile() {
    stats_->input.Merge(reader_->counters());
    ordinal_base_ += reader_->counters().records;
    if (job_.inputs[next_file_ - 1].begin == 0) ++stats_->files;  // a file's first range counts it
    if (job_.progress != nullptr) {
      job_.progress->parts_done++;
      job_.progress->bytes += job_.inputs[next_file_ - 1].size;
    }
    reader_.reset();
  }

  const SegmentJob& job_;
  RunStats* stats_;
  size_t next_file_ = 0;
  uint64_t ordinal_base_ = 0;  // records of the files read before this one
  std::unique_ptr<DocumentReader> reader_;
};

}  // namespace

Status RunSegment(const SegmentJob& job, RunStats* stats) {
  const BuiltPipeline& pipeline = *job.pipeline;
  const Segment& segment = pipeline.segments()[job.segment];
  const auto& steps = pipeline.steps();
  if (stats->stages.size() < steps.size()) stats->stages.resize(steps.size());
  for (size_t i = 0; i < steps.size(); ++i) stats->stages[i].name = steps[i].name;

  // Segment 0 reads the real input and counts it; later segments re-read intermediate files,
  // whose documents were counted already, so they get a scratch RunStats for reading.
  RunStats read_scratch;
  RunStats* read_stats = job.segment == 0 ? stats : &read_scratch;
  BatchReader reader(job, read_stats);

  using States = std::vector<std::unique_ptr<StageState>>;
  tbb::enumerable_thread_specific<States> states([&] {
    States s(steps.size());
    for (int i : segment.steps) s[i] = steps[i].stage->NewState();
    return s;
  });

  const int threads = job.threads > 0 ? job.threads : 1;
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  std::mutex error_mu;
  Status first_error;
  std::atomic<bool> failed{false};
  auto fail = [&](Status st) {
    std::lock_guard<std::mutex> lock(error_mu);
    if (first_error.ok()) first_error = std::move(st);
    failed = true;
  };
  uint64_t sequence = 0;

  auto read = [&](tbb::flow_control& fc) -> Work* {
    if (failed) {
      fc.stop();
      return nullptr;
    }
    auto work = std::make_unique<Work>();
    work->batch.sequence = sequence++;
    work->stage_stats.resize(steps.size());
    bool more = false;
    Status st = reader.Fill(&work->batch, &more);
    if (!st.ok()) {
      fail(std::move(st));
      fc.stop();
      return nullptr;
    }
    if (!more) {
      fc.stop();
      return nullptr;
    }
    if (job.progress != nullptr) job.progress->documents += work->batch.documents.size() + work->batch.errors.size();
    return work.release();
  };

  auto process = [&](Work* work) -> Work* {
    States& s = states.local();
    if (job.applier != nullptr) {
      const int i = segment.apply_step;
      Accounted(work->batch, &work->stage_stats[i], steps[i].name, [&] { job.applier->Apply(work->batch); });
    }
    for (int i : segment.steps) {
      Accounted(work->batch, &work->stage_stats[i], steps[i].name,
                [&] { steps[i].stage->Process(work->batch, s[i].get()); });
    }
    if (job.collector != nullptr) {
      // Only looks, like Collect; its cost is charged to the global stage.
      auto start = Clock::now();
      job.collector->Prepare(work->batch);
      work->stage_stats[segment.collect_step].seconds += std::chrono::duration<double>(Clock::now() - start).count();
    }
    for (const Document& d : work->batch.documents) {
      if (d.rejected()) {
        ++work->rejected;
        if (job.rejected != nullptr) AppendDocumentJson(d, false, &work->rejected_json);
      } else {
        ++work->kept;
        AppendDocumentJson(d, job.kept_with_origin, &work->kept_json);
      }
    }
    for (const ReadError& e : work->batch.errors) AppendErrorJson(e, &work->errors_json);
    return work;
  };

  auto write = [&](Work* raw) {
    std::unique_ptr<Work> work(raw);
    if (failed) return;
    if (job.collector != nullptr) {
      int i = segment.collect_step;
      // Collect only looks; its cost is charged to the global stage.
      auto start = Clock::now();
      Status st = job.collector->Collect(work->batch);
      work->stage_stats[i].seconds += std::chrono::duration<double>(Clock::now() - start).count();
      if (!st.ok()) return fail(std::move(st));
    }
    for (RunObserver* o : job.observers) o->Observe(work->batch);
    Status st = job.kept->Write(work->kept_json);
    if (st.ok() && job.rejected != nullptr) st = job.rejected->Write(work->rejected_json);
    if (st.ok() && !work->errors_json.empty()) {
      if (job.errors != nullptr) {
        st = job.errors->Write(work->errors_json);
      } else {
        std::fwrite(work->errors_json.data(), 1, work->errors_json.size(), stderr);
      }
    }
    if (!st.ok()) return fail(std::move(st));
    stats->rejected += work->rejected;
    if (job.progress != nullptr) job.progress->kept += work->kept;
    for (size_t i = 0; i < steps.size(); ++i) stats->stages[i].Merge(work->stage_stats[i]);
    // Only the last segment's survivors are kept documents; earlier ones are intermediate.
    if (job.final_output) stats->kept += work->kept;
  };

  try {
    tbb::parallel_pipeline(
        static_cast<size_t>(threads) * 2 + 1,
        tbb::make_filter<void, Work*>(tbb::filter_mode::serial_in_order, read) &
            tbb::make_filter<Work*, Work*>(tbb::filter_mode::parallel, process) &
            tbb::make_filter<Work*, void>(tbb::filter_mode::serial_in_order, write));
  } catch (const std::exception& e) {
    fail(Status::IoError(std::string("pipeline failed: ") + e.what()));
  }
  if (failed) return first_error;
  if (job.collector != nullptr) GHIRBAL_RETURN_IF_ERROR(job.collector->Finish());
  return Status::Ok();
}

}  // namespace ghirbal
