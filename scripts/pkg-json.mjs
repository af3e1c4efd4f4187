// Writes www/pkg/package.json so the generated module can be used from a bundler or npm
// (`npm install ./www/pkg`, or `npm pack` in www/pkg). Name, version, description and licence
// come from Cargo.toml; every file it names must exist (run after wasm-bindgen).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const cargo = readFileSync(new URL('../Cargo.toml', import.meta.url), 'utf8');
const pkgSection = cargo.slice(cargo.indexOf('[package]'), cargo.indexOf('\n[', cargo.indexOf('[package]') + 1));
const field = (name) => {
  const m = new RegExp(`^${name}\\s*=\\s*"([^"]+)"`, 'm').exec(pkgSection);
  if (!m) throw new Error(`Cargo.toml [package] has no ${name}`);
  return m[1];
};

const JS = 'article_annotator.js';
const TYPES = 'article_annotator.d.ts';
const WASM = 'article_annotator_bg.wasm';
const WASM_TYPES = 'article_annotator_bg.wasm.d.ts';
const pkg = {
  name: field('name'),
  version: field('version'),
  description: 'Highlights people, places, numbers and dates in English text, in the browser (WebAssembly).',
  license: field('license'),
  type: 'module',
  module: JS,
  main: JS,
  types: TYPES,
  exports: {
    '.': { types: `./${TYPES}`, default: `./${JS}` },
    [`./${WASM}`]: `./${WASM}`,
    './package.json': './package.json',
  },
  files: [JS, TYPES, WASM, WASM_TYPES],
  sideEffects: ['./snippets/*'],
  keywords: ['named-entity-recognition', 'ner', 'webassembly', 'wasm', 'nlp'],
};

const dir = new URL('../www/pkg/', import.meta.url);
const missing = pkg.files.filter((f) => !existsSync(new URL(f, dir)));
if (missing.length) throw new Error(`www/pkg lacks ${missing.join(', ')}: run wasm-bindgen first`);
writeFileSync(new URL('package.json', dir), JSON.stringify(pkg, null, 2) + '\n');
