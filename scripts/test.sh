#!/usr/bin/env bash
# The README's second command (and CI's): build with AddressSanitizer and UBSan and run the
# whole test suite, then a short run of the fuzz targets.
#   FUZZ_SECONDS=N   seconds per fuzz target (default 10; 0 skips fuzzing)
# CI fuzzes the code that sees untrusted input first (the WARC, JSON Lines and HTML parsers,
# text normalization, language ID); fuzz/run_short.sh without target names runs every target.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
jobs=$(nproc)
cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGHIRBAL_SANITIZE=ON \
      -DGHIRBAL_BUILD_BENCH=OFF >/dev/null
cmake --build build/test -j"$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build/test --output-on-failure -j"$jobs" --timeout 900

fuzz_seconds="${FUZZ_SECONDS:-10}"
if [ "$fuzz_seconds" != "0" ]; then
  fuzz/run_short.sh "$fuzz_seconds" build/fuzz warc_reader_fuzz jsonl_reader_fuzz html_extract_fuzz normalize_fuzz \
    langid_fuzz
fi
