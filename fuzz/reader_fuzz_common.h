// Shared body of the reader fuzz targets: read every document of the input with a small record
// limit and check invariants that must hold whatever the bytes.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "io/document_reader.h"

namespace ghirbal::fuzzing {

inline constexpr size_t kMaxInputBytes = 1 << 20;

// Aborts with the failed condition, so the fuzzer keeps the input and says why.
#define FUZZ_CHECK(cond)                                            \
  do {                                                              \
    if (!(cond)) {                                                  \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      abort();                                                      \
    }                                                               \
  } while (0)

inline void ReadAndCheck(const uint8_t* data, size_t size, const std::string& name,
                         InputFormat format) {
  if (size > kMaxInputBytes) return;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ReaderOptions options;
  options.format = format;
  options.max_record_bytes = 64 << 10;
  options.html_field = "html";
  auto reader = OpenReaderFromMemory(bytes, name, options);
  Document doc;
  std::vector<ReadError> errors;
  uint64_t documents = 0;
  uint64_t last_ordinal = 0;
  // Every document consumes input, so more documents than bytes would mean a loop.
  while (reader->Next(&doc, &errors)) {
    FUZZ_CHECK(++documents <= size + 1);
    FUZZ_CHECK(!doc.id.empty());
    FUZZ_CHECK(doc.raw.size() <= options.max_record_bytes);
    FUZZ_CHECK(documents == 1 || doc.origin.ordinal > last_ordinal || format == InputFormat::kJsonl);
    last_ordinal = doc.origin.ordinal;
  }
  FUZZ_CHECK(!reader->Next(&doc, &errors));  // the end is sticky
  const InputCounters& counters = reader->counters();
  FUZZ_CHECK(counters.compressed_bytes <= size);
  FUZZ_CHECK(counters.records >= documents);
  // Offsets point into the file, or into the decompressed stream for compressed inputs.
  const uint64_t limit = std::max<uint64_t>(size, counters.uncompressed_bytes);
  for (const ReadError& e : errors) {
    FUZZ_CHECK(e.offset <= limit);
    FUZZ_CHECK(!e.reason.empty());
    FUZZ_CHECK(e.file == name);
  }
}

}  // namespace ghirbal::fuzzing
