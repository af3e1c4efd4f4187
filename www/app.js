// Article Annotator — page logic (no framework, no build step).
//
// Hooks for end-to-end tests (kept deliberately small):
//   window.__annotatorReady        Promise resolving to the engine version once the first worker has loaded the module.
//   document.body.dataset.state    "busy"  while the engine loads or the text in the box is not yet rendered,
//                                  "ready" when the view shows the current text of the box,
//                                  "error" after a failure (the view then shows the text without highlights).
//   #view[data-render-count]       incremented on every render; #view[data-rendered-length] = length of rendered text.
//   window.__annotator             { renderedText, entities, simulateWorkerCrash() }.
//   #export button[data-export]    json | csv | copy | html: exports of the highlights shown (www/export.js).
//   #dictionary                    the user dictionary (<details>): #dict-text, #dict-label, #dict-add, #dict-message,
//                                  #dict-list > li.dict-entry[data-key] (select.dict-select, button.dict-remove);
//                                  window.__annotator.dictionary is a copy of its entries [{ text, label }].
//   Wait for a given text with:
//     page.waitForFunction(t => window.__annotator?.renderedText === t && document.body.dataset.state === 'ready', text)
//
// User text only ever reaches the DOM through Text nodes / textContent (never innerHTML).

import { SAMPLE_TEXT } from './sample.js';
import { highlightedFragment, toCsv, toHtml, toJson } from './export.js';

const LABELS = ['PERSON', 'PLACE', 'NUMBER', 'DATE'];
const LABEL_WORDS = { PERSON: 'Person', PLACE: 'Place', NUMBER: 'Number', DATE: 'Date' };
const TEXT_KEY = 'article-annotator:text';
const HIDDEN_KEY = 'article-annotator:hidden-labels';
const DEBOUNCE_MS = 200;
const BUSY_DELAY_MS = 250;
// Each list shows its most frequent entries first and the rest on request: 150 entries in each
// of the four lists were 2,400 elements to style and lay out in the frame that paints a paste's
// highlights (about 30 ms of the ~45 ms of a 10k-word paste's final frame, headless Chromium here).
const LIST_FIRST_ITEMS = 40;
const LIST_MAX_ITEMS = 1000;
const MAX_RESTARTS = 3;

const $ = (id) => document.getElementById(id);
const input = $('input');
const view = $('view');
const busyEl = $('busy');
const busyText = $('busy-text');
const statusEl = $('status');
const errorEl = $('error');
const tooltip = $('tooltip');
const charcount = $('charcount');
const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

// ---------------------------------------------------------------- state
let worker = null;
let workerReady = false;
let nextId = 1;
let inFlight = null;        // { id, text } currently being annotated by the worker
let wantText = null;        // newest text waiting to be sent (null: nothing to send)
let debounceTimer = 0;
let busyTimer = 0;
let failures = 0;           // consecutive worker failures without a successful start
let hasError = false;
let renderCount = 0;
let rendered = { text: '', entities: [], final: false, dict: 0 }; // final: a successful annotation of text, with dictionary version dict
let dictVersion = 0;         // bumped on every change of the user dictionary
let occurrences = new Map(); // entity key -> [mark, ...]
const cursor = new Map();    // entity key -> index of the occurrence shown last

let resolveReady;
window.__annotatorReady = new Promise((resolve) => { resolveReady = resolve; });
window.__annotator = {
  get renderedText() { return rendered.text; },
  get entities() { return rendered.entities; },
  get dictionary() { return dictionary.map((e) => ({ ...e })); },
  simulateWorkerCrash() { worker?.postMessage({ type: 'crash' }); },
};

// ---------------------------------------------------------------- worker management
function startWorker() {
  workerReady = false;
  const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'annotator' });
  w.onmessage = (event) => onWorkerMessage(w, event.data);
  w.onerror = (event) => {
    event.preventDefault();
    onWorkerFailure(w, event.message ? String(event.message) : 'the annotation engine stopped unexpectedly');
  };
  w.onmessageerror = () => onWorkerFailure(w, 'a result could not be read');
  worker = w;
  updateState();
}

function onWorkerMessage(w, msg) {
  if (w !== worker || !msg) return; // a message from a worker we already replaced
  if (msg.type === 'ready') {
    workerReady = true;
    failures = 0;
    resolveReady(msg.version || '');
    if (msg.version) $('engine-version').textContent = ` · ${msg.version}`;
    pump();
  } else if (msg.type === 'result') {
    if (!inFlight || msg.id !== inFlight.id) return; // stale: drop
    const req = inFlight;
    inFlight = null;
    if (req.text === input.value) {
      clearError();
      render(req.text, Array.isArray(msg.entities) ? msg.entities : [], { ms: msg.ms, dict: req.dict });
    }
    pump();
  } else if (msg.type === 'error') {
    const req = inFlight && msg.id === inFlight.id ? inFlight : null;
    if (msg.fatal) {
      onWorkerFailure(w, msg.message);
      return;
    }
    if (!req) return;
    inFlight = null;
    showError(`Sorry, this text could not be highlighted (${msg.message}). Your text is safe; keep typing to try again.`);
    if (req.text === input.value) render(req.text, [], { final: false });
    pump();
  }
}

