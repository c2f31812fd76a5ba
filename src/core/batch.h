// Batch: the unit of work that flows through a pipeline, a run of consecutive input records.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/document.h"

namespace ghirbal {

// A record that could not be read: it goes to errors.jsonl with its file and byte offset and
// counts as one document read (read = kept + rejected + errors).
struct ReadError {
  std::string file;
  uint64_t offset = 0;
  std::string reason;
};

struct Batch {
  uint64_t sequence = 0;  // position of the batch in its task's stream
  std::vector<Document> documents;
  std::vector<ReadError> errors;  // read errors met while filling this batch, in input order
  // Per document, what the collector of the global stage ending the segment computed for it
  // on a worker thread (GlobalStage::Collector::Prepare); empty when there is none.
  std::vector<std::string> prepared;
};

}  // namespace ghirbal
