// The generated TypeScript declarations: a strict TypeScript consumer compiles against
// www/pkg/article_annotator.d.ts, and deliberately wrong uses are rejected (so this test can fail).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { PKG, REPO, assertBuilt } from './helpers.mjs';

const TSC = join(REPO, 'e2e', 'node_modules', 'typescript', 'bin', 'tsc');
const TYPES = join(REPO, 'e2e', 'types');

function tsc(project) {
  if (!existsSync(TSC)) throw new Error('typescript is missing: run `cd e2e && npm ci --no-audit --no-fund`');
  const r = spawnSync(process.execPath, [TSC, '--noEmit', '--strict', '--pretty', 'false', '-p', isAbsolute(project) ? project : join(TYPES, project)], {
    cwd: join(REPO, 'e2e'), encoding: 'utf8', timeout: 120000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

before(() => assertBuilt());

test('the declarations have real types for annotate and its options and results', () => {
  const dts = readFileSync(join(PKG, 'article_annotator.d.ts'), 'utf8');
  assert.match(dts, /export function annotate\(text: string, options\?: AnnotateOptions\): Entity\[\];/);
  for (const decl of ['interface Entity', 'interface AnnotateOptions', 'interface Dictionary', 'interface DictEntry',
    'type Label = "PERSON" | "PLACE" | "NUMBER" | "DATE"', 'type Encoding = "utf8" | "utf16" | "codepoints"']) {
    assert.ok(dts.includes(`export ${decl}`), `declares ${decl}`);
  }
  assert.ok(!/\bany\b/.test(dts.slice(0, dts.indexOf('export type InitInput'))), 'no `any` in the API part');
});

test('a strict TypeScript consumer compiles', () => {
  const { code, out } = tsc('tsconfig.json');
  assert.equal(code, 0, out);
});

test('the TypeScript example of README.md compiles', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README.md has a ts example');
  const dir = mkdtempSync(join(tmpdir(), 'annotator-readme-ts-'));
  try {
    const module = join(PKG, 'article_annotator.js');
    const code = block[1].replaceAll("'article-annotator'", JSON.stringify(module)) + '\nexport {};\n';
    writeFileSync(join(dir, 'readme.ts'), code);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      extends: join(TYPES, 'tsconfig.json'), files: [join(dir, 'readme.ts')],
    }));
    const { code: status, out } = tsc(join(dir, 'tsconfig.json'));
    assert.equal(status, 0, `${out}\n${code}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('wrong uses of the module do not compile', () => {
  const { code, out } = tsc('tsconfig.wrong.json');
  assert.notEqual(code, 0, 'tsc must reject wrong-usage.ts');
  const src = readFileSync(join(TYPES, 'wrong-usage.ts'), 'utf8').split('\n');
  const wrongLines = src.flatMap((l, i) => (l.includes('// WRONG') ? [i + 1] : []));
  assert.ok(wrongLines.length >= 5);
  const reported = new Set([...out.matchAll(/wrong-usage\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])));
  for (const line of wrongLines) assert.ok(reported.has(line), `line ${line} (${src[line - 1].trim()}) is rejected:\n${out}`);
  for (const line of reported) assert.ok(wrongLines.includes(line), `only WRONG lines are rejected, not line ${line}:\n${out}`);
});

test('www/pkg/package.json describes the module: name, version, entry points, files', () => {
  const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  const cargoVersion = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(REPO, 'Cargo.toml'), 'utf8'))[1];
  assert.equal(pkg.name, 'article-annotator');
  assert.equal(pkg.version, cargoVersion);
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.module, 'article_annotator.js');
  assert.equal(pkg.types, 'article_annotator.d.ts');
  assert.deepEqual(pkg.exports['.'], { types: './article_annotator.d.ts', default: './article_annotator.js' });
  for (const f of pkg.files) assert.ok(existsSync(join(PKG, f)), `${f} exists`);
  for (const f of ['article_annotator.js', 'article_annotator.d.ts', 'article_annotator_bg.wasm']) {
    assert.ok(pkg.files.includes(f), `files has ${f}`);
  }
  // What `npm pack` would publish: exactly those files and package.json.
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PKG, encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  const packed = JSON.parse(r.stdout)[0].files.map((f) => f.path).sort();
  assert.deepEqual(packed, [...pkg.files, 'package.json'].sort());
});