function onWorkerFailure(w, reason) {
  if (w !== worker) return;
  if (!workerReady) reason = 'the highlighting engine could not be loaded';
  w.terminate();
  worker = null;
  workerReady = false;
  const failed = inFlight;
  inFlight = null;
  failures += 1;
  // Do not resend the text that was being processed when it crashed (that could loop);
  // the next edit is annotated normally. A crash while loading retries the current text.
  if (failed && wantText === failed.text) wantText = null;
  if (!failed && wantText === null && input.value && (input.value !== rendered.text || rendered.dict !== dictVersion)) wantText = input.value;
  // Whatever happens, the user's current text stays visible.
  if (rendered.text !== input.value && job?.text !== input.value) render(input.value, [], { final: false });
  if (failures <= MAX_RESTARTS) {
    showError(`Something went wrong while highlighting (${reason}). Your text is safe and the highlighter has been restarted; keep typing to try again.`);
    setTimeout(startWorker, 150 * failures);
  } else {
    wantText = null;
    showError(`The highlighter keeps failing to start (${reason}). Your text is saved on this device; reload the page to try again.`);
  }
  updateState();
}

function requestAnnotation(text) {
  clearTimeout(debounceTimer);
  debounceTimer = 0;
  if (text === '') {
    // Nothing to annotate: render immediately, no round trip.
    wantText = null;
    render('', []);
    return;
  }
  wantText = text;
  pump();
}

// Send the newest pending text, one request at a time (edits made meanwhile are coalesced).
function pump() {
  if (!worker || !workerReady || inFlight || wantText === null) { updateState(); return; }
  const text = wantText;
  wantText = null;
  if (text === rendered.text && rendered.final && rendered.dict === dictVersion && !hasError) { updateState(); return; }
  inFlight = { id: nextId++, text, dict: dictVersion };
  worker.postMessage({ type: 'annotate', id: inFlight.id, text, options: { dictionary: dictionaryOption() } });
  updateState();
}

function schedule(delay) {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => requestAnnotation(input.value), delay);
  updateState();
}

function updateState() {
  const pending = Boolean(debounceTimer || inFlight || wantText !== null || !workerReady || job);
  const upToDate = rendered.text === input.value && renderCount > 0;
  const final = upToDate && rendered.final;
  let state;
  if (hasError && !inFlight && !debounceTimer && wantText === null && !job) state = 'error';
  else if (pending || !final) state = 'busy';
  else state = 'ready';
  document.body.dataset.state = state;
  view.setAttribute('aria-busy', String(state === 'busy'));
  view.classList.toggle('is-stale', !upToDate);

  // The visible spinner appears only if work takes a noticeable time.
  const working = Boolean(inFlight || job || (!workerReady && input.value && !hasError));
  if (!job && busyText.textContent !== 'Annotating…') busyText.textContent = 'Annotating…';
  if (working && !busyTimer && busyEl.hidden) {
    busyTimer = setTimeout(() => { busyTimer = 0; if (inFlight || job || !workerReady) busyEl.hidden = false; }, BUSY_DELAY_MS);
  } else if (!working) {
    clearTimeout(busyTimer);
    busyTimer = 0;
    busyEl.hidden = true;
  }
}

// ---------------------------------------------------------------- messages
function showError(message) {
  hasError = true;
  errorEl.textContent = message;
  errorEl.hidden = false;
  updateState();
}

function clearError() {
  if (!hasError) return;
  hasError = false;
  errorEl.textContent = '';
  errorEl.hidden = true;
}

function announce(message) {
  statusEl.textContent = message;
}

// ---------------------------------------------------------------- formatting
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const isNum = (x) => typeof x === 'number' && Number.isFinite(x);

