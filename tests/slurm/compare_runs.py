#!/usr/bin/env python3
"""Compares the kept documents of two ghirbal run directories and checks their accounting.

usage: compare_runs.py EXPECTED_DIR ACTUAL_DIR

Exits non-zero with a message unless: both runs' kept/ hold the same documents (same ids, same
bytes, after sorting by id), no id is kept twice, stats.json says read = kept + rejected +
errors, and the kept/ and rejected/ files hold exactly as many documents as stats.json says.
Shards may be uncompressed or zstd (read through `zstd -dc`).
"""
import json
import os
import subprocess
import sys


def lines_of(directory):
    out = []
    if not os.path.isdir(directory):
        return out
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        data = open(path, "rb").read()
        if name.endswith(".zst"):
            data = subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout
        out.extend(l for l in data.split(b"\n") if l)
    return out


def check(run_dir):
    stats_path = os.path.join(run_dir, "stats.json")
    if not os.path.exists(stats_path):
        sys.exit("%s: no stats.json: the run did not finish" % run_dir)
    docs = json.load(open(stats_path))["documents"]
    if docs["read"] != docs["kept"] + docs["rejected"] + docs["errors"]:
        sys.exit("%s: read %d != kept %d + rejected %d + errors %d" %
                 (run_dir, docs["read"], docs["kept"], docs["rejected"], docs["errors"]))
    kept = lines_of(os.path.join(run_dir, "kept"))
    rejected = lines_of(os.path.join(run_dir, "rejected"))
    if len(kept) != docs["kept"] or len(rejected) != docs["rejected"]:
        sys.exit("%s: kept/ holds %d and rejected/ %d documents, stats.json says %d and %d" %
                 (run_dir, len(kept), len(rejected), docs["kept"], docs["rejected"]))
    by_id = {}
    for line in kept:
        doc_id = json.loads(line)["id"]
        if doc_id in by_id:
            sys.exit("%s: document %s is kept twice" % (run_dir, doc_id))
        by_id[doc_id] = line
    seen = set(by_id)
    for line in rejected:
        doc_id = json.loads(line)["id"]
        if doc_id in seen:
            sys.exit("%s: document %s is both kept and rejected, or rejected twice" % (run_dir, doc_id))
        seen.add(doc_id)
    return docs, by_id, rejected


expected_docs, expected, _ = check(sys.argv[1])
actual_docs, actual, rejected = check(sys.argv[2])
if sorted(expected) != sorted(actual):
    missing = sorted(set(expected) - set(actual))[:5]
    extra = sorted(set(actual) - set(expected))[:5]
    sys.exit("kept ids differ: %d vs %d; missing %s, extra %s" % (len(expected), len(actual), missing, extra))
for doc_id in sorted(expected):
    if expected[doc_id] != actual[doc_id]:
        sys.exit("document %s differs:\n  %s\n  %s" % (doc_id, expected[doc_id][:300], actual[doc_id][:300]))
reasons = {}
for line in rejected:
    reject = json.loads(line).get("metadata", {}).get("reject", {})
    stage = reject.get("stage", "?") if isinstance(reject, dict) else "?"
    reasons[stage] = reasons.get(stage, 0) + 1
print("identical: %d kept documents; read %d = kept %d + rejected %d + errors %d; rejected by stage: %s" %
      (len(actual), actual_docs["read"], actual_docs["kept"], actual_docs["rejected"], actual_docs["errors"],
       json.dumps(reasons, sort_keys=True)))
