// Contract tests of the generated module in Node (no browser): the page relies on these properties.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PKG, assertBuilt } from './helpers.mjs';

const LABELS = ['PERSON', 'PLACE', 'NUMBER', 'DATE'];
let annotate;

before(async () => {
  assertBuilt();
  const mod = await import(join(PKG, 'article_annotator.js'));
  mod.initSync({ module: readFileSync(join(PKG, 'article_annotator_bg.wasm')) });
  annotate = mod.annotate;
});

function checkShape(text, ents) {
  assert.ok(Array.isArray(ents));
  let pos = 0;
  for (const e of ents) {
    assert.ok(Number.isInteger(e.start) && Number.isInteger(e.end), JSON.stringify(e));
    assert.ok(e.start >= pos && e.end > e.start && e.end <= text.length, `sorted, non-overlapping, in range: ${JSON.stringify(e)}`);
    assert.equal(text.slice(e.start, e.end), e.text, 'offsets are UTF-16 string indices');
    assert.ok(LABELS.includes(e.label), e.label);
    assert.equal(typeof e.kind, 'string');
    assert.ok(e.score >= 0 && e.score <= 1, `score in [0,1]: ${e.score}`);
    pos = e.end;
  }
}

test('entities after astral characters and CRLF have JS string offsets', () => {
  const text = '👨‍👩‍👧 Emoji first.\r\nThen Angela Merkel met Emmanuel Macron in Paris on 4 July 2019 and pledged €1.2 billion. 🙂';
  const ents = annotate(text, {});
  checkShape(text, ents);
  assert.ok(ents.some((e) => e.text === 'Paris' && e.label === 'PLACE'), JSON.stringify(ents));
});

test('empty and whitespace-only input give no entities', () => {
  assert.deepEqual(Array.from(annotate('', {})), []);
  assert.deepEqual(Array.from(annotate(' \n\t\u00a0', {})), []);
});

test('options: labels filter, minScore, dictionary add and suppress', () => {
  const text = 'Jane Roe met officials in Berlin on Monday and said 40 percent of Apple staff agreed.';
  const all = annotate(text, {});
  checkShape(text, all);
  const onlyPlaces = annotate(text, { labels: ['PLACE'] });
  checkShape(text, onlyPlaces);
  assert.ok(onlyPlaces.length > 0 && onlyPlaces.every((e) => e.label === 'PLACE'), JSON.stringify(onlyPlaces));
  const strict = annotate(text, { minScore: 1.01 });
  assert.equal(strict.length, 0, 'nothing scores above 1');
  const added = annotate(text, { dictionary: { add: [{ text: 'Jane Roe', label: 'PERSON' }] } });
  assert.ok(added.some((e) => e.text === 'Jane Roe' && e.label === 'PERSON'), JSON.stringify(added));
  const suppressed = annotate(text, { dictionary: { suppress: ['Berlin'] } });
  assert.ok(!suppressed.some((e) => e.text === 'Berlin'), JSON.stringify(suppressed));
});

test('numbers carry a normalised value', () => {
  const text = 'The fund is worth $1.25 trillion and the road is 25 km long; prices rose 3.5%.';
  const ents = annotate(text, {});
  checkShape(text, ents);
  const money = ents.find((e) => e.text.includes('1.25 trillion'));
  assert.equal(money?.kind, 'money', JSON.stringify(ents));
  assert.equal(money.value, 1.25e12);
  assert.equal(money.currency, 'USD');
  const km = ents.find((e) => e.text.includes('25 km'));
  assert.equal(km?.kind, 'quantity', JSON.stringify(ents));
  assert.equal(km.value, 25);
  assert.equal(km.unit, 'km');
  const pct = ents.find((e) => e.text.includes('3.5%'));
  assert.equal(pct?.kind, 'percent', JSON.stringify(ents));
  assert.equal(pct.value, 3.5);
});
