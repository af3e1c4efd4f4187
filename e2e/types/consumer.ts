// A TypeScript consumer of the generated module: `tsc --strict` must accept it (e2e/types.test.mjs),
// which proves that www/pkg/article_annotator.d.ts has real types (generated from the Rust types
// by tsify) rather than `any`. It is also the JavaScript example of the README.
import init, { annotate, version, warm } from '../../www/pkg/article_annotator.js';
import type { AnnotateOptions, DictEntry, Dictionary, Encoding, Entity, Label } from '../../www/pkg/article_annotator.js';

await init(); // in a browser: fetches article_annotator_bg.wasm next to the module
warm(); // optional: loads the model now rather than on the first annotate()

const add: DictEntry[] = [{ text: 'Zorblax Quint', label: 'PERSON', kind: 'person' }];
const dictionary: Dictionary = { add, suppress: ['Apple'] };
const offsets: Encoding = 'utf16'; // the default in JavaScript; also 'codepoints' or 'utf8'
const labels: Label[] = ['PERSON', 'PLACE', 'NUMBER', 'DATE'];
const options: AnnotateOptions = { labels, minScore: 0.5, dictionary, offsets };

const text = 'Angela Merkel paid $4.5 billion to Zorblax Quint in Paris on 4 July 2019.';
const entities: Entity[] = annotate(text, options);
const all: Entity[] = annotate(text); // options are optional

for (const e of [...entities, ...all]) {
  const slice: string = text.slice(e.start, e.end); // UTF-16 offsets: slice === e.text
  const label: Label = e.label;
  const kind: string = e.kind;
  const score: number = e.score;
  let line = `${label}/${kind} ${JSON.stringify(slice === e.text ? e.text : slice)} ${score.toFixed(2)}`;
  // The number fields are present only on some NUMBER entities.
  if (e.value !== undefined) line += ` = ${e.value.toFixed(1)}`;
  if (e.low !== undefined && e.high !== undefined) line += ` (${e.low}..${e.high})`;
  if (e.currency !== undefined) line += ` ${e.currency.toUpperCase()}`;
  if (e.unit !== undefined) line += ` ${e.unit}`;
  console.log(line);
}

const byLabel: Record<Label, number> = { PERSON: 0, PLACE: 0, NUMBER: 0, DATE: 0 };
for (const e of entities) byLabel[e.label] += 1;
console.log(version(), byLabel);
