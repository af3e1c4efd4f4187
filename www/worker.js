// Module worker: loads the WebAssembly annotator and answers annotation requests.
//
// Protocol (all messages are plain objects):
//   main -> worker  { type: 'annotate', id, text, options }
//   main -> worker  { type: 'crash' }            test hook: throws an uncaught error (fires Worker.onerror)
//   worker -> main  { type: 'ready', version }
//   worker -> main  { type: 'result', id, entities, ms }
//   worker -> main  { type: 'error', id, message, fatal }   fatal: the module may be unusable, restart me
//
// The handler is installed before the module finishes loading, so no early message is lost.
import init, * as engine from './pkg/article_annotator.js';
import { SAMPLE_TEXT } from './sample.js';

const ready = init().then(() => {
  // Load the model now (if the module offers it) rather than on the first request.
  if (typeof engine.warm === 'function') engine.warm();
  let v = '';
  try { v = typeof engine.version === 'function' ? String(engine.version()) : ''; } catch { /* optional */ }
  self.postMessage({ type: 'ready', version: v });
  warmUp();
});

// The engine first runs as baseline code, which V8 recompiles with its optimising compiler only
// once a function has run for a while: a user's first paste would be annotated several times
// slower than the ones after it. So, once ready, the worker annotates the page's sample article a
// few times (about 7,000 words), one paragraph per task: a request that arrives meanwhile runs
// between two of them. In headless Chromium here, a 10k-word paste 1 s after the page was ready
// took 261-386 ms to rendered without this, 69-106 ms with 20 passes (5 pages each; 4 passes:
// 95-159 ms, 12: 100-121 ms, 24: 81-125 ms, 48: 85-143 ms).
const WARM_UP_PASSES = 20;
function warmUp() {
  const paragraphs = SAMPLE_TEXT.split(/\n+/).filter((p) => p.trim());
  let left = WARM_UP_PASSES * paragraphs.length;
  const step = () => {
    if (left <= 0) return;
    left -= 1;
    try { engine.annotate(paragraphs[left % paragraphs.length], {}); } catch { return; /* a real request will report it */ }
    setTimeout(step, 0);
  };
  setTimeout(step, 0);
}

ready.catch((err) => {
  self.postMessage({ type: 'error', id: null, fatal: true, message: 'The annotation engine could not be loaded: ' + messageOf(err) });
});

function messageOf(err) {
  if (err && typeof err.message === 'string' && err.message) return err.message;
  try { return String(err); } catch { return 'unknown error'; }
}

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === 'crash') {
    setTimeout(() => { throw new Error('Simulated worker crash'); });
    return;
  }
  if (msg.type !== 'annotate') return;
  try {
    await ready;
  } catch {
    return; // already reported
  }
  const t0 = performance.now();
  try {
    const entities = engine.annotate(String(msg.text ?? ''), msg.options ?? {});
    self.postMessage({ type: 'result', id: msg.id, entities: Array.from(entities ?? []), ms: performance.now() - t0 });
  } catch (err) {
    // A trap (e.g. a Rust panic compiled with panic=abort) leaves the instance in an unknown state.
    const fatal = (typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError) || !(err instanceof Error);
    self.postMessage({ type: 'error', id: msg.id, fatal, message: messageOf(err) });
  }
};
