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
const MAX_LIST_ITEMS = 150;
const MAX_RESTARTS = 3;

const $ = (id) => document.getElementById(id);
const input = $('input');
const view = $('view');
const busyEl = $('busy');
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
let rendered = { text: '', entities: [], final: false }; // final: a successful annotation of text
let occurrences = new Map(); // entity key -> [mark, ...]
const cursor = new Map();    // entity key -> index of the occurrence shown last

let resolveReady;
window.__annotatorReady = new Promise((resolve) => { resolveReady = resolve; });
window.__annotator = {
  get renderedText() { return rendered.text; },
  get entities() { return rendered.entities; },
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
      render(req.text, Array.isArray(msg.entities) ? msg.entities : [], { ms: msg.ms });
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
  if (!failed && wantText === null && input.value && input.value !== rendered.text) wantText = input.value;
  // Whatever happens, the user's current text stays visible.
  if (rendered.text !== input.value) render(input.value, [], { final: false });
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
  if (text === rendered.text && rendered.final && !hasError) { updateState(); return; }
  inFlight = { id: nextId++, text };
  worker.postMessage({ type: 'annotate', id: inFlight.id, text, options: {} });
  updateState();
}

function schedule(delay) {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => requestAnnotation(input.value), delay);
  updateState();
}

function updateState() {
  const pending = Boolean(debounceTimer || inFlight || wantText !== null || !workerReady);
  const upToDate = rendered.text === input.value && renderCount > 0;
  const final = upToDate && rendered.final;
  let state;
  if (hasError && !inFlight && !debounceTimer && wantText === null) state = 'error';
  else if (pending || !final) state = 'busy';
  else state = 'ready';
  document.body.dataset.state = state;
  view.setAttribute('aria-busy', String(state === 'busy'));
  view.classList.toggle('is-stale', !upToDate);

  // The visible spinner appears only if work takes a noticeable time.
  const working = Boolean(inFlight || (!workerReady && input.value && !hasError));
  if (working && !busyTimer && busyEl.hidden) {
    busyTimer = setTimeout(() => { busyTimer = 0; if (inFlight || !workerReady) busyEl.hidden = false; }, BUSY_DELAY_MS);
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
let warnedMismatch = false;

// final=false: the text is shown without (fresh) highlights, e.g. after an error or while the engine loads.
function render(text, entities, { ms = null, final = true } = {}) {
  const frag = document.createDocumentFragment();
  const counts = Object.fromEntries(LABELS.map((l) => [l, 0]));
  const groups = new Map(); // key -> { label, text, marks: [] }
  const kept = [];
  let pos = 0;
  for (const e of entities) {
    if (!e || !LABELS.includes(e.label)) continue;
    const { start, end } = e;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < pos || end <= start || end > text.length) continue;
    const slice = text.slice(start, end);
    if (typeof e.text === 'string' && e.text !== slice && !warnedMismatch) {
      warnedMismatch = true;
      console.warn('annotator: entity text does not match its offsets', e);
    }
    if (start > pos) frag.append(document.createTextNode(text.slice(pos, start)));
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
    mark.dataset.index = String(kept.length);
    frag.append(mark);
    pos = end;
    counts[e.label] += 1;
    kept.push(e);
    const key = keyFor(e.label, slice);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { label: e.label, text: slice.replace(/\s+/g, ' ').trim(), marks: [] }));
    g.marks.push(mark);
  }
  if (pos < text.length) frag.append(document.createTextNode(text.slice(pos)));

  hideTooltip();
  view.replaceChildren(frag);
  rendered = { text, entities: kept, final };
  renderCount += 1;
  view.dataset.renderCount = String(renderCount);
  view.dataset.renderedLength = String(text.length);

  occurrences = new Map([...groups].map(([k, g]) => [k, g.marks]));
  for (const k of [...cursor.keys()]) if (!occurrences.has(k)) cursor.delete(k);
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

function renderLegend(counts) {
  for (const label of LABELS) {
    document.querySelector(`[data-count-for="${label}"]`).textContent = String(counts[label]);
  }
}

function renderLists(groups) {
  const byLabel = Object.fromEntries(LABELS.map((l) => [l, []]));
  let order = 0;
  for (const [key, g] of groups) byLabel[g.label].push({ key, ...g, order: order++ });
  for (const label of LABELS) {
    const list = document.querySelector(`[data-list-for="${label}"]`);
    const items = byLabel[label].sort((a, b) => b.marks.length - a.marks.length || a.order - b.order);
    const frag = document.createDocumentFragment();
    for (const item of items.slice(0, MAX_LIST_ITEMS)) {
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
    if (items.length > MAX_LIST_ITEMS) {
      const li = document.createElement('li');
      li.className = 'more';
      li.textContent = `and ${items.length - MAX_LIST_ITEMS} more`;
      frag.append(li);
    }
    list.replaceChildren(frag);
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
  const ent = rendered.entities[Number(mark.dataset.index)] || { label, kind, score: Number(mark.dataset.score) };
  if (label === 'NUMBER') {
    const value = describeValue(ent);
    if (value) {
      const line = document.createElement('span');
      line.className = 'tip-value';
      line.textContent = value;
      frag.append(line);
    }
  }
  if (isNum(ent.score)) {
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
  saveText(input.value);
  updateCharcount();
  // A paste or a programmatic replacement is one discrete change: no need to wait.
  const discrete = event.inputType === 'insertFromPaste' || event.inputType === 'insertFromDrop' || event.inputType === 'insertReplacementText';
  schedule(discrete ? 0 : DEBOUNCE_MS);
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
let restored = '';
try { restored = localStorage.getItem(TEXT_KEY) || ''; } catch { /* storage unavailable */ }
if (restored) input.value = restored;
updateCharcount();
startWorker();
if (input.value) render(input.value, [], { final: false }); // show restored text at once
requestAnnotation(input.value);
