// Deliberately wrong uses of the generated module: `tsc --strict` must reject every line marked
// below (e2e/types.test.mjs checks that each one is reported), so the type check can fail.
import { annotate } from '../../www/pkg/article_annotator.js';
import type { AnnotateOptions, Entity } from '../../www/pkg/article_annotator.js';

const options: AnnotateOptions = { labels: ['ORG'] }; // WRONG: not a Label
annotate('Paris', { minScore: 'high' }); // WRONG: minScore is a number
annotate('Paris', { offsets: 'bytes' }); // WRONG: not an Encoding
annotate(42); // WRONG: text is a string
const e: Entity = annotate('Paris', options)[0];
const n: number = e.value; // WRONG: value may be undefined
const s: string = e.start; // WRONG: start is a number
e.nope; // WRONG: no such field
console.log(n, s);
