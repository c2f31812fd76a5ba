#!/usr/bin/env bash
# Builds fuzz targets with clang in their own build directory and runs each for N seconds
# (default 20). For CI and quick local checks:
#   fuzz/run_short.sh [seconds] [build-dir] [target...]
# Without targets, every fuzz/*_fuzz.cc is built and run. A target `foo_fuzz` starts from the
# seed inputs in testdata/*/fuzz-seeds/foo/ when that folder exists. Crashes and hangs (an input
# running over 10 s) fail the script and leave the input in <build-dir>/fuzz-artifacts/.
set -euo pipefail

seconds="${1:-20}"
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${2:-$root/build-fuzz}"
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$root"/fuzz/*_fuzz.cc; do targets+=("$(basename "$f" .cc)"); done
fi

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGHIRBAL_BUILD_FUZZ=ON -DGHIRBAL_BUILD_TESTS=OFF -DGHIRBAL_BUILD_BENCH=OFF > /dev/null
cmake --build "$build" --target "${targets[@]}" -j2

mkdir -p "$build/fuzz-artifacts"
for target in "${targets[@]}"; do
  corpus="$(mktemp -d)"
  for seeds in "$root"/testdata/*/fuzz-seeds/"${target%_fuzz}"; do
    [ -d "$seeds" ] && cp "$seeds"/* "$corpus"/ 2>/dev/null || true
  done
  echo "== $target (${seconds}s)"
  status=0
  "$build/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$build/fuzz-artifacts/" -print_final_stats=1 "$corpus" || status=$?
  rm -rf "$corpus"
  [ "$status" -eq 0 ] || exit "$status"
done
