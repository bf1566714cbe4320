#!/usr/bin/env python3
"""Writes a reproducible ~N MB benchmark corpus, one paragraph per line.

The paragraphs are the seed articles' paragraphs with variations: in each copy about one word
in 25 is replaced by a random GeoNames city name and sentences are shuffled, so the text reads
like news prose (mostly lower-case words, capitals at names and sentence starts) while the
matcher cannot just memorise it. A pool of 20,000 varied paragraphs (~6 MB) is written in a
seeded random order until the size is reached.

usage: make_corpus.py SEED_TEXT NAMES_TXT OUT_TXT SIZE_MB
"""
import random
import re
import sys

seed_path, names_path, out_path, size_mb = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
rng = random.Random(20231208)
paras = [l.strip() for l in open(seed_path, encoding="utf-8") if len(l.strip()) > 80 and not l.startswith("http")]
names = [n for n in open(names_path, encoding="utf-8").read().split("\n") if n]

pool = []
for i in range(20000):
    p = rng.choice(paras)
    sentences = re.split(r"(?<=[.!?]) ", p)
    rng.shuffle(sentences)
    words = " ".join(sentences).split(" ")
    for k in range(len(words)):
        if rng.random() < 0.04:
            words[k] = rng.choice(names)
    pool.append(" ".join(words))

target = int(size_mb * 1e6)
written = 0
with open(out_path, "w", encoding="utf-8") as out:
    while written < target:
        order = list(range(len(pool)))
        rng.shuffle(order)
        chunk = "\n".join(pool[i] for i in order) + "\n"
        data = chunk.encode("utf-8")
        if written + len(data) > target:
            data = data[: target - written]
            data = data[: data.rfind(b"\n") + 1]
            if not data:
                break
            out.write(data.decode("utf-8"))
            written += len(data)
            break
        out.write(chunk)
        written += len(data)
print(f"{out_path}: {written / 1e6:.1f} MB, {len(pool)} distinct paragraphs from {len(paras)} seed paragraphs")
