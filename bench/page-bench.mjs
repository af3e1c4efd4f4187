// The real page in headless Chromium, launched and served exactly like the e2e tests
// (e2e/helpers.mjs: system /usr/bin/chromium, www/ served by python http.server under a sub-path).
//
// Measured (median of a few repetitions, every figure from this run):
//   cold start   fresh browser context (empty HTTP cache and storage): navigation start
//                (performance.timeOrigin) → window.__annotatorReady resolved (the worker has loaded
//                the wasm and said "ready": the first moment an annotation can be requested).
//                Also DOMContentLoaded, and the same after a reload in that context (HTTP cache).
//   paste        textarea value set + one InputEvent('input', {inputType: 'insertFromPaste'}) (the
//                page sends a paste at once, no debounce) → body[data-state=ready] with the pasted
//                text rendered (DOM built + style/layout), and → next frame painted
//                (requestAnimationFrame then setTimeout 0). The view is emptied between repetitions.
//   first paste  a fresh context, ready and then idle for 1 s (as a reader would be), one paste of
//                the 10k-word text, timed as above: the engine's code is still the baseline
//                compilation unless the worker warmed it up meanwhile.
//   keystroke    in a 10k-word text, one character inserted (or deleted again) in the middle with
//                setRangeText + InputEvent('input', {inputType: 'insertText'}), as typing does.
//                Main-thread cost = the synchronous input handler (localStorage save, counter,
//                debounce timer) + the worker 'message' handler that renders the result + the
//                style/layout of the new view. The handler is timed by an init script that wraps
//                the function app.js assigns to Worker.onmessage (performance.now() around it,
//                then reading view.offsetHeight to run style+layout inside the measured span);
//                app.js itself is unchanged. The 200 ms debounce and the worker's annotate() run
//                off the main thread and are reported separately.
//   page weight  every response the page receives (page and its worker): bytes and gzip -9 bytes.
// Writes bench/out/page.json.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { OUT, loadTexts } from './texts.mjs';
import { assertBuilt, launchBrowser, startServer } from '../e2e/helpers.mjs';

const COLD_REPS = 3, FIRST_REPS = 3, PASTE_REPS = { w1k: 5, w10k: 5, w100k: 3 }, KEY_REPS = 6;
const median = (xs) => { const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b), m = s.length >> 1; return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const INIT = () => {
  window.__bench = { msgs: [], readyAt: null };
  // Timestamp the moment app.js's readiness promise resolves.
  let p;
  Object.defineProperty(window, '__annotatorReady', {
    configurable: true, enumerable: true,
    get() { return p; },
    set(v) { p = v; Promise.resolve(v).then(() => { window.__bench.readyAt = performance.now(); }); },
  });
  // Time the main-thread work of every worker message handler (render included).
  let proto = Worker.prototype, desc;
  while (proto && !(desc = Object.getOwnPropertyDescriptor(proto, 'onmessage'))) proto = Object.getPrototypeOf(proto);
  Object.defineProperty(Worker.prototype, 'onmessage', {
    configurable: true, enumerable: true,
    get() { return desc.get.call(this); },
    set(fn) {
      desc.set.call(this, typeof fn !== 'function' ? fn : function (ev) {
        const t0 = performance.now();
        try { return fn.call(this, ev); } finally {
          const t1 = performance.now();
          void document.getElementById('view')?.offsetHeight; // style + layout now, inside the measured span
          const t2 = performance.now();
          const d = ev.data || {};
          window.__bench.msgs.push({ type: d.type, workerMs: d.ms, js: t1 - t0, layout: t2 - t1, end: t2 });
        }
      });
    },
  });
};

async function newContext(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', deviceScaleFactor: 1 });
  await context.addInitScript(INIT);
  return context;
}

async function waitReadyAt(page) {
  await page.waitForFunction(() => window.__bench.readyAt !== null && document.body.dataset.state === 'ready', null, { timeout: 60000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { ready: window.__bench.readyAt, dcl: nav?.domContentLoadedEventEnd ?? null };
  });
}

/** Paste text; resolves to timings in ms from the paste. */
function paste(page, text) {
  return page.evaluate(async (t) => {
    const input = document.getElementById('input');
    const n0 = window.__bench.msgs.length;
    input.focus();
    const t0 = performance.now();
    input.value = t;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    const tInput = performance.now();
    await new Promise((resolve) => {
      const done = () => document.body.dataset.state === 'ready' && window.__annotator.renderedText === t;
      if (done()) { resolve(); return; }
      const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); resolve(); } });
      mo.observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
    });
    const tDom = performance.now();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const tPaint = performance.now();
    const m = window.__bench.msgs.slice(n0).filter((x) => x.type === 'result').pop();
    return { input: tInput - t0, dom: tDom - t0, painted: tPaint - t0, workerMs: m?.workerMs, renderJs: m?.js, layout: m?.layout,
      marks: document.querySelectorAll('#view mark').length };
  }, text);
}

