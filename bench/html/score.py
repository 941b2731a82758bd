"""Scores extractions against gold.

usage: score.py PAGES_DIR SYSTEM1.jsonl [SYSTEM2.jsonl ...]

Main text: bag-of-tokens precision, recall and F1 per page, where tokens are lowercased runs of
word characters (\\w+), so punctuation, separators and line breaks do not count; "overall" sums
token overlaps over all pages (micro average), "mean F1" averages the per-page F1 (macro).
Pages named heldout-* were written after the extractor was tuned on the others and are also
scored on their own.
"Headline-stripped" repeats the main-text score after removing a first line that is the gold
headline from each output: trafilatura often starts its text with the headline, which the gold
leaves out (it is metadata), so this variant shows how much of its precision loss is only that.
Title: exact match after lowercasing, unifying quotes and dashes and collapsing whitespace.
Date: the YYYY-MM-DD part equals the gold date. Outlet: as title (shown, not asked for).
"""
import json
import os
import re
import sys
from collections import Counter


def tokens(text):
    return re.findall(r"\w+", (text or "").lower())


def norm(s):
    if s is None:
        return None
    s = s.lower()
    for a, b in [("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")]:
        s = s.replace(a, b)
    return " ".join(s.split())


def prf(pred, gold):
    p, g = Counter(tokens(pred)), Counter(tokens(gold))
    overlap = sum((p & g).values())
    return overlap, sum(p.values()), sum(g.values())


def strip_headline(text, title):
    lines = (text or "").strip().split("\n")
    if lines and norm(lines[0]) == norm(title):
        lines = lines[1:]
    return "\n".join(lines)


def f1(overlap, npred, ngold):
    prec = overlap / npred if npred else 0.0
    rec = overlap / ngold if ngold else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def main():
    pages_dir, outputs = sys.argv[1], sys.argv[2:]
    names = sorted(n[: -len(".gold.txt")] for n in os.listdir(pages_dir) if n.endswith(".gold.txt"))
    systems = []
    for path in outputs:
        label = os.path.basename(path).rsplit(".", 1)[0]
        by_page = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                by_page[os.path.basename(row["file"])[: -len(".html")]] = row
        systems.append((label, by_page))

    print(f"{'page':<26}" + "".join(f"{label + ' P/R/F1':>30}{'title':>7}{'date':>6}" for label, _ in systems))
    totals = {label: [0, 0, 0, [], 0, 0, 0] for label, _ in systems}
    stripped = {label: [0, 0, 0] for label, _ in systems}
    heldout = {label: [0, 0, 0, []] for label, _ in systems}
    for name in names:
        with open(os.path.join(pages_dir, name + ".gold.txt"), encoding="utf-8") as f:
            gold_text = f.read()
        with open(os.path.join(pages_dir, name + ".gold.json"), encoding="utf-8") as f:
            gold = json.load(f)
        cells = []
        for label, by_page in systems:
            row = by_page.get(name, {})
            o, npred, ngold = prf(row.get("text"), gold_text)
            p, r, f = f1(o, npred, ngold)
            t = totals[label]
            t[0] += o; t[1] += npred; t[2] += ngold; t[3].append(f)
            so, snpred, sngold = prf(strip_headline(row.get("text"), gold["title"]), gold_text)
            st = stripped[label]
            st[0] += so; st[1] += snpred; st[2] += sngold
            if name.startswith("heldout-"):
                h = heldout[label]
                h[0] += o; h[1] += npred; h[2] += ngold; h[3].append(f)
            title_ok = norm(row.get("title")) == norm(gold["title"])
            date_ok = (row.get("published") or "")[:10] == gold["published"]
            outlet_ok = norm(row.get("outlet")) == norm(gold.get("outlet"))
            t[4] += title_ok; t[5] += date_ok; t[6] += outlet_ok
            cells.append(f"{p:>10.3f}{r:>10.3f}{f:>10.3f}{'ok' if title_ok else 'MISS':>7}{'ok' if date_ok else 'MISS':>6}")
        print(f"{name:<26}" + "".join(cells))
    print()
    n = len(names)
    for label, _ in systems:
        o, npred, ngold, fs, titles, dates, outlets = totals[label]
        p, r, f = f1(o, npred, ngold)
        print(f"{label:<12} overall P {p:.3f}  R {r:.3f}  F1 {f:.3f}   mean F1 {sum(fs) / n:.3f}   "
              f"title {titles}/{n}   date {dates}/{n}   outlet {outlets}/{n}")
    for label, _ in systems:
        t = heldout[label]
        if t[3]:
            p, r, f = f1(t[0], t[1], t[2])
            print(f"{label:<12} held-out pages only ({len(t[3])}): P {p:.3f}  R {r:.3f}  F1 {f:.3f}   mean F1 {sum(t[3]) / len(t[3]):.3f}")
    for label, _ in systems:
        p, r, f = f1(*stripped[label])
        print(f"{label:<12} headline-stripped overall P {p:.3f}  R {r:.3f}  F1 {f:.3f}")


if __name__ == "__main__":
    main()
