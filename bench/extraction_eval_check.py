#!/usr/bin/env python3
"""Recomputes the extraction metric in Python, from the benchmark's definition, for predictions
dumped by `GHIRBAL_EVAL_DUMP=<dir> build-x/bench/extraction_eval`, to check html/extract_eval.cc.

    python3 bench/extraction_eval_check.py <dump_dir> [ground-truth.json]
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

WORD = re.compile(r"\w+")


def grams(text):
    words = WORD.findall(text)
    if not words:
        return Counter()
    if len(words) < 4:
        return Counter([tuple(words)])
    return Counter(tuple(words[i:i + 4]) for i in range(len(words) - 3))


def main():
    dump = Path(sys.argv[1])
    truth_path = sys.argv[2] if len(sys.argv) > 2 else "../shared/data/extraction-dev/ground-truth.json"
    truth = json.load(open(truth_path, encoding="utf-8"))
    ps, rs = [], []
    for pid, entry in sorted(truth.items()):
        f = dump / (pid + ".txt")
        if not f.exists():
            continue
        pred, gold = grams(f.read_text(encoding="utf-8")), grams(entry["articleBody"])
        tp = sum((pred & gold).values())
        fp, fn = sum(pred.values()) - tp, sum(gold.values()) - tp
        p = 1.0 if fp == fn == 0 else (tp / (tp + fp) if tp + fp else 0.0)
        r = 1.0 if fp == fn == 0 else (tp / (tp + fn) if tp + fn else 0.0)
        if pred:
            ps.append(p)
        if gold:
            rs.append(r)
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"pages {len(rs)}  precision {p:.4f}  recall {r:.4f}  F1 {f1:.4f}")


if __name__ == "__main__":
    main()
