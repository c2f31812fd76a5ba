#!/usr/bin/env bash
# Peak memory and throughput of a default run with 2 threads on a generated crawl.
#   bench/run_memory.sh [SIZE_MB] [BUILD_DIR]     (defaults: 1024, build/release)
# Prints the input size, wall time, documents/s, MB/s and the peak resident set size.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1024}
build=${2:-build/release}
work=$(mktemp -d /tmp/ghirbal-membench-XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 bench/gen_crawl.py "$work/crawl.warc.gz" "$size"
/usr/bin/time -v "$build/ghirbal" run --input "$work/crawl.warc.gz" --output "$work/out" --threads 2 \
  --no-progress 2> "$work/time.txt" || { cat "$work/time.txt"; exit 1; }
grep -E "^ghirbal:" "$work/time.txt" || true
wall=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
rss=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
echo "input: ${size} MB uncompressed WARC ($(du -m "$work/crawl.warc.gz" | cut -f1) MB gzipped)"
echo "wall: $wall   peak RSS: $((rss / 1024)) MiB   threads: 2"
echo "revision: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)  compiler: $(c++ --version | head -1)"
