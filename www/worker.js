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

const ready = init().then(() => {
  // Load the model now (if the module offers it) rather than on the first request.
  if (typeof engine.warm === 'function') engine.warm();
  let v = '';
  try { v = typeof engine.version === 'function' ? String(engine.version()) : ''; } catch { /* optional */ }
  self.postMessage({ type: 'ready', version: v });
});

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