function formatAmount(v) {
  const abs = Math.abs(v);
  for (const [scale, word] of [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']]) {
    if (abs >= scale) return `${numberFormat.format(v / scale)} ${word}`;
  }
  return numberFormat.format(v);
}

function ordinal(n) {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = Math.abs(n) % 100;
  return numberFormat.format(n) + (s[(v - 20) % 10] || s[v] || s[0]);
}

/** Normalised value of a NUMBER entity in words, e.g. "1.25 trillion USD", "25 km", "12%". Empty if unknown. */
function describeValue(e) {
  let core;
  if (isNum(e.low) && isNum(e.high) && e.low !== e.high) core = `${formatAmount(e.low)}–${formatAmount(e.high)}`;
  else if (isNum(e.value)) core = e.kind === 'ordinal' && Number.isInteger(e.value) ? ordinal(e.value) : formatAmount(e.value);
  else if (isNum(e.low)) core = formatAmount(e.low);
  else return '';
  if (e.currency) return `${core} ${e.currency}`;
  if (e.unit === 'percent' || (!e.unit && e.kind === 'percent')) return `${core}%`;
  if (e.unit) return `${core} ${e.unit}`;
  return core;
}

const formatScore = (s) => (isNum(s) ? s.toFixed(2) : '?');

function titleFor(e) {
  const kind = e.kind || e.label.toLowerCase();
  if (e.label === 'NUMBER') {
    const value = describeValue(e);
    return value ? `${kind} · ${value}` : `${kind} · score ${formatScore(e.score)}`;
  }
  return `${kind} · score ${formatScore(e.score)}`;
}

// Names are grouped ignoring case and spacing ("LISBON" and "Lisbon"); the list shows the first spelling seen.
const keyFor = (label, text) => `${label}\u0000${text.replace(/\s+/g, ' ').trim().toLowerCase()}`;

// ---------------------------------------------------------------- rendering
// The view is a list of chunks: <span class="chunk"> (display:block), one per paragraph, i.e. the text up to
// and including a run of "\n" (a block's trailing line break adds no line, so the layout is that of the
// plain text). A paragraph longer than CHUNK_LONG is cut after a sentence end (else a space) past
// CHUNK_TARGET, so that huge single-paragraph texts stay cheap to lay out; such cuts start a new line.
// Chunks are keyed by their text plus their entities relative to the chunk: a new result reuses the nodes
// of unchanged chunks (an edit rebuilds only its paragraph even though later offsets shift) and builds the
// rest in time slices of SLICE_MS, yielding to the browser in between; a newer render cancels an older one.
// rendered / renderedText / data-render-count change only once a render is complete.
const CHUNK_TARGET = 3000;
const CHUNK_LONG = 6000;
const SLICE_MS = 30; // a 10k-word text renders in one slice (8 ms slices added two frames, ~25 ms, to a paste)
const HUGE_SLICE_MS = 40; // huge texts: fewer, longer slices (each frame re-lays out the list of blocks)
const HUGE_CHARS = 200_000;  // above this, render in longer slices
const LAZY_LAYOUT_CHARS = 20_000; // above this, off-screen chunks skip style/layout (content-visibility: auto)
const recOf = new WeakMap(); // chunk node -> { key, node, marks, keys, labels, claim }
const entOf = new WeakMap(); // mark -> its entity (for the tooltip)
let job = null;              // the render in progress: { text, kept, final, ms, cancelled, progress }
let warnedMismatch = false;

const yieldChannel = new MessageChannel();
const yieldQueue = [];
yieldChannel.port1.onmessage = () => yieldQueue.shift()?.();
/** A fresh task (not clamped like nested timers), so input, rendering and other tasks run in between. */
const yieldToBrowser = () => new Promise((resolve) => { yieldQueue.push(resolve); yieldChannel.port2.postMessage(0); });

function validEntities(text, entities) {
  const kept = [];
  let pos = 0;
  for (const e of entities) {
    if (!e || !LABELS.includes(e.label)) continue;
    const { start, end } = e;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < pos || end <= start || end > text.length) continue;
    if (typeof e.text === 'string' && !warnedMismatch && e.text !== text.slice(start, end)) {
      warnedMismatch = true;
      console.warn('annotator: entity text does not match its offsets', e);
    }
    kept.push(e);
    pos = end;
  }
  return kept;
}

