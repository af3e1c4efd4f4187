// Shared helpers for the end-to-end tests: a static server that hosts www/ under a sub-path,
// the system Chromium (never a downloaded browser), and small page utilities.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
/** ANNOTATOR_WWW lets a developer point the tests at another copy of the site. */
export const WWW = process.env.ANNOTATOR_WWW || join(REPO, 'www');
export const PKG = join(WWW, 'pkg');
/** The page is served from a sub-path to prove that every URL it uses is relative. */
export const SUB_PATH = '/static/tools/article-annotator/';
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function assertBuilt() {
  if (!existsSync(join(PKG, 'article_annotator.js')) || !existsSync(join(PKG, 'article_annotator_bg.wasm'))) {
    throw new Error(`www/pkg is missing: run \`make build\` first (looked in ${PKG})`);
  }
}

/** Serve a temp dir in which www/ is linked at SUB_PATH. Resolves to { origin, url, stop() }. */
export async function startServer() {
  const root = mkdtempSync(join(tmpdir(), 'annotator-e2e-'));
  const parts = SUB_PATH.split('/').filter(Boolean);
  mkdirSync(join(root, ...parts.slice(0, -1)), { recursive: true });
  symlinkSync(WWW, join(root, ...parts), 'dir');
  const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', root], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`http.server did not start: ${buf}`)), 15000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buf += chunk;
      const m = /Serving HTTP on \S+ port (\d+)/.exec(buf);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.stderr.resume(); // request log; not needed
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`http.server exited (${code}): ${buf}`)); });
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: origin + SUB_PATH,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Open the page in a fresh context. Records every request, dialog, page error and CSP violation.
 * Options: { viewport, reducedMotion }.
 */
export async function openPage(browser, server, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    reducedMotion: options.reducedMotion ?? 'reduce',
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  const record = { requests: [], dialogs: [], pageErrors: [], consoleErrors: [] };
  context.on('request', (req) => record.requests.push(req.url()));
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on('dialog', (d) => { record.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on('pageerror', (err) => record.pageErrors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') record.consoleErrors.push(msg.text()); });
  await page.goto(server.url);
  await waitReady(page);
  return { context, page, record };
}

/** Wait until the engine has loaded and the view shows the current contents of the text box. */
export async function waitReady(page, timeout = 30000) {
  await page.waitForFunction(() => window.__annotatorReady instanceof Promise, null, { timeout });
  await page.evaluate(() => window.__annotatorReady);
  await page.waitForFunction(
    () => document.body.dataset.state === 'ready' && window.__annotator.renderedText === document.getElementById('input').value,
    null, { timeout });
}

/** Put text in the box the way a paste does (one input event), without waiting. */
export async function putText(page, text) {
  await page.evaluate((t) => {
    const input = document.getElementById('input');
    input.focus();
    input.value = t;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
}

/** Put text in the box the way a paste does, then wait for its rendering. */
export async function pasteText(page, text) {
  await putText(page, text);
  await waitReady(page);
  return page.inputValue('#input');
}

/** Marks currently in the view: [{ text, label, kind, title, value, currency, unit }]. */
export function marks(page) {
  return page.$$eval('#view mark', (ms) => ms.map((m) => ({
    text: m.textContent, label: m.dataset.label, kind: m.dataset.kind, title: m.title || m.dataset.title || '',
    value: m.dataset.value === undefined ? undefined : Number(m.dataset.value),
    currency: m.dataset.currency, unit: m.dataset.unit,
  })));
}

/**
 * Registers the suite's server and browser (started before the tests, stopped after) and returns
 * `withPage(fn, options)`: opens a fresh page, runs `fn(page, { record, context })`, then checks
 * that no dialog opened, no page error was thrown and no CSP violation happened.
 */
export function browserSuite() {
  const s = {};
  before(async () => {
    assertBuilt();
    s.server = await startServer();
    s.browser = await launchBrowser();
  });
  after(async () => {
    await s.browser?.close();
    await s.server?.stop();
  });
  async function withPage(fn, options) {
    const { context, page, record } = await openPage(s.browser, s.server, options);
    try {
      await fn(page, { record, context, server: s.server });
      assert.deepEqual(record.dialogs, [], 'no dialog may open');
      assert.deepEqual(record.pageErrors, [], 'no uncaught page error');
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
    } finally {
      await context.close();
    }
  }
  return { withPage, suite: s };
}
