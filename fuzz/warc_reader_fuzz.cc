// libFuzzer target: arbitrary bytes (plain, gzip or zstd) read as a WARC file.
#include "reader_fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ghirbal::fuzzing::ReadAndCheck(data, size, "fuzz.warc", ghirbal::InputFormat::kWarc);
  return 0;
}
