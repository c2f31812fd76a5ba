#!/usr/bin/env bash
# Instructions and mispredicted conditional branches of the filter chain's three stages on
# one benchmark case, counted by callgrind (stable where CPU time is not), and an estimate of
# their cost: instructions + 15 per mispredicted branch.
#   bench/callgrind_cost.sh BINARY [BENCHMARK_FILTER]    (default 'BM_DefaultChain/1$')
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 filter_chain_bench [BENCHMARK_FILTER]" >&2
  exit 2
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
valgrind --tool=callgrind --branch-sim=yes --callgrind-out-file="$out" \
  --toggle-collect='*CleanLinesStage::ProcessDocument*' \
  --toggle-collect='*QualityFilterStage::ProcessDocument*' \
  --toggle-collect='*PiiStage::ProcessDocument*' \
  "$1" --benchmark_filter="${2:-BM_DefaultChain/1\$}" --benchmark_min_time=0.01 >/dev/null 2>&1
callgrind_annotate "$out" 2>/dev/null | grep 'PROGRAM TOTALS' |
  awk '{gsub(",", "", $1); gsub(",", "", $5);
        printf "instructions %.1f M, mispredicted branches %.2f M, estimate %.1f M\n",
               $1 / 1e6, $5 / 1e6, ($1 + 15 * $5) / 1e6}'
