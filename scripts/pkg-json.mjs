// Writes www/pkg/package.json so the generated module can be used from a bundler or npm.
import { readFileSync, writeFileSync } from 'node:fs';
const cargo = readFileSync(new URL('../Cargo.toml', import.meta.url), 'utf8');
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1];
const pkg = {
  name: 'article-annotator',
  version,
  description: 'Highlights people, places, numbers and dates in English text, in the browser (WebAssembly).',
  license: 'MIT',
  type: 'module',
  module: 'article_annotator.js',
  main: 'article_annotator.js',
  types: 'article_annotator.d.ts',
  files: ['article_annotator.js', 'article_annotator.d.ts', 'article_annotator_bg.wasm', 'article_annotator_bg.wasm.d.ts'],
  sideEffects: ['./snippets/*'],
};
writeFileSync(new URL('../www/pkg/package.json', import.meta.url), JSON.stringify(pkg, null, 2) + '\n');
