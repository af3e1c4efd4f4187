// Gathers what the parts of `make bench` wrote under bench/out/ into ONE table, prints it and
// writes it to bench/out/results.md. Every figure comes from files written in this run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { OUT, REPO, SIZES } from './texts.mjs';
import { modelSegments } from './wasm-data.mjs';

const read = (f) => (existsSync(join(OUT, f)) ? readFileSync(join(OUT, f), 'utf8') : null);
const json = (f) => { const t = read(f); return t ? JSON.parse(t) : null; };
const notes = [...(json('texts/notes.json') ?? [])];
const native = Object.fromEntries((read('native.jsonl') ?? '').split('\n').filter(Boolean).map((l) => { const o = JSON.parse(l); return [o.corpus, o]; }));
const node = json('node.json');
const page = json('page.json');
const twiggy = json('twiggy.json');
const memory = SIZES.map(([n]) => json(`memory-${n}.json`)).filter(Boolean);
for (const f of ['notes.txt']) for (const l of (read(f) ?? '').split('\n').filter(Boolean)) notes.push(l);

const int = (x) => (x == null ? '—' : Math.round(x).toLocaleString('en-US'));
const f1 = (x) => (x == null ? '—' : x.toFixed(1));
const kb = (b) => (b == null ? '—' : `${(b / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KiB`);
const mb = (b) => (b == null ? '—' : `${(b / 1048576).toFixed(1)} MiB`);
const ratio = (a, b) => (a && b ? `${a / b >= 10 ? Math.round(a / b) : (a / b).toFixed(1)}×` : '—');
const reps = (m) => `median of ${m.reps}`;

const rows = [];
const row = (area, measure, value, detail = '') => rows.push([area, measure, value, detail]);

// 1–3. Throughput side by side
for (const [name, label] of [['article', 'article'], ['ontonotes', 'OntoNotes dev']]) {
  const n = native[name], c = node?.corpora?.[name];
  if (!n && !c) continue;
  const words = c?.words ?? n?.words, docs = c?.docs ?? n?.docs;
  const what = `${label} (${docs} doc${docs === 1 ? '' : 's'}, ${int(words)} words)`;
  const nw = n && n.words / n.median_s, nt = n && n.tokens / n.median_s;
  const ww = c && c.words / c.wasm.median_s, cw = c && c.words / c.compromise.median_s;
  if (n) row('Throughput', `native core, ${what}`, `${int(nw)} words/s`, `${int(nt)} tokens/s; ${reps(n)}, ${f1(n.median_s * 1000)} ms/pass`);
  if (c) row('Throughput', `wasm in Node, ${what}`, `${int(ww)} words/s`, `${n ? `${int(n.tokens / c.wasm.median_s)} tokens/s; ` : ''}${reps(c.wasm)}, ${f1(c.wasm.median_s * 1000)} ms/pass`);
  if (c) row('Throughput', `compromise ${node.compromise}, ${what}`, `${int(cw)} words/s`, `nlp + people/places/numbers; ${reps(c.compromise)}, ${f1(c.compromise.median_s * 1000)} ms/pass`);
  const r = c && (c.ratio ?? ww / cw);
  if (c) row('Throughput', `**ratio wasm / compromise**, ${label}`, `**${ratio(r, 1)}**`, `target ≥ 20×: ${r >= 20 ? 'met' : 'NOT met'}; median of the per-round ratios, passes alternating (ratio of the medians ${ratio(ww, cw)}); native / compromise ${ratio(nw, cw)}`);
}

// 6. Linearity
for (const [name] of SIZES) {
  const s = node?.sized?.[name], n = native[name];
  if (!s && !n) continue;
  const words = s?.words ?? n?.words;
  row('Linearity', `${int(words)} words (${kb(s?.bytes ?? n?.bytes)})`,
    s ? `wasm ${int(s.words / s.wasm.median_s)} words/s` : '—',
    `${s ? `${f1(s.wasm.median_s * 1000)} ms, ${reps(s.wasm)}` : ''}${n ? `; native ${int(n.words / n.median_s)} words/s (${f1(n.median_s * 1000)} ms, ${reps(n)})` : ''}`);
}

for (const [unit, h] of Object.entries(node?.hostile ?? {})) {
  row('Linearity', `hostile: ${JSON.stringify(unit)} repeated`,
    `×${(h.big_s / h.small_s).toFixed(1)} time for ×4 text`,
    `wasm ${kb(h.small_bytes)} ${f1(h.small_s * 1000)} ms → ${kb(h.big_bytes)} ${f1(h.big_s * 1000)} ms (one pass each)`);
}

// 7. Memory
for (const m of memory) {
  row('Memory', `wasm, ${int(m.words)} words (${mb(m.bytes)} UTF-8)`,
    `**${(m.wasmAfter / m.bytes).toFixed(1)}× text bytes**${m.wasmAfter / m.bytes <= 10 ? '' : ' (target ≤ 10×: NOT met)'}`,
    `wasm linear memory ${mb(m.wasmBefore)} → ${mb(m.wasmAfter)} (peak; model included; growth ${((m.wasmAfter - m.wasmBefore) / m.bytes).toFixed(1)}×); ` +
    `Node peak RSS ${mb(m.maxRss)} (+${mb(m.maxRss - m.rssBefore)} over the call = ${((m.maxRss - m.rssBefore) / m.bytes).toFixed(1)}×); ${int(m.entities)} entities; ${f1(m.s * 1000)} ms`);
}

