#!/usr/bin/env python3
"""Writes the English Brown word clusters that the PyPI package spacy-lookups-data (MIT) ships
as a TSV the trainer reads: word <TAB> cluster path (as spaCy stores it: the bit path reversed,
so the low k bits are its first k bits) <TAB> log probability.

usage: scripts/brown.py OUT.tsv   (downloads the wheel with pip into the folder of OUT.tsv once)
       scripts/brown.py --capitalised OUT.tsv
With --capitalised it writes, from the same package's word probabilities (case-sensitive), the
20,000 most frequent words that are usually written with a capital: the lower-case word <TAB> T
(written "Obama") or U (written "NATO"), where that spelling is at least e (2.7) times as frequent
as the lower-case one. The annotator uses them to read sentences typed all in lower case.
"""
import glob, gzip, json, os, subprocess, sys, zipfile

VERSION = "1.0.5"

CAPITALISED_WORDS = 20_000
CAPITALISED_MARGIN = 1.0  # natural log: the capital spelling at least e times as frequent


def wheel(cache):
    wheels = glob.glob(os.path.join(cache, f"spacy_lookups_data-{VERSION}-*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", cache, f"spacy-lookups-data=={VERSION}"], check=True)
        wheels = glob.glob(os.path.join(cache, f"spacy_lookups_data-{VERSION}-*.whl"))
    return wheels[0]


def capitalised(out):
    with zipfile.ZipFile(wheel(os.path.dirname(os.path.abspath(out)))) as z:
        probs = json.loads(gzip.decompress(z.read("spacy_lookups_data/data/en_lexeme_prob.json.gz")))
    best = {}  # lower-case word -> (form, log probability of its most frequent capital spelling)
    for w, p in probs.items():
        lower = w.lower()
        if not w.isascii() or w == lower or w.strip() != w or "\t" in w:
            continue
        if w == lower[:1].upper() + lower[1:]:
            form = "T"
        elif w == w.upper() and len(w) > 1:
            form = "U"
        else:
            continue
        if lower not in best or p > best[lower][1]:
            best[lower] = (form, p)
    rows = sorted(((w, f, p) for w, (f, p) in best.items() if p - probs.get(w, -30.0) >= CAPITALISED_MARGIN), key=lambda r: (-r[2], r[0]))
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for w, form, _ in rows[:CAPITALISED_WORDS]:
            f.write(f"{w}\t{form}\n")
    os.replace(tmp, out)
    print(f"{out}: {min(len(rows), CAPITALISED_WORDS)} words", file=sys.stderr)


def main():
    if sys.argv[1] == "--capitalised":
        return capitalised(sys.argv[2])
    out = sys.argv[1]
    cache = os.path.dirname(os.path.abspath(out))
    os.makedirs(cache, exist_ok=True)
    with zipfile.ZipFile(wheel(cache)) as z:
        clusters = json.loads(gzip.decompress(z.read("spacy_lookups_data/data/en_lexeme_cluster.json.gz")))
        probs = json.loads(gzip.decompress(z.read("spacy_lookups_data/data/en_lexeme_prob.json.gz")))
    rows = sorted(((w, c, probs.get(w, -30.0)) for w, c in clusters.items() if c and "\t" not in w and "\n" not in w and w.strip() == w and w), key=lambda r: (-r[2], r[0]))
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for w, c, p in rows:
            f.write(f"{w}\t{c}\t{p:.4f}\n")
    os.replace(tmp, out)
    print(f"{out}: {len(rows)} words", file=sys.stderr)

if __name__ == "__main__":
    main()
