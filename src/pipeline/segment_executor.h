// Runs one segment of a pipeline for one task: read -> (apply) -> stages -> (collect) -> write.
//
// Built on oneTBB's parallel_pipeline: batches are read in order by one thread, processed by
// all threads, and written in input order by one thread, so the output bytes do not depend on
// the thread count. At most `max_batches_in_flight` batches exist at once, which bounds memory
// whatever the input size.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/stage.h"
#include "core/status.h"
#include "io/document_reader.h"
#include "io/document_writer.h"
#include "pipeline/built_pipeline.h"
#include "pipeline/progress.h"
#include "pipeline/run_observer.h"
#include "pipeline/run_stats.h"

namespace ghirbal {

struct SegmentInput {
  uint32_t part = 0;  // the run's input part this is (Origin::part of its documents)
  std::string path;
  uint64_t size = 0;  // bytes, for progress
  // The byte range of the file to read (ReaderOptions::range_begin/end).
  uint64_t begin = 0;
  uint64_t end = UINT64_MAX;
};

struct SegmentJob {
  const BuiltPipeline* pipeline = nullptr;
  int segment = 0;
  // Read in order; in segment 0 the ranges of one input part, whose records are numbered
  // (Origin::ordinal) through all of them.
  std::vector<SegmentInput> inputs;
  ReaderOptions reader;
  bool inputs_carry_origin = false;  // intermediate files: origin is read back from them
  // Global-stage phases at the ends of the segment (nullptr when the segment has none).
  const GlobalStage::Applier* applier = nullptr;
  GlobalStage::Collector* collector = nullptr;
  // Outputs. `kept` receives surviving documents (with origin when `kept_with_origin`),
  // `rejected` the documents dropped in this segment (may be null: counted, not written),
  // `errors` one JSON line per read error (may be null: then printed to stderr).
  ShardWriter* kept = nullptr;
  bool kept_with_origin = false;
  bool final_output = true;  // false: `kept` is an intermediate file, not counted as kept
  ShardWriter* rejected = nullptr;
  ShardWriter* errors = nullptr;
  int threads = 1;
  size_t batch_documents = 64;
  size_t batch_bytes = 8u << 20;
  ProgressCounters* progress = nullptr;  // optional
  std::vector<RunObserver*> observers;   // see every processed batch, in input order
};

// Runs `job`, adding its accounting to `stats` (stats->stages must have one entry per step of
// the pipeline). Returns an error only when the environment fails (a reader cannot open a
// file, a writer cannot write); bad records are errors.jsonl entries and reading goes on.
Status RunSegment(const SegmentJob& job, RunStats* stats);

}  // namespace ghirbal
