#!/usr/bin/env python3
"""Writes a deterministic JSON Lines corpus with planted duplicates for the Slurm test.

usage: gen_corpus.py OUT_DIR [DOCS] [FILES]

Documents are English-like prose (so the default recipe's quality filters keep most of them),
spread round-robin over FILES files. Planted: exact copies of earlier documents, near copies
(a few words changed: MinHash finds them), and a boilerplate line repeated across many
documents (line dedup removes it).
"""
import json
import os
import random
import sys

out_dir = sys.argv[1]
docs = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
files = int(sys.argv[3]) if len(sys.argv) > 3 else 8
rng = random.Random(7)
stop = "the of and to in is that it was for on with as at by from this have not are but be".split()
words = ("river market garden teacher window letter village winter morning doctor music library kitchen "
         "station history painter harbor mountain engine bridge forest summer council student report "
         "farmer museum planet signal theater record journey island lantern factory orchard valley "
         "captain harvest weather stone silver paper cotton copper castle meadow").split()
verbs = "found carried opened built wrote painted crossed visited measured repaired described remembered".split()


def sentence():
    n = rng.randint(8, 16)
    toks = []
    for i in range(n):
        toks.append(rng.choice(stop) if i % 2 == 0 else rng.choice(words if i % 3 else verbs))
    toks[0] = toks[0].capitalize()
    return " ".join(toks) + "."


def paragraph():
    return " ".join(sentence() for _ in range(rng.randint(3, 6)))


boiler = "Subscribe to the weekly letter from the harbor museum for news of the valley."
texts = []
for i in range(docs):
    kind = rng.random()
    if i > 50 and kind < 0.08:
        text = texts[rng.randrange(len(texts))]  # exact duplicate
    elif i > 50 and kind < 0.16:
        base = texts[rng.randrange(len(texts))].split(" ")
        for _ in range(3):
            base[rng.randrange(len(base))] = rng.choice(words)
        text = " ".join(base)  # near duplicate
    else:
        paras = [paragraph() for _ in range(rng.randint(2, 5))]
        if kind > 0.7:
            paras.append(boiler)
        text = "\n".join(paras)
    texts.append(text)

os.makedirs(out_dir, exist_ok=True)
handles = [open(os.path.join(out_dir, "part-%02d.jsonl" % f), "w") for f in range(files)]
for i, text in enumerate(texts):
    handles[i % files].write(json.dumps({"id": "doc-%05d" % i, "url": "https://example.org/%d" % i, "text": text}) + "\n")
for h in handles:
    h.close()
