// libFuzzer target: arbitrary bytes (plain, gzip or zstd) read as JSON Lines.
#include "reader_fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ghirbal::fuzzing::ReadAndCheck(data, size, "fuzz.jsonl", ghirbal::InputFormat::kJsonl);
  return 0;
}