/** Chunk boundaries of one text; next(s, x) = end of the chunk starting at s that may not end before x. */
function chunker(text) {
  const n = text.length;
  let nlFrom = Infinity, nlAt = -1; // text.indexOf("\n", nlFrom) === nlAt
  return function next(s, x) {
    if (!(x >= nlFrom && (nlAt === -1 || x <= nlAt))) { nlFrom = x; nlAt = text.indexOf('\n', x); } // memo: no rescans
    let pe = n;
    if (nlAt !== -1) { pe = nlAt + 1; while (pe < n && text.charCodeAt(pe) === 10) pe++; }
    if (pe - s <= CHUNK_LONG) return pe;
    const from = Math.max(x, s + CHUNK_TARGET);
    if (from >= pe) return pe;
    const win = text.slice(from, Math.min(pe, from + (CHUNK_LONG - CHUNK_TARGET)));
    const m = /[.!?…]["'”’)\]]*\s+/.exec(win) || /\s+/.exec(win);
    let b = m ? from + m.index + m[0].length : from + win.length;
    if (b < n && b > 0 && (text.charCodeAt(b - 1) & 0xfc00) === 0xd800) b++; // never split a surrogate pair
    return Math.min(b, pe);
  };
}

function chunkKey(text, s, e, kept, k0, k1) {
  let sig = '';
  for (let i = k0; i < k1; i++) {
    const x = kept[i];
    sig += `${x.start - s},${x.end - s},${x.label},${x.kind},${x.score},${x.value},${x.low},${x.high},${x.unit},${x.currency};`;
  }
  return `${sig}\u0000${text.slice(s, e)}`;
}

function buildChunk(text, item, kept) {
  const node = document.createElement('span');
  node.className = 'chunk';
  const rec = { key: item.key, node, marks: [], keys: [], labels: [], claim: null };
  let pos = item.s;
  for (let i = item.k0; i < item.k1; i++) {
    const e = kept[i];
    if (e.start > pos) node.appendChild(document.createTextNode(text.slice(pos, e.start)));
    const slice = text.slice(e.start, e.end);
    const mark = document.createElement('mark');
    mark.textContent = slice;
    mark.dataset.label = e.label;
    mark.dataset.kind = e.kind || '';
    if (isNum(e.score)) mark.dataset.score = String(e.score);
    if (isNum(e.value)) mark.dataset.value = String(e.value);
    if (e.unit) mark.dataset.unit = String(e.unit);
    if (e.currency) mark.dataset.currency = String(e.currency);
    mark.title = titleFor(e);
    mark.tabIndex = -1;
    node.appendChild(mark);
    entOf.set(mark, e);
    rec.marks.push(mark);
    rec.keys.push(keyFor(e.label, slice));
    rec.labels.push(e.label);
    pos = e.end;
  }
  if (pos < item.e) node.appendChild(document.createTextNode(text.slice(pos, item.e)));
  // Estimated height while off-screen in huge texts (content-visibility: auto remembers the real one).
  // (a class, not a style attribute: the CSP allows no inline style).
  const lines = (item.e - item.s + 8 * (item.k1 - item.k0)) / 75;
  node.className = `chunk h${Math.min(64, 2 ** Math.max(0, Math.round(Math.log2(lines))))}`;
  recOf.set(node, rec);
  return rec;
}

// final=false: the text is shown without (fresh) highlights, e.g. after an error or while the engine loads.
function render(text, entities, { ms = null, final = true, dict = dictVersion } = {}) {
  if (job) job.cancelled = true;
  hideTooltip();
  const j = { text, kept: validEntities(text, entities), final, ms, dict, cancelled: false, progress: 0 };
  job = j;
  updateState();
  runRender(j).catch((err) => {
    if (job === j) job = null;
    console.error('annotator: render failed', err);
    showError(`Sorry, this text could not be shown (${err && err.message ? err.message : err}).`);
  });
}

async function runRender(j) {
  const { text, kept } = j;
  const n = text.length;
  const slice = n > HUGE_CHARS ? HUGE_SLICE_MS : SLICE_MS;
  let deadline = performance.now() + slice;
  const pause = async () => {
    busyText.textContent = `Highlighting… ${Math.floor(j.progress * 100)}%`;
    await yieldToBrowser();
    deadline = performance.now() + slice;
    return j.cancelled;
  };
  view.classList.toggle('is-huge', n > LAZY_LAYOUT_CHARS);

  // Phase 1: chunks, their keys, and which existing chunk nodes can be kept (no DOM changes).
  const pool = new Map(); // key -> { recs, i }
  for (let c = view.firstChild; c; c = c.nextSibling) {
    const rec = recOf.get(c);
    if (!rec) continue;
    let p = pool.get(rec.key);
    if (!p) pool.set(rec.key, (p = { recs: [], i: 0 }));
    p.recs.push(rec);
  }
  const next = chunker(text);
  const plan = [];
  let k = 0;
  for (let s = 0; s < n;) {
    const k0 = k;
    let b = next(s, s);
    for (;;) {
      while (k < kept.length && kept[k].end <= b) k++;
      if (k < kept.length && kept[k].start < b) b = next(s, kept[k].end); // never cut an entity
      else break;
    }
    const key = chunkKey(text, s, b, kept, k0, k);
    const p = pool.get(key);
    const rec = p && p.i < p.recs.length ? p.recs[p.i++] : null;
    if (rec) rec.claim = j;
    plan.push({ key, s, e: b, k0, k1: k, rec });
    s = b;
    j.progress = 0.2 * (s / n);
    if (performance.now() >= deadline && await pause()) return;
  }

  // Phase 2: put the chunks in order, building the new ones; drop the nodes no longer used.
  let at = view.firstChild;
  const drop = () => { while (at && recOf.get(at)?.claim !== j) { const nx = at.nextSibling; at.remove(); at = nx; } };
  for (let i = 0; i < plan.length; i++) {
    drop();
    const item = plan[i];
    if (!item.rec) item.rec = buildChunk(text, item, kept);
    if (item.rec.node === at) at = at.nextSibling;
    else view.insertBefore(item.rec.node, at);
    j.progress = 0.2 + 0.8 * ((i + 1) / plan.length);
    if (performance.now() >= deadline && await pause()) return;
  }
  while (at) { const nx = at.nextSibling; at.remove(); at = nx; }
  for (const item of plan) item.rec.claim = null;
  finishRender(j, plan);
}

function finishRender(j, plan) {
  const { text, kept, final, ms, dict } = j;
  const counts = Object.fromEntries(LABELS.map((l) => [l, 0]));
  const groups = new Map(); // key -> { label, text, marks: [] }
  for (const { rec } of plan) {
    for (let i = 0; i < rec.marks.length; i++) {
      const key = rec.keys[i];
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { label: rec.labels[i], text: rec.marks[i].textContent.replace(/\s+/g, ' ').trim(), marks: [] }));
      g.marks.push(rec.marks[i]);
      counts[rec.labels[i]] += 1;
    }
  }
  job = null;
  rendered = { text, entities: kept, final, dict };
  renderCount += 1;
  view.dataset.renderCount = String(renderCount);
  view.dataset.renderedLength = String(text.length);

  groupSurnames(groups);
  occurrences = new Map([...groups].map(([k, g]) => [k, g.marks]));
  for (const key of [...cursor.keys()]) if (!occurrences.has(key)) cursor.delete(key);
  renderLegend(counts);
  renderLists(groups);
  updateExport();

  if (final) {
    const total = kept.length;
    if (text === '') announce('');
    else announce(`${total === 0 ? 'No' : total} highlight${total === 1 ? '' : 's'}` + (isNum(ms) ? ` · ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms` : ''));
  }
  updateState();
}

/** A bare surname ("Ardern") joins the one full name that ends with it ("Jacinda Ardern") in the
 * list, so that a person is listed once; a surname two full names share stays on its own. */
function groupSurnames(groups) {
  const bySurname = new Map();
  for (const [key, g] of groups) {
    const words = g.text.split(' ');
    if (g.label !== 'PERSON' || words.length < 2) continue;
    const s = words[words.length - 1].toLowerCase();
    bySurname.set(s, bySurname.has(s) ? null : key);
  }
  for (const [key, g] of [...groups]) {
    if (g.label !== 'PERSON' || g.text.includes(' ')) continue;
    const target = bySurname.get(g.text.toLowerCase());
    if (!target) continue;
    const full = groups.get(target);
    full.marks = full.marks.concat(g.marks).sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    groups.delete(key);
  }
}

