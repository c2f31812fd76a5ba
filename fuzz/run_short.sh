#!/usr/bin/env bash
# Builds every fuzz target with clang in its own build directory and runs each for N seconds
# (default 20), starting from the seed inputs under testdata/. For CI and quick local checks:
#   fuzz/run_short.sh [seconds] [build-dir]
set -euo pipefail

seconds="${1:-20}"
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${2:-$root/build-fuzz}"

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGHIRBAL_BUILD_FUZZ=ON -DGHIRBAL_BUILD_TESTS=OFF -DGHIRBAL_BUILD_BENCH=OFF > /dev/null
cmake --build "$build" --target warc_reader_fuzz jsonl_reader_fuzz -j2

run() {
  local target="$1" seeds="$2"
  local corpus
  corpus="$(mktemp -d)"
  cp "$seeds"/* "$corpus"/ 2>/dev/null || true
  echo "== $target (${seconds}s)"
  mkdir -p "$build/fuzz-artifacts"
  "$build/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$build/fuzz-artifacts/" \
    -print_final_stats=1 "$corpus"
  rm -rf "$corpus"
}

run warc_reader_fuzz "$root/testdata/io/fuzz-seeds/warc"
run jsonl_reader_fuzz "$root/testdata/io/fuzz-seeds/jsonl"
