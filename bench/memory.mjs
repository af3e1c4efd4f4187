// Memory of one annotate() call on a big text, in a fresh Node process (run once per size).
//   node bench/memory.mjs w1m   → prints one JSON object
// wasm memory: exports.memory.buffer.byteLength (initSync returns the wasm exports); linear memory
// never shrinks, so its size after the call is the engine's peak (model included).
// RSS: process.resourceUsage().maxRSS is the process's peak resident set (the wasm call is
// synchronous, so sampling rss could not see inside it); compared with rss just before the call.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, TEXTS, countWords } from './texts.mjs';

const name = process.argv[2] || 'w1m';
const { initSync, annotate, warm } = await import(join(REPO, 'www', 'pkg', 'article_annotator.js'));
const wasm = initSync({ module: readFileSync(join(REPO, 'www', 'pkg', 'article_annotator_bg.wasm')) });
if (typeof warm === 'function') warm();
const text = readFileSync(join(TEXTS, `${name}.txt`), 'utf8');
const bytes = Buffer.byteLength(text);
const words = countWords(text);
globalThis.gc?.();
const wasmBefore = wasm.memory.buffer.byteLength;
const rssBefore = process.memoryUsage().rss;
const t = performance.now();
const entities = annotate(text, {});
const s = (performance.now() - t) / 1000;
const wasmAfter = wasm.memory.buffer.byteLength;
const maxRss = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ name, words, bytes, entities: entities.length, s, wasmBefore, wasmAfter, rssBefore, maxRss }));
