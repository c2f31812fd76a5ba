// RunObserver: sees every batch a task writes, to gather statistics about the run (the run
// report's histograms and examples) without reading the output files again.
//
// The runner makes one observer per (segment, task) from the registered factories; Observe is
// called on the writer thread in input order, so observers need no locks. What an observer
// gathers must merge across tasks (it is written per task and combined by its reader).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/batch.h"
#include "core/status.h"

namespace ghirbal {

struct ObserverContext {
  std::string run_dir;
  std::string task_prefix;  // "task-00003" or "task-00003.s1": name its files with it
  int segment = 0;
  bool final_segment = true;  // surviving documents of this segment are the kept ones
  int threads = 1;            // worker threads of this task step
};

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // `batch` after every stage of the segment ran; rejected documents carry their verdict.
  virtual void Observe(const Batch& batch) = 0;
  // Writes what was gathered (atomically) into the run directory.
  virtual Status Finish() = 0;
};

using RunObserverFactory = std::function<std::unique_ptr<RunObserver>(const ObserverContext&)>;

// Registers a factory for every run of this process (call from a static initializer).
void RegisterRunObserver(RunObserverFactory factory);
std::vector<std::unique_ptr<RunObserver>> MakeRunObservers(const ObserverContext& ctx);

}  // namespace ghirbal