function renderLegend(counts) {
  for (const label of LABELS) {
    const el = document.querySelector(`[data-count-for="${label}"]`);
    if (el.textContent !== String(counts[label])) el.textContent = String(counts[label]);
  }
}

const listSig = new Map(); // label -> what its list shows
const listExpanded = new Set(); // labels whose list shows every entry (up to LIST_MAX_ITEMS)
let lastGroups = new Map();
function renderLists(groups) {
  lastGroups = groups;
  const byLabel = Object.fromEntries(LABELS.map((l) => [l, []]));
  let order = 0;
  for (const [key, g] of groups) byLabel[g.label].push({ key, ...g, order: order++ });
  for (const label of LABELS) {
    const list = document.querySelector(`[data-list-for="${label}"]`);
    const items = byLabel[label].sort((a, b) => b.marks.length - a.marks.length || a.order - b.order);
    const max = listExpanded.has(label) ? LIST_MAX_ITEMS : LIST_FIRST_ITEMS;
    const shown = items.slice(0, max);
    // Unchanged list (the usual case after a small edit): keep its DOM.
    const sig = `${items.length}\u0001${max}\u0001${shown.map((it) => `${it.key}\u0001${it.text}\u0001${it.marks.length}`).join('\u0002')}`;
    if (listSig.get(label) === sig) continue;
    listSig.set(label, sig);
    const frag = document.createDocumentFragment();
    for (const item of shown) {
      const li = document.createElement('li');
      const btn = document.createElement('button');
      btn.type = 'button';
      btn.className = 'entity';
      btn.dataset.key = item.key;
      btn.dataset.label = label;
      const name = document.createElement('span');
      name.className = 'entity-text';
      name.textContent = item.text;
      const n = document.createElement('span');
      n.className = 'entity-count';
      n.textContent = `×${item.marks.length}`;
      btn.append(name, n);
      btn.setAttribute('aria-label', `${item.text}, ${item.marks.length} occurrence${item.marks.length === 1 ? '' : 's'}`);
      li.append(btn);
      frag.append(li);
    }
    const rest = items.length - shown.length;
    if (rest > 0) {
      const li = document.createElement('li');
      li.className = 'more';
      if (max < LIST_MAX_ITEMS) {
        const btn = document.createElement('button');
        btn.type = 'button';
        btn.className = 'show-more';
        btn.dataset.showMore = label;
        btn.textContent = `Show ${rest} more`;
        li.append(btn);
      } else {
        li.textContent = `and ${rest} more`;
      }
      frag.append(li);
    }
    const hadFocus = list.contains(document.activeElement) && document.activeElement.matches('.show-more');
    list.replaceChildren(frag);
    // The "Show more" button had the focus: keep it in the list, on the first entry it revealed.
    if (hadFocus) list.querySelectorAll('button.entity')[LIST_FIRST_ITEMS]?.focus({ preventScroll: true });
    list.closest('.entity-group').classList.toggle('is-empty', items.length === 0);
  }
}

// ---------------------------------------------------------------- jumping to occurrences
let flashTimer = 0;
function showOccurrence(key) {
  const marks = occurrences.get(key);
  if (!marks || marks.length === 0) return;
  const i = cursor.has(key) ? (cursor.get(key) + 1) % marks.length : 0;
  cursor.set(key, i);
  const mark = marks[i];
  view.querySelectorAll('mark.is-current').forEach((m) => m.classList.remove('is-current'));
  mark.classList.add('is-current');
  mark.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduceMotion.matches ? 'auto' : 'smooth' });
  mark.focus({ preventScroll: true });
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => mark.classList.remove('is-current'), 2000);
  announce(`${mark.textContent.replace(/\s+/g, ' ').trim()}: occurrence ${i + 1} of ${marks.length}`);
}

document.querySelector('.entity-groups').addEventListener('click', (event) => {
  const more = event.target.closest('button.show-more');
  if (more) {
    listExpanded.add(more.dataset.showMore);
    renderLists(lastGroups);
    return;
  }
  const btn = event.target.closest('button.entity');
  if (btn) showOccurrence(btn.dataset.key);
});

// ---------------------------------------------------------------- label toggles
function loadHidden() {
  try { return new Set(JSON.parse(localStorage.getItem(HIDDEN_KEY) || '[]').filter((l) => LABELS.includes(l))); } catch { return new Set(); }
}
const hidden = loadHidden();

function applyToggles() {
  for (const label of LABELS) {
    const off = hidden.has(label);
    view.classList.toggle(`hide-${label}`, off);
    document.querySelector(`.toggle[data-label="${label}"]`).setAttribute('aria-pressed', String(!off));
    document.querySelector(`.entity-group[data-label="${label}"]`).classList.toggle('is-off', off);
  }
}

$('legend').addEventListener('click', (event) => {
  const btn = event.target.closest('button.toggle');
  if (!btn) return;
  const label = btn.dataset.label;
  if (hidden.has(label)) hidden.delete(label); else hidden.add(label);
  applyToggles();
  try { localStorage.setItem(HIDDEN_KEY, JSON.stringify([...hidden])); } catch { /* not essential */ }
});

