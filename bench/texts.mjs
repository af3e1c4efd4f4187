// The texts every part of the benchmark runs on, built once per run and written to bench/out/texts/
// so that the native Rust bench, the wasm in Node, compromise and the page all see the same bytes.
//
//   article    bench/article.txt: an original, invented ~1.4k-word news feature (committed).
//   ontonotes  the documents of ../shared/data/ontonotes5/dev.conll joined back into text (tokens
//              joined by single spaces, sentences by "\n", -DOCSTART- separates documents). Licensed:
//              read at bench time only, written under bench/out/ (git-ignored), never committed.
//   w1k … w1m  1k, 10k, 100k and 1M words made by concatenating documents (article first, then the
//              OntoNotes documents, cycling), cut at exactly N whitespace-separated words.
//
// Multi-document files separate documents with U+001E (record separator).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = dirname(fileURLToPath(import.meta.url));
export const REPO = join(BENCH, '..');
export const OUT = join(BENCH, 'out');
export const TEXTS = join(OUT, 'texts');
export const SEP = '\u001e';
export const CONLL = process.env.ONTONOTES_DEV || join(REPO, '..', 'shared', 'data', 'ontonotes5', 'dev.conll');
export const SIZES = [['w1k', 1_000], ['w10k', 10_000], ['w100k', 100_000], ['w1m', 1_000_000]];

export const countWords = (s) => { let n = 0; for (const _ of s.matchAll(/\S+/g)) n++; return n; };

function readConllDocs(path) {
  const docs = [];
  let sents = [], toks = [];
  const endSent = () => { if (toks.length) sents.push(toks.join(' ')); toks = []; };
  const endDoc = () => { endSent(); if (sents.length) docs.push(sents.join('\n')); sents = []; };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const t = line.trim();
    if (t === '') { endSent(); continue; }
    const tok = t.split(/\s+/)[0];
    if (tok === '-DOCSTART-') { endDoc(); continue; }
    toks.push(tok);
  }
  endDoc();
  return docs;
}

/** First n whitespace-separated words of s, with the original spacing. */
function cutWords(s, n) {
  let i = 0;
  for (const m of s.matchAll(/\S+/g)) if (++i === n) return s.slice(0, m.index + m[0].length);
  return s;
}

function buildSized(pool, n) {
  const parts = [];
  let words = 0;
  for (let k = 0; words < n; k++) {
    const doc = pool[k % pool.length];
    const w = countWords(doc);
    if (words + w > n) { parts.push(cutWords(doc, n - words)); words = n; } else { parts.push(doc); words += w; }
  }
  return parts.join('\n\n');
}

/** Builds (or rebuilds) every text; returns { notes, corpora: {article: [..], ontonotes?: [..]}, sized: {w1k: '…', …} }. */
export function buildTexts() {
  mkdirSync(TEXTS, { recursive: true });
  const notes = [];
  const article = readFileSync(join(BENCH, 'article.txt'), 'utf8').trim();
  const corpora = { article: [article] };
  if (existsSync(CONLL)) corpora.ontonotes = readConllDocs(CONLL);
  else notes.push(`OntoNotes dev set not found at ${CONLL}: its rows are skipped, sized texts use the article only.`);
  const pool = [article, ...(corpora.ontonotes ?? [])];
  const sized = Object.fromEntries(SIZES.map(([name, n]) => [name, buildSized(pool, n)]));
  for (const [name, docs] of Object.entries(corpora)) writeFileSync(join(TEXTS, `${name}.txt`), docs.join(SEP));
  for (const [name, text] of Object.entries(sized)) writeFileSync(join(TEXTS, `${name}.txt`), text);
  writeFileSync(join(TEXTS, 'notes.json'), JSON.stringify(notes));
  return { notes, corpora, sized };
}

/** Reads what buildTexts() wrote. */
export function loadTexts() {
  const corpora = {};
  for (const name of ['article', 'ontonotes']) {
    const p = join(TEXTS, `${name}.txt`);
    if (existsSync(p)) corpora[name] = readFileSync(p, 'utf8').split(SEP);
  }
  const sized = Object.fromEntries(SIZES.map(([name]) => [name, readFileSync(join(TEXTS, `${name}.txt`), 'utf8')]));
  const notes = JSON.parse(readFileSync(join(TEXTS, 'notes.json'), 'utf8'));
  return { notes, corpora, sized };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { notes, corpora, sized } = buildTexts();
  for (const n of notes) console.log(`note: ${n}`);
  for (const [k, docs] of Object.entries(corpora)) console.log(`texts: ${k}: ${docs.length} docs, ${docs.reduce((a, d) => a + countWords(d), 0)} words`);
  for (const [k, t] of Object.entries(sized)) console.log(`texts: ${k}: ${countWords(t)} words, ${Buffer.byteLength(t)} bytes`);
}
