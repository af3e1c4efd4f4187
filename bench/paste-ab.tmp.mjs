// temporary: w10k paste timings only (not committed)
import { loadTexts } from './texts.mjs';
import { launchBrowser, startServer } from '../e2e/helpers.mjs';
const src = await import('node:fs').then((fs) => fs.readFileSync(new URL('./page-bench.mjs', import.meta.url), 'utf8'));
const median = (xs) => { const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
// reuse INIT + paste from page-bench by eval of their source text
const INIT = eval('(' + src.slice(src.indexOf('const INIT = ') + 13, src.indexOf('};\n\nasync function newContext') + 1) + ')');
const pasteSrc = src.slice(src.indexOf('function paste(page, text) {'), src.indexOf('/** One keystroke'));
const paste = eval('(' + pasteSrc + ')');
const { sized } = loadTexts();
const name = process.env.SIZE || 'w10k';
const server = await startServer();
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', deviceScaleFactor: 1 });
await context.addInitScript(INIT);
const page = await context.newPage();
await page.goto(server.url);
await page.waitForFunction(() => window.__bench.readyAt !== null && document.body.dataset.state === 'ready', null, { timeout: 60000 });
await page.waitForTimeout(2500);
const runs = [];
for (let i = 0; i < (Number(process.env.REPS) || 9); i++) { await paste(page, ''); runs.push(await paste(page, sized[name])); }
const f = (k) => median(runs.map((r) => r[k])).toFixed(1);
console.log(`${process.env.TAG || ''} ${name} dom ${f('dom')} painted ${f('painted')} worker ${f('workerMs')} js ${f('renderJs')} layout ${f('layout')} | painted runs ${runs.map((r) => r.painted.toFixed(0)).join(' ')}`);
await browser.close(); await server.stop();