// ---------------------------------------------------------------- user dictionary
// Entries { text, label }: label is one of LABELS (always highlight the words so) or SUPPRESS (never highlight
// them). Kept in localStorage as a JSON array and sent with every request as options.dictionary; the engine
// matches whole words ignoring case. A change re-annotates the text at once (the renderer rebuilds only the
// paragraphs whose entities changed). The list is only ever built with textContent.
const DICT_KEY = 'article-annotator:dictionary';
const SUPPRESS = 'SUPPRESS';
const DICT_LABELS = [...LABELS, SUPPRESS];
const DICT_WORDS = { ...LABEL_WORDS, SUPPRESS: 'Never highlight' };
const DICT_MAX_CHARS = 200;
const DICT_MAX_ENTRIES = 1000;
const dictText = $('dict-text');
const dictLabel = $('dict-label');
const dictList = $('dict-list');
const dictMessage = $('dict-message');
const dictCount = $('dict-count');

const normalEntry = (t) => String(t).replace(/\s+/g, ' ').trim();
const entryKey = (t) => normalEntry(t).toLowerCase();
const quoted = (t) => `“${t.length > 60 ? `${t.slice(0, 57)}…` : t}”`;
const entryMeaning = (label) => (label === SUPPRESS ? 'never highlighted' : `highlighted as ${LABEL_WORDS[label].toLowerCase()}`);

/** Valid entries only; the same words (ignoring case and spacing) are merged: the last choice wins. */
function cleanDictionary(list) {
  const byKey = new Map();
  for (const item of Array.isArray(list) ? list : []) {
    if (!item || typeof item.text !== 'string' || !DICT_LABELS.includes(item.label)) continue;
    const text = normalEntry(item.text);
    if (text && text.length <= DICT_MAX_CHARS) byKey.set(text.toLowerCase(), { text, label: item.label });
  }
  return [...byKey.values()].slice(0, DICT_MAX_ENTRIES);
}

function loadDictionary() {
  // Anything unreadable (corrupt JSON, another shape, storage blocked) starts an empty dictionary.
  try { return cleanDictionary(JSON.parse(localStorage.getItem(DICT_KEY) || '[]')); } catch { return []; }
}

let dictionary = loadDictionary();
let dictCache = null; // { option, byKey } for the current entries

function dictionaryCache() {
  if (!dictCache) {
    dictCache = {
      option: {
        add: dictionary.filter((e) => e.label !== SUPPRESS).map(({ text, label }) => ({ text, label })),
        suppress: dictionary.filter((e) => e.label === SUPPRESS).map((e) => e.text),
      },
      byKey: new Map(dictionary.map((e) => [e.text.toLowerCase(), e])),
    };
  }
  return dictCache;
}
/** The `dictionary` option of annotate(). */
const dictionaryOption = () => dictionaryCache().option;
/** The entry for these words, if any. */
const dictionaryEntry = (text) => dictionaryCache().byKey.get(entryKey(text));

function saveDictionary() {
  try {
    if (dictionary.length) localStorage.setItem(DICT_KEY, JSON.stringify(dictionary));
    else localStorage.removeItem(DICT_KEY);
    return true;
  } catch {
    return false;
  }
}

function sayDictionary(message, { error = false } = {}) {
  dictMessage.textContent = message;
  dictMessage.classList.toggle('is-error', error);
  if (error) dictText.setAttribute('aria-invalid', 'true');
  else dictText.removeAttribute('aria-invalid');
}

function renderDictionary() {
  const frag = document.createDocumentFragment();
  for (const entry of dictionary) {
    const li = document.createElement('li');
    li.className = 'dict-entry';
    li.dataset.key = entry.text.toLowerCase();
    li.dataset.label = entry.label;
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.setAttribute('aria-hidden', 'true');
    const text = document.createElement('span');
    text.className = 'dict-entry-text';
    text.textContent = entry.text;
    text.title = entry.text;
    const select = document.createElement('select');
    select.className = 'dict-select';
    select.setAttribute('aria-label', `How to treat ${quoted(entry.text)}`);
    for (const label of DICT_LABELS) select.add(new Option(DICT_WORDS[label], label, false, label === entry.label));
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'dict-remove';
    remove.textContent = '×';
    remove.title = 'Remove';
    remove.setAttribute('aria-label', `Remove ${quoted(entry.text)}`);
    li.append(swatch, text, select, remove);
    frag.append(li);
  }
  dictList.replaceChildren(frag);
  const n = dictionary.length;
  dictCount.textContent = n === 0 ? 'empty' : `${numberFormat.format(n)} ${n === 1 ? 'entry' : 'entries'}`;
}

/** The entries changed (here or in another tab): annotate the current text again with them. */
function dictionaryChanged() {
  dictVersion += 1;
  dictCache = null;
  if (input.value) requestAnnotation(input.value);
}

/** Apply and keep a change made here; `message` says what happened. */
function commitDictionary(message) {
  const saved = saveDictionary();
  sayDictionary(saved ? message : `${message} It could not be saved on this device, so a reload will forget it.`);
  dictionaryChanged();
}

