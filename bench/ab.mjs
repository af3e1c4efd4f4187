// A/B speed of two wasm builds in one Node process, their passes alternating over the documents
// of OntoNotes dev (bench/out/texts/ontonotes.txt, written by `node bench/texts.mjs`):
//   node bench/ab.mjs /abs/path/to/pkgA /abs/path/to/pkgB
// Each directory holds a wasm-bindgen `--target web` build (article_annotator.js + _bg.wasm), e.g.
// a copy of www/pkg made before a change. 14 rounds, the first 2 discarded; prints min and median
// words/s per build. Run it twice with the order swapped: the machine's speed drifts.
import { readFileSync } from 'node:fs';
const dirs = process.argv.slice(2);
const mods = [];
for (const dir of dirs) { const m = await import(dir + '/article_annotator.js'); m.initSync({ module: readFileSync(dir + '/article_annotator_bg.wasm') }); mods.push(m); }
const docs = readFileSync(new URL('./out/texts/ontonotes.txt', import.meta.url), 'utf8').split('\u001e');
const words = docs.reduce((a, d) => a + d.split(/\s+/).filter(Boolean).length, 0);
const pass = (m) => { const t = performance.now(); for (const d of docs) m.annotate(d, {}); return (performance.now() - t) / 1000; };
const ts = mods.map(() => []);
for (let r = 0; r < 14; r++) mods.forEach((m, k) => { const s = pass(m); if (r >= 2) ts[k].push(s); });
ts.forEach((t, k) => { t.sort(); console.log(dirs[k], 'min', Math.round(words / t[0]), 'median', Math.round(words / t[t.length >> 1]), 'words/s'); });
