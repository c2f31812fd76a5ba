#!/usr/bin/env bash
# The README's first command: install dependencies, build ghirbal, run the default pipeline on
# the sample crawl shipped in samples/, and show where the output is.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DGHIRBAL_BUILD_TESTS=OFF >/dev/null
cmake --build build/release --target ghirbal -j"$(nproc)"

out=out/sample
rm -rf "$out"
echo
echo "\$ build/release/ghirbal run --input samples/crawl.warc.gz --output $out"
build/release/ghirbal run --input samples/crawl.warc.gz --output "$out"
echo
build/release/ghirbal stats "$out"
echo
echo "Kept documents: $out/kept/ (read them with: zstdcat $out/kept/*.jsonl.zst | head -c 2000)"
echo "Rejected documents and why: $out/rejected/; unreadable records: $out/errors.jsonl"