function addEntry() {
  const text = normalEntry(dictText.value);
  if (!text) { // nothing to add: ignored
    dictText.value = '';
    sayDictionary('');
    dictText.focus();
    return;
  }
  if (text.length > DICT_MAX_CHARS) {
    sayDictionary(`Not added: an entry can be at most ${DICT_MAX_CHARS} characters long (this one has ${numberFormat.format(text.length)}).`, { error: true });
    dictText.focus();
    return;
  }
  const label = DICT_LABELS.includes(dictLabel.value) ? dictLabel.value : LABELS[0];
  const key = text.toLowerCase();
  const i = dictionary.findIndex((e) => e.text.toLowerCase() === key);
  dictText.value = '';
  dictText.focus();
  if (i >= 0) {
    const was = dictionary[i];
    if (was.text === text && was.label === label) { sayDictionary(`${quoted(text)} is already in your dictionary.`); return; }
    dictionary[i] = { text, label }; // the same words again: the last choice wins
    renderDictionary();
    commitDictionary(`Changed ${quoted(text)}: now ${entryMeaning(label)}.`);
    return;
  }
  if (dictionary.length >= DICT_MAX_ENTRIES) {
    dictText.value = text;
    sayDictionary(`Not added: your dictionary is full (${DICT_MAX_ENTRIES} entries). Remove some first.`, { error: true });
    return;
  }
  dictionary.push({ text, label });
  renderDictionary();
  commitDictionary(`Added ${quoted(text)}: ${entryMeaning(label)}.`);
}

$('dict-add').addEventListener('click', addEntry);
dictText.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.isComposing) {
    event.preventDefault();
    addEntry();
  }
});
dictText.addEventListener('input', () => { if (dictText.hasAttribute('aria-invalid')) sayDictionary(''); });

dictList.addEventListener('change', (event) => {
  const select = event.target.closest('select.dict-select');
  const li = select?.closest('li.dict-entry');
  const entry = li && dictionary.find((e) => e.text.toLowerCase() === li.dataset.key);
  if (!entry || !DICT_LABELS.includes(select.value)) return;
  entry.label = select.value;
  li.dataset.label = entry.label; // in place: keeps the focus on the select
  commitDictionary(`Changed ${quoted(entry.text)}: now ${entryMeaning(entry.label)}.`);
});

dictList.addEventListener('click', (event) => {
  const btn = event.target.closest('button.dict-remove');
  const li = btn?.closest('li.dict-entry');
  if (!li) return;
  const i = dictionary.findIndex((e) => e.text.toLowerCase() === li.dataset.key);
  if (i < 0) return;
  const [entry] = dictionary.splice(i, 1);
  renderDictionary();
  // Keep the keyboard in the list: the next entry's remove button, else the previous one, else the text field.
  const buttons = dictList.querySelectorAll('button.dict-remove');
  (buttons[Math.min(i, buttons.length - 1)] || dictText).focus();
  commitDictionary(`Removed ${quoted(entry.text)}.`);
});

// Another tab of this page changed the dictionary: follow it.
window.addEventListener('storage', (event) => {
  if (event.key !== DICT_KEY && event.key !== null) return;
  dictionary = loadDictionary();
  renderDictionary();
  dictionaryChanged();
});

// ---------------------------------------------------------------- export
// Downloads are blob: URLs of this page (allowed by its CSP); nothing leaves the device.
const exportButtons = [...document.querySelectorAll('#export button[data-export]')];

function updateExport() {
  for (const b of exportButtons) b.disabled = rendered.text === '';
}

/** The rendered entities whose label is not switched off: exports hold what the view shows. */
const shownEntities = () => rendered.entities.filter((e) => !hidden.has(e.label));
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// A copy event carries the HTML to the clipboard exactly as made here. It comes first because the
// async Clipboard API sanitises text/html by parsing it in this page, where the CSP (style-src
// 'self') reports every style attribute of the marks as a violation.
function copyWithEvent(html, text) {
  let done = false;
  const onCopy = (event) => {
    event.clipboardData.setData('text/html', html);
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
    done = true;
  };
  document.addEventListener('copy', onCopy);
  try { document.execCommand('copy'); } catch { /* unsupported */ }
  document.removeEventListener('copy', onCopy);
  return done;
}

async function copyHtml(text, entities) {
  const html = highlightedFragment(text, entities, { inline: true });
  const done = `Copied the highlighted text (${plural(entities.length, 'highlight')}) as HTML and plain text.`;
  if (copyWithEvent(html, text)) {
    announce(done);
    return;
  }
  try {
    if (!navigator.clipboard?.write || typeof ClipboardItem === 'undefined') throw new Error('no async clipboard');
    await navigator.clipboard.write([new ClipboardItem({
      'text/html': new Blob([html], { type: 'text/html' }),
      'text/plain': new Blob([text], { type: 'text/plain' }),
    })]);
    announce(done);
  } catch {
    try {
      await navigator.clipboard.writeText(text);
      announce('Copied the text without highlights (this browser does not allow copying HTML); “Download HTML” keeps them.');
    } catch {
      announce('This browser did not allow copying; use “Download HTML” instead.');
    }
  }
}

$('export').addEventListener('click', (event) => {
  const btn = event.target.closest('button[data-export]');
  if (!btn || btn.disabled) return;
  const { text } = rendered;
  const entities = shownEntities();
  const n = plural(entities.length, 'highlight');
  switch (btn.dataset.export) {
    case 'json':
      download('entities.json', 'application/json', toJson(text, entities));
      announce(`Saved entities.json (${n}).`);
      break;
    case 'csv':
      download('entities.csv', 'text/csv', toCsv(text, entities));
      announce(`Saved entities.csv (${n}).`);
      break;
    case 'html':
      download('highlighted.html', 'text/html', toHtml(text, entities));
      announce(`Saved highlighted.html (${n}).`);
      break;
    case 'copy':
      copyHtml(text, entities);
      break;
  }
});