// 4. The page
if (page) {
  const s = page.summary;
  row('Page', 'cold start: navigation → engine ready', `${int(s.cold_ready_ms)} ms`, `fresh context, median of ${page.cold.length}; DOMContentLoaded ${int(s.cold_dcl_ms)} ms; after reload (HTTP cache) ${int(s.reload_ready_ms)} ms`);
  if (s.first_paste?.dom != null) {
    row('Page', 'first paste after load: 10k words → highlights painted', `${int(s.first_paste.painted)} ms`,
      `fresh page idle for 1 s after ready; rendered ${int(s.first_paste.dom)} ms, worker annotate ${f1(s.first_paste.workerMs)} ms; median of ${page.first.length}`);
  }
  for (const [name, p] of Object.entries(s.paste)) {
    const words = SIZES.find(([n]) => n === name)?.[1];
    row('Page', `paste ${int(words)} words → highlights painted`, `${int(p.painted)} ms`,
      `rendered (DOM + layout) ${int(p.dom)} ms: worker annotate ${f1(p.workerMs)} ms, main-thread render ${f1(p.renderJs)} ms + style/layout ${f1(p.layout)} ms; ${int(p.marks)} marks; median of ${page.paste[name].length}`);
  }
  const k = s.keystroke;
  row('Page', 'one keystroke in 10,000 words: main-thread time', `**${f1(s.keystroke_main_ms)} ms**`,
    `input handler ${f1(k.inputHandler)} + render ${f1(k.renderJs)} + style/layout ${f1(k.layout)} ms; off the main thread: 200 ms debounce + worker annotate ${f1(k.workerMs)} ms; keystroke → painted ${int(k.painted)} ms; median of ${page.keystroke.length}`);
  // 5. Page weight
  // A file both the page and its worker import (sample.js) is one download: listed and counted once.
  let tb = 0, tg = 0;
  const seen = new Map();
  for (const w of page.weight) seen.set(w.url, (seen.get(w.url) ?? 0) + 1);
  for (const w of page.weight.filter((x, i, all) => all.findIndex((y) => y.url === x.url) === i)) {
    tb += w.bytes ?? 0; tg += w.gzip ?? 0;
    const again = seen.get(w.url) > 1 ? `; requested ${seen.get(w.url)} times (page and worker), counted once` : '';
    row('Page weight', w.url || '(index.html)', `${int(w.bytes)} B`, `gzip -9 ${int(w.gzip)} B; ${w.type.split(';')[0]}${again}`);
  }
  row('Page weight', `**total, ${seen.size} files**`, `**${int(tb)} B**`, `**gzip -9 ${int(tg)} B** (${kb(tg)}); Chromium ${page.chromium}`);
}

// 5. wasm items
if (twiggy) {
  const wasmPath = join(REPO, 'www', 'pkg', 'article_annotator_bg.wasm');
  const model = join(REPO, 'model', 'annotator.model');
  let ms = null;
  try { ms = modelSegments(wasmPath, model); } catch (e) { notes.push(`could not read the wasm data section: ${e.message}`); }
  const total = readFileSync(wasmPath).length;
  for (const t of twiggy) {
    const idx = Number(/^data\[(\d+)\]$/.exec(t.name)?.[1]);
    const isModel = ms?.segments.has(idx);
    row('wasm items (twiggy top 15)', t.name, `${int(t.shallow_size)} B`, `${t.shallow_size_percent.toFixed(2)}%${isModel ? ' · embedded model (data section)' : t.name.startsWith('data') ? ' · data section' : ' · code'}`);
  }
  if (ms?.found) {
    const exact = ms.found === 'exact';
    const bytes = exact ? ms.modelBytes : ms.segmentBytes;
    row('wasm items (twiggy top 15)', '**embedded model**', `**${int(bytes)} B**`,
      `${exact ? 'model/annotator.model' : 'data segments from the model header on'} = ${(100 * bytes / total).toFixed(1)}% of the ${int(total)} B wasm (gzip -9 of the wasm ${int(gzipSync(readFileSync(wasmPath), { level: 9 }).length)} B), in ${ms.segments.size} data segments (wasm-opt splits segments at zero runs)${exact ? '' : `; ${ms.found}`}`);
  }
}

const header = ['Area', 'Measure', 'Value', 'Details'];
const esc = (c) => String(c).replace(/\|/g, '\\|');
const table = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
const env = `Machine: ${(read('machine.txt') ?? '').trim()}; Node ${node?.node ?? process.version}. Same texts for every row (bench/out/texts/). Medians; every figure measured in this run.`;
const md = `# Article Annotator — benchmarks (${new Date().toISOString()})\n\n${env}\n\n${table}\n${notes.length ? `\nNotes:\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`;
writeFileSync(join(OUT, 'results.md'), md);
console.log(md);
