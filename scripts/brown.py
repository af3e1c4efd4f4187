#!/usr/bin/env python3
"""Writes the English Brown word clusters that the PyPI package spacy-lookups-data (MIT) ships
as a TSV the trainer reads: word <TAB> cluster path (as spaCy stores it: the bit path reversed,
so the low k bits are its first k bits) <TAB> log probability.

usage: scripts/brown.py OUT.tsv   (downloads the wheel with pip into the folder of OUT.tsv once)
"""
import glob, gzip, json, os, subprocess, sys, zipfile

VERSION = "1.0.5"

def main():
    out = sys.argv[1]
    cache = os.path.dirname(os.path.abspath(out))
    os.makedirs(cache, exist_ok=True)
    wheels = glob.glob(os.path.join(cache, f"spacy_lookups_data-{VERSION}-*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", cache, f"spacy-lookups-data=={VERSION}"], check=True)
        wheels = glob.glob(os.path.join(cache, f"spacy_lookups_data-{VERSION}-*.whl"))
    with zipfile.ZipFile(wheels[0]) as z:
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