// ---------------------------------------------------------------- tooltip
function tooltipFor(mark) {
  const label = mark.dataset.label;
  const kind = mark.dataset.kind || label.toLowerCase();
  const frag = document.createDocumentFragment();
  const head = document.createElement('strong');
  head.textContent = `${LABEL_WORDS[label] || label} · ${kind}`;
  frag.append(head);
  const ent = entOf.get(mark) || { label, kind, score: Number(mark.dataset.score) };
  if (label === 'NUMBER') {
    const value = describeValue(ent);
    if (value) {
      const line = document.createElement('span');
      line.className = 'tip-value';
      line.textContent = value;
      frag.append(line);
    }
  }
  const own = dictionaryEntry(mark.textContent);
  if (own && own.label === label) {
    const line = document.createElement('span');
    line.className = 'tip-score';
    line.textContent = 'from your dictionary';
    frag.append(line);
  } else if (isNum(ent.score)) {
    const line = document.createElement('span');
    line.className = 'tip-score';
    line.textContent = `confidence ${Math.round(ent.score * 100)}%`;
    frag.append(line);
  }
  return frag;
}

let tipOwner = null;
function showTooltip(mark) {
  if (view.classList.contains(`hide-${mark.dataset.label}`)) return;
  tipOwner = mark;
  tooltip.replaceChildren(tooltipFor(mark));
  tooltip.hidden = false;
  const r = mark.getBoundingClientRect();
  const t = tooltip.getBoundingClientRect();
  const left = Math.min(Math.max(8, r.left + r.width / 2 - t.width / 2), window.innerWidth - t.width - 8);
  let top = r.top - t.height - 8;
  if (top < 8) top = r.bottom + 8;
  tooltip.style.left = `${Math.round(left)}px`;
  tooltip.style.top = `${Math.round(top)}px`;
}

function hideTooltip() {
  tipOwner = null;
  tooltip.hidden = true;
}

// On pointer hover the native title would duplicate our tooltip, so park it while hovered.
view.addEventListener('mouseover', (event) => {
  const mark = event.target.closest('mark');
  if (!mark || mark === tipOwner) return;
  if (mark.title) { mark.dataset.title = mark.title; mark.removeAttribute('title'); }
  showTooltip(mark);
});
view.addEventListener('mouseout', (event) => {
  const mark = event.target.closest('mark');
  if (!mark || mark.contains(event.relatedTarget)) return;
  if (mark.dataset.title) { mark.title = mark.dataset.title; delete mark.dataset.title; }
  if (mark === tipOwner) hideTooltip();
});
view.addEventListener('focusin', (event) => { if (event.target.matches('mark')) showTooltip(event.target); });
view.addEventListener('focusout', () => hideTooltip());
view.addEventListener('scroll', () => hideTooltip(), { passive: true });
document.addEventListener('keydown', (event) => { if (event.key === 'Escape') hideTooltip(); });

// ---------------------------------------------------------------- text box, sample, clear, storage
let storageWarned = false;
function saveText(text) {
  try {
    if (text) localStorage.setItem(TEXT_KEY, text); else localStorage.removeItem(TEXT_KEY);
  } catch {
    if (!storageWarned) { storageWarned = true; announce('This text is too large to keep after a reload.'); }
  }
}

function updateCharcount() {
  const n = input.value.length;
  charcount.textContent = n ? `${numberFormat.format(n)} character${n === 1 ? '' : 's'}` : '';
}

input.addEventListener('input', (event) => {
  // A paste or a programmatic replacement is one discrete change: no need to wait. Its request
  // goes to the worker now, before the handler returns, so that the annotation runs while the
  // browser lays out the text box (a timer would wait for that layout: 20-30 ms for 10k words).
  const discrete = event.inputType === 'insertFromPaste' || event.inputType === 'insertFromDrop' || event.inputType === 'insertReplacementText';
  if (discrete) requestAnnotation(input.value); else schedule(DEBOUNCE_MS);
  saveText(input.value);
  updateCharcount();
});

// Replace the whole text through the editing machinery so that Ctrl+Z can bring the old text back.
function replaceText(text) {
  input.focus();
  input.select();
  let ok = false;
  try {
    ok = text ? document.execCommand('insertText', false, text) : document.execCommand('delete', false);
  } catch { ok = false; }
  if (!ok || input.value !== text) {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  input.setSelectionRange(0, 0);
  input.scrollTop = 0;
  saveText(input.value);
  updateCharcount();
  requestAnnotation(input.value);
}

$('sample').addEventListener('click', () => replaceText(SAMPLE_TEXT));
$('clear').addEventListener('click', () => {
  const had = input.value !== '';
  replaceText('');
  if (had) announce('Cleared. Press Ctrl+Z in the text box to undo.');
});

window.addEventListener('pagehide', () => saveText(input.value));

// ---------------------------------------------------------------- start
applyToggles();
renderDictionary();
let restored = '';
try { restored = localStorage.getItem(TEXT_KEY) || ''; } catch { /* storage unavailable */ }
if (restored) input.value = restored;
updateCharcount();
startWorker();
if (input.value) render(input.value, [], { final: false }); // show restored text at once
requestAnnotation(input.value);