/** One keystroke: insert (insert=true) or delete the character at pos. */
function keystroke(page, pos, insert) {
  return page.evaluate(async ({ pos, insert }) => {
    const input = document.getElementById('input');
    const n0 = window.__bench.msgs.length;
    input.focus();
    const t0 = performance.now();
    if (insert) input.setRangeText('x', pos, pos, 'end'); else input.setRangeText('', pos, pos + 1, 'end');
    input.dispatchEvent(new InputEvent('input', insert
      ? { bubbles: true, inputType: 'insertText', data: 'x' } : { bubbles: true, inputType: 'deleteContentBackward' }));
    const tInput = performance.now();
    const want = input.value;
    await new Promise((resolve) => {
      const done = () => document.body.dataset.state === 'ready' && window.__annotator.renderedText === want;
      if (done()) { resolve(); return; }
      const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); resolve(); } });
      mo.observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
    });
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const tPaint = performance.now();
    const m = window.__bench.msgs.slice(n0).filter((x) => x.type === 'result').pop();
    return { inputHandler: tInput - t0, renderJs: m?.js, layout: m?.layout, workerMs: m?.workerMs, painted: tPaint - t0 };
  }, { pos, insert });
}

assertBuilt();
const { sized } = loadTexts();
const server = await startServer();
const browser = await launchBrowser();
const out = { chromium: browser.version(), cold: [], reload: [], weight: [], first: [], paste: {}, keystroke: [] };
try {
  // Cold starts; the first one also records the page weight.
  for (let i = 0; i < COLD_REPS; i++) {
    const context = await newContext(browser);
    const bodies = [];
    if (i === 0) {
      context.on('response', (r) => bodies.push(r.body().then((b) => ({ url: r.url(), status: r.status(), type: r.headers()['content-type'] || '', bytes: b.length, gzip: gzipSync(b, { level: 9 }).length }), () => ({ url: r.url(), status: r.status(), type: '', bytes: null, gzip: null }))));
    }
    const page = await context.newPage();
    await page.goto(server.url);
    out.cold.push(await waitReadyAt(page));
    if (i === 0) out.weight = (await Promise.all(bodies)).map((w) => ({ ...w, url: w.url.replace(server.url, '') }));
    await page.reload();
    out.reload.push(await waitReadyAt(page));
    await context.close();
  }

  // A reader's first paste: a fresh page, idle for a second after it is ready, then 10k words.
  for (let i = 0; i < FIRST_REPS; i++) {
    process.stderr.write(`bench: page: first paste after load ${i + 1}/${FIRST_REPS}\n`);
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(server.url);
    await waitReadyAt(page);
    await page.waitForTimeout(1000);
    out.first.push(await paste(page, sized.w10k));
    await context.close();
  }

  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(server.url);
  await waitReadyAt(page);
  for (const [name, reps] of Object.entries(PASTE_REPS)) {
    process.stderr.write(`bench: page: paste ${name}\n`);
    const runs = [];
    for (let i = 0; i < reps; i++) {
      await paste(page, '');
      runs.push(await paste(page, sized[name]));
    }
    out.paste[name] = runs;
  }
  process.stderr.write(`bench: page: keystroke in w10k\n`);
  await paste(page, '');
  await paste(page, sized.w10k);
  const pos = sized.w10k.indexOf(' ', sized.w10k.length >> 1);
  for (let i = 0; i < KEY_REPS; i++) out.keystroke.push(await keystroke(page, pos, i % 2 === 0));
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
out.summary = {
  cold_ready_ms: median(out.cold.map((c) => c.ready)), cold_dcl_ms: median(out.cold.map((c) => c.dcl)),
  reload_ready_ms: median(out.reload.map((c) => c.ready)),
  paste: Object.fromEntries(Object.entries(out.paste).map(([k, runs]) => [k, Object.fromEntries(
    ['input', 'dom', 'painted', 'workerMs', 'renderJs', 'layout', 'marks'].map((f) => [f, median(runs.map((r) => r[f]))]))])),
  first_paste: Object.fromEntries(['dom', 'painted', 'workerMs'].map((f) => [f, median(out.first.map((r) => r[f]))])),
  keystroke: Object.fromEntries(['inputHandler', 'renderJs', 'layout', 'workerMs', 'painted'].map((f) => [f, median(out.keystroke.map((r) => r[f]))])),
  keystroke_main_ms: median(out.keystroke.map((r) => r.inputHandler + r.renderJs + r.layout)),
};
writeFileSync(join(OUT, 'page.json'), JSON.stringify(out, null, 2));
