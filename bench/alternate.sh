#!/usr/bin/env bash
# Runs Google Benchmark binaries in turn, six rounds of three repetitions each, and prints
# the minimum and median time per binary: on a machine whose speed drifts by a quarter
# within minutes, only alternated runs of a before and an after build can be compared.
#   bench/alternate.sh FILTER BINARY...
#   e.g. bench/alternate.sh 'BM_DefaultChain/1' /tmp/before/filter_chain_bench build/bench/filter_chain_bench
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 BENCHMARK_FILTER BINARY..." >&2
  exit 2
fi
filter=$1
shift
declare -A times
for round in 1 2 3 4 5 6; do
  for binary in "$@"; do
    t=$("$binary" --benchmark_filter="$filter" --benchmark_repetitions=3 --benchmark_min_time=0.3 \
          2>/dev/null | grep '^BM' | grep -vE '_(mean|median|stddev|cv) ' | awk '{print $2}')
    times[$binary]="${times[$binary]:-} $t"
  done
done
for binary in "$@"; do
  echo -n "$binary: "
  echo ${times[$binary]} | tr ' ' '\n' | sort -g |
    awk '{v[NR] = $1} END {printf "min %s median %s (ms, %d runs)\n", v[1], v[int((NR + 1) / 2)], NR}'
done
