// Throughput in Node, side by side on the same texts (bench/out/texts/, see texts.mjs):
//   - the shipped wasm (www/pkg) through initSync({ module }), annotate(doc, {}) per document;
//   - compromise: nlp(doc) then .people(), .places(), .numbers(), each collected with .out('array')
//     (the work the page does; compromise's core has no date finder without a plugin).
// The two sides alternate pass by pass (see measurePair). The other measurements: warm-up passes for 0.5 s (at least one),
// then repetitions (≥3 unless they already took 12 s, more while under 1.5 s, ≤15); the median seconds per pass is reported.
// Also the wasm at 1k/10k/100k/1M words
// (no warm-up above 100k words, as the earlier runs have warmed it; at least 2 repetitions).
// Writes bench/out/node.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { OUT, REPO, countWords, loadTexts } from './texts.mjs';

const { initSync, annotate, warm } = await import(join(REPO, 'www', 'pkg', 'article_annotator.js'));
const require = createRequire(join(REPO, 'e2e', 'package.json'));
const nlp = (await import(require.resolve('compromise'))).default;
const compromiseVersion = JSON.parse(readFileSync(join(REPO, 'e2e', 'node_modules', 'compromise', 'package.json'), 'utf8')).version;

initSync({ module: readFileSync(join(REPO, 'www', 'pkg', 'article_annotator_bg.wasm')) });
if (typeof warm === 'function') warm();

const ours = (docs) => { let n = 0; for (const d of docs) n += annotate(d, {}).length; return n; };
const theirs = (docs) => {
  let n = 0;
  for (const d of docs) {
    const doc = nlp(d);
    n += doc.people().out('array').length + doc.places().out('array').length + doc.numbers().out('array').length;
  }
  return n;
};

const median = (xs) => { const s = [...xs].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

function measure(fn, docs, { warmup = true, minReps = 1 } = {}) {
  const times = [];
  let total = 0, found = 0;
  const pass = () => { const t = performance.now(); found = fn(docs); return (performance.now() - t) / 1000; };
  // Warm-up: V8 first runs wasm (and JS) in a baseline tier and optimises hot code in the
  // background, so one pass is not enough for a short text; warm each side up for 0.5 s.
  if (warmup) { const until = performance.now() + 500; do pass(); while (performance.now() < until); }
  while (times.length < minReps || (times.length < 15 && (total < 1.5 || (times.length < 3 && total < 12)))) { const s = pass(); total += s; times.push(s); }
  times.sort((a, b) => a - b);
  return { reps: times.length, median_s: median(times), min_s: times[0], max_s: times[times.length - 1], found };
}

// Ours and compromise on the same documents, their passes alternating (ABAB…) so that both see
// the same machine: on a shared machine the speed drifts over seconds, and measuring one side
// after the other moved the ratio between 10× and 19× from one run to the next. Each side warms
// up for 0.5 s, then passes alternate until each side has ≥ 3 passes and, unless that already
// took 12 s, ≥ 1.5 s of passes (≤ 15 each); each side's median seconds per pass is reported, and
// `ratio` is the median of the per-round ratios (pass i of compromise / pass i of ours).
function measurePair(fa, fb, docs) {
  const run = (fn) => { const t = performance.now(); const found = fn(docs); return [(performance.now() - t) / 1000, found]; };
  for (const fn of [fa, fb]) { const until = performance.now() + 500; do run(fn); while (performance.now() < until); }
  const a = [], b = [];
  let ta = 0, tb = 0, fa1 = 0, fb1 = 0;
  const enough = (xs, t) => xs.length >= 15 || (xs.length >= 3 && (t >= 1.5 || ta + tb >= 12));
  while (!(enough(a, ta) && enough(b, tb))) {
    const [sa, na] = run(fa); a.push(sa); ta += sa; fa1 = na;
    const [sb, nb] = run(fb); b.push(sb); tb += sb; fb1 = nb;
  }
  const stats = (xs, found) => { const s = [...xs].sort((x, y) => x - y); return { reps: xs.length, median_s: median(xs), min_s: s[0], max_s: s[s.length - 1], found }; };
  return { a: stats(a, fa1), b: stats(b, fb1), ratio: median(a.map((x, i) => b[i] / x)) };
}

const { corpora, sized } = loadTexts();
const result = { compromise: compromiseVersion, node: process.version, corpora: {}, sized: {} };
for (const [name, docs] of Object.entries(corpora)) {
  const words = docs.reduce((a, d) => a + countWords(d), 0);
  const bytes = docs.reduce((a, d) => a + Buffer.byteLength(d), 0);
  process.stderr.write(`bench: node: ${name}: wasm and compromise, alternating…`);
  const { a: wasm, b: comp, ratio } = measurePair(ours, theirs, docs);
  process.stderr.write(` done\n`);
  result.corpora[name] = { docs: docs.length, words, bytes, wasm, compromise: comp, ratio };
}
for (const [name, text] of Object.entries(sized)) {
  process.stderr.write(`bench: node: wasm ${name}\n`);
  const words = countWords(text);
  result.sized[name] = { words, bytes: Buffer.byteLength(text), wasm: measure(ours, [text], { warmup: words <= 100_000, minReps: 2 }) };
}
// Hostile input: one pathological pattern repeated to ~150 KB and to 4× that; a linear engine
// takes about 4× the time (one pass each, after a short warm-up on the small one).
result.hostile = {};
for (const unit of ["'s", 'a-', 'won 2-1 and ', 'between 1 and 2 and ', '5ft 10in ', 'i met barack obama in chicago ', 'MARLOW BEND, Ohio — Marlow Bend said.\n']) {
  process.stderr.write(`bench: node: hostile ${JSON.stringify(unit)}\n`);
  const small = unit.repeat(Math.ceil(150_000 / unit.length)), big = small.repeat(4);
  annotate(small, {});
  const time = (t) => { const s = performance.now(); annotate(t, {}); return (performance.now() - s) / 1000; };
  result.hostile[unit] = { small_bytes: Buffer.byteLength(small), small_s: time(small), big_bytes: Buffer.byteLength(big), big_s: time(big) };
}
writeFileSync(join(OUT, 'node.json'), JSON.stringify(result, null, 2));
