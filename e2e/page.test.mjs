// End-to-end tests of the Article Annotator page against the real WebAssembly module and model.
// Run from the repository root:  node --test e2e/      (UPDATE_SCREENSHOT=1 also writes docs/screenshot.png)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_TEXT } from '../www/sample.js';
import { REPO, SUB_PATH, browserSuite, marks, pasteText, waitReady } from './helpers.mjs';

const LABELS = ['PERSON', 'PLACE', 'NUMBER', 'DATE'];

// Written for these tests; not in the sample or in any training text of ours.
const NEWS = [
  'Prime Minister Jacinda Ardern visited Christchurch on Tuesday to open a new children\'s hospital.',
  'Ardern toured the wards.',
  'The government in Wellington said the rebuilding programme had cost $4.5 billion so far,',
  'and that waiting times for surgery had fallen by 12 percent since the plan was announced on March 3, 2021.',
  'Jacinda Ardern later flew to Australia for talks with business leaders.',
].join(' ');

const { withPage, suite } = browserSuite();

const find = (ms, text) => ms.find((m) => m.text === text);

describe('annotation of an unseen news paragraph', () => {
  test('clear entities get the right text, label and kind', async () => {
    await withPage(async (page) => {
      const value = await pasteText(page, NEWS);
      assert.equal(value, NEWS);
      assert.equal(await page.textContent('#view'), NEWS, 'the view shows exactly the input');
      const ms = await marks(page);
      const summary = ms.map((m) => `${m.text}=${m.label}/${m.kind}`).join(', ');

      const ardern = ms.filter((m) => m.text === 'Jacinda Ardern');
      assert.ok(ardern.length >= 1, `"Jacinda Ardern" is marked (got: ${summary})`);
      for (const m of ardern) assert.equal(m.label, 'PERSON', summary);

      for (const place of ['Wellington', 'Australia']) {
        assert.equal(find(ms, place)?.label, 'PLACE', `${place} is a PLACE (got: ${summary})`);
      }

      const money = find(ms, '$4.5 billion');
      assert.ok(money, `"$4.5 billion" is one mark (got: ${summary})`);
      assert.equal(money.label, 'NUMBER');
      assert.equal(money.kind, 'money');
      assert.equal(money.value, 4.5e9);
      assert.equal(money.currency, 'USD');

      const pct = find(ms, '12 percent');
      assert.ok(pct, `"12 percent" is one mark (got: ${summary})`);
      assert.equal(pct.label, 'NUMBER');
      assert.equal(pct.kind, 'percent');
      assert.equal(pct.value, 12);

      const date = find(ms, 'March 3, 2021');
      assert.ok(date, `"March 3, 2021" is one mark (got: ${summary})`);
      assert.equal(date.label, 'DATE');

      // Every mark's text is the engine's own text for that entity (UTF-16 offsets agree).
      const engine = await page.evaluate(() => window.__annotator.entities.map((e) => e.text));
      assert.deepEqual(ms.map((m) => m.text), engine);
    });
  });

  test('a number tooltip shows its kind and normalised value', async () => {
    await withPage(async (page) => {
      await pasteText(page, NEWS);
      const money = page.locator('#view mark[data-label="NUMBER"]', { hasText: '$4.5 billion' });
      assert.equal(await money.count(), 1);
      const title = await money.getAttribute('title');
      assert.match(title, /money/);
      assert.match(title, /4\.5 billion USD/);
      // The nicer tooltip on hover carries the same value, and the native title is restored afterwards.
      await money.hover();
      const tip = page.locator('#tooltip');
      await tip.waitFor({ state: 'visible' });
      assert.match(await tip.textContent(), /4\.5 billion USD/);
      await page.mouse.move(5, 5);
      await tip.waitFor({ state: 'hidden' });
      assert.equal(await money.getAttribute('title'), title);
      // Non-number marks show kind and score.
      const person = page.locator('#view mark[data-label="PERSON"]').first();
      assert.match(await person.getAttribute('title'), /^person · score (0|1)\.\d\d$/);
    });
  });
});

// The view holds only the page's own elements: paragraph wrappers (direct children) and the marks in them.
const NOT_OURS = '#view > :not(span.chunk), #view span.chunk :not(mark), #view mark *';

describe('text fidelity and safety', () => {
  test('the view reproduces tricky text exactly', async () => {
    const tricky = 'Family 👨‍👩‍👧‍👦 and 👍🏽👋🏿 in Paris\r\nNBSP:\u00a0here — “curly” ‘quotes’ … em—dash\r\n'
      + 'RTL: مرحبا بالعالم and שלום עולם, then Berlin on 5 May 2020.\r\n'
      + '<b>bold</b> &amp; &lt;i&gt; \\n literal, tab\tand   spaces  \n\n\u200b zero-width, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and e\u0301 combining. £3 million.\n';
    await withPage(async (page) => {
      const value = await pasteText(page, tricky);
      // A <textarea> normalises CRLF to LF (HTML spec); everything else must survive untouched.
      assert.equal(value, tricky.replace(/\r\n/g, '\n'));
      assert.equal(await page.textContent('#view'), value);
      assert.equal(await page.$$eval(NOT_OURS, (els) => els.length), 0, 'no element other than <mark> (and the paragraph wrappers) in the view');
      const ms = await marks(page);
      const engine = await page.evaluate(() => window.__annotator.entities.map((e) => e.text));
      assert.deepEqual(ms.map((m) => m.text), engine, 'offsets after emoji and astral characters line up');
      assert.ok(ms.length >= 2, `some entities are still found (got ${JSON.stringify(ms)})`);
      const stored = await page.evaluate(() => localStorage.getItem('article-annotator:text'));
      assert.equal(stored, value);
    });
  });

  test('HTML-looking text stays text: no script runs, no element is created', async () => {
    const evil = 'Mayor Sadiq Khan spoke in London. <script>alert(1)</script>\n'
      + '<img src=x onerror=alert(2)> and </mark><svg onload=alert(3)> and <mark data-label="PERSON">fake</mark>\n'
      + '"><iframe src="javascript:alert(4)"></iframe> {{constructor.constructor(\'alert(5)\')()}} ${alert(6)}\n';
    await withPage(async (page, { record }) => {
      await pasteText(page, evil);
      assert.equal(await page.textContent('#view'), evil);
      const created = await page.$$eval('#view img, #view svg, #view script, #view iframe, .entity-groups img, .entity-groups svg, .entity-groups script',
        (els) => els.length);
      assert.equal(created, 0);
      assert.equal(await page.$$eval(NOT_OURS, (els) => els.length), 0);
      // Every <mark> in the view comes from the engine, none from the text.
      const engineCount = await page.evaluate(() => window.__annotator.entities.length);
      assert.equal(await page.locator('#view mark').count(), engineCount);
      await page.waitForTimeout(300); // give any injected handler time to fire
      // The stored copy must be just as inert after a reload.
      await page.reload();
      await waitReady(page);
      assert.equal(await page.textContent('#view'), evil);
      await page.waitForTimeout(300);
      assert.deepEqual(record.dialogs, []);
      assert.equal(await page.evaluate(() => document.querySelectorAll('iframe, script:not([src])').length), 0);
    });
  });
});

describe('legend, toggles and entity list', () => {
  test('toggling a label off neutralises its marks, toggling back restores them', async () => {
    await withPage(async (page) => {
      await pasteText(page, NEWS);
      const bg = (label) => page.$eval(`#view mark[data-label="${label}"]`, (m) => getComputedStyle(m).backgroundColor);
      const chip = (label) => page.$eval(`#view mark[data-label="${label}"]`, (m) => getComputedStyle(m, '::after').content);
      assert.equal(await bg('PLACE'), 'rgb(254, 202, 116)');
      assert.equal(await bg('PERSON'), 'rgb(170, 156, 252)');
      assert.equal(await bg('NUMBER'), 'rgb(228, 231, 210)');
      assert.equal(await bg('DATE'), 'rgb(191, 225, 217)');
      assert.equal(await chip('PLACE'), '"PLACE"');

      const toggle = page.locator('.toggle[data-label="PLACE"]');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      assert.equal(await bg('PLACE'), 'rgba(0, 0, 0, 0)');
      assert.equal(await chip('PLACE'), 'none');
      assert.equal(await bg('PERSON'), 'rgb(170, 156, 252)', 'other labels keep their colour');

      // DATE is a label of its own and can be switched off with the keyboard.
      await page.focus('.toggle[data-label="DATE"]');
      await page.keyboard.press('Enter');
      assert.equal(await bg('DATE'), 'rgba(0, 0, 0, 0)');
      assert.equal(await bg('NUMBER'), 'rgb(228, 231, 210)');

      // The text itself is untouched by toggles.
      assert.equal(await page.textContent('#view'), NEWS);

      // Preference survives a reload.
      await page.reload();
      await waitReady(page);
      assert.equal(await page.getAttribute('.toggle[data-label="PLACE"]', 'aria-pressed'), 'false');
      assert.equal(await bg('PLACE'), 'rgba(0, 0, 0, 0)');

      await page.click('.toggle[data-label="PLACE"]');
      await page.click('.toggle[data-label="DATE"]');
      assert.equal(await bg('PLACE'), 'rgb(254, 202, 116)');
      assert.equal(await chip('PLACE'), '"PLACE"');
      assert.equal(await bg('DATE'), 'rgb(191, 225, 217)');
    });
  });

  test('legend counts match the marks and the list cycles through occurrences', async () => {
    // Long enough that the second mention is far below the fold of the view.
    const filler = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of routine filler text about nothing in particular.`).join('\n');
    const text = `${NEWS}\n${filler}\nAt the end of the week Jacinda Ardern returned home.\n`;
    await withPage(async (page) => {
      await pasteText(page, text);
      const ms = await marks(page);
      for (const label of LABELS) {
        const shown = Number(await page.textContent(`[data-count-for="${label}"]`));
        assert.equal(shown, ms.filter((m) => m.label === label).length, `legend count for ${label}`);
      }
      // The list groups identical names with a count, and the bare surname with its full name.
      const entry = page.locator('.entity-list[data-list-for="PERSON"] button.entity', { hasText: 'Jacinda Ardern' });
      assert.equal(await entry.count(), 1);
      assert.equal(await page.locator('.entity-list[data-list-for="PERSON"] button.entity', { hasText: /^Ardern/ }).count(), 0);
      const isArdern = (t) => t === 'Jacinda Ardern' || t === 'Ardern';
      assert.ok(ms.some((m) => m.text === 'Ardern'), 'the bare surname is marked');
      const occurrences = ms.filter((m) => isArdern(m.text)).length;
      assert.ok(occurrences >= 3, `three mentions of Jacinda Ardern are marked (got ${occurrences})`);
      assert.equal((await entry.locator('.entity-count').textContent()).trim(), `×${occurrences}`);
      // Sum of the list's counts per label equals the legend count (once every entry is listed).
      for (const more of await page.locator('button.show-more').all()) await more.click();
      await page.waitForFunction(() => !document.querySelector('button.show-more'));
      for (const label of LABELS) {
        const counts = await page.$$eval(`.entity-list[data-list-for="${label}"] .entity-count`, (els) => els.map((e) => Number(e.textContent.slice(1))));
        assert.equal(counts.reduce((a, b) => a + b, 0), Number(await page.textContent(`[data-count-for="${label}"]`)));
      }

      const focused = () => page.evaluate(() => {
        const a = document.activeElement;
        const all = [...document.querySelectorAll('#view mark')];
        return a?.tagName === 'MARK' ? { text: a.textContent, index: all.indexOf(a), current: a.classList.contains('is-current') } : null;
      });
      const visible = () => page.evaluate(() => {
        const a = document.activeElement.getBoundingClientRect();
        const v = document.getElementById('view').getBoundingClientRect();
        return a.top >= v.top && a.bottom <= v.bottom;
      });
      const seen = [];
      for (let i = 0; i < occurrences; i++) {
        if (i === occurrences - 1) {
          await entry.focus();
          await page.keyboard.press('Enter'); // works from the keyboard too
        } else {
          await entry.click();
        }
        const f = await focused();
        assert.ok(isArdern(f?.text), `an Ardern mention is focused (got ${f?.text})`);
        assert.ok(f.current, 'the current occurrence is outlined');
        assert.ok(await visible(), 'the occurrence is scrolled into view');
        seen.push(f.index);
      }
      assert.equal(new Set(seen).size, occurrences, 'each click shows the next occurrence');
      const last = await page.$eval('#view', (v) => v.scrollTop);
      assert.ok(last > 0, 'the view scrolled down to the last mention');
      await entry.click();
      assert.equal((await focused()).index, seen[0], 'and then wraps around');
      assert.match(await page.textContent('#status'), /Jacinda Ardern: occurrence 1 of \d/);
    });
  });
});

describe('persistence, sample and clear', () => {
  test('a reload keeps the text', async () => {
    await withPage(async (page) => {
      await page.click('#input');
      await page.keyboard.type('Typed by hand in Madrid on Monday. ', { delay: 5 });
      await waitReady(page);
      const value = await page.inputValue('#input');
      assert.equal(value, 'Typed by hand in Madrid on Monday. ');
      await page.reload();
      await waitReady(page);
      assert.equal(await page.inputValue('#input'), value);
      assert.equal(await page.textContent('#view'), value);
    });
  });

  test('the sample fills the text with all four labels; clear empties it', async () => {
    await withPage(async (page) => {
      await page.click('#sample');
      await waitReady(page);
      assert.equal(await page.inputValue('#input'), SAMPLE_TEXT);
      assert.equal(await page.textContent('#view'), SAMPLE_TEXT);
      const ms = await marks(page);
      for (const label of LABELS) {
        assert.ok(ms.some((m) => m.label === label), `the sample has a ${label} (got ${ms.map((m) => `${m.text}=${m.label}`).join(', ')})`);
      }
      const words = SAMPLE_TEXT.split(/\s+/).filter(Boolean).length;
      assert.ok(words >= 250 && words <= 400, `sample is 250-400 words (${words})`);

      await page.click('#clear');
      await waitReady(page);
      assert.equal(await page.inputValue('#input'), '');
      assert.equal(await page.textContent('#view'), '');
      assert.equal(await page.locator('#view mark').count(), 0);
      for (const label of LABELS) assert.equal(await page.textContent(`[data-count-for="${label}"]`), '0');
      assert.equal(await page.evaluate(() => localStorage.getItem('article-annotator:text')), null);
      // Clearing goes through the editing machinery, so it can be undone.
      await page.focus('#input');
      await page.keyboard.press('Control+z');
      await waitReady(page);
      assert.equal(await page.inputValue('#input'), SAMPLE_TEXT);
      await page.click('#clear');
      await page.reload();
      await waitReady(page);
      assert.equal(await page.inputValue('#input'), '');
    });
  });
});

describe('privacy and hosting', () => {
  test('every request stays on the page\'s own origin, under its sub-path; CSP is set', async () => {
    await withPage(async (page, { record }) => {
      await page.click('#sample');
      await waitReady(page);
      await pasteText(page, NEWS);
      const origin = new URL(page.url()).origin;
      assert.equal(new URL(page.url()).pathname, SUB_PATH);
      const http = record.requests.filter((u) => !u.startsWith('data:'));
      assert.ok(http.some((u) => u.endsWith('/pkg/article_annotator_bg.wasm')), `the wasm was fetched (${http.join(' ')})`);
      for (const u of http) {
        assert.equal(new URL(u).origin, origin, `request to another origin: ${u}`);
        assert.ok(new URL(u).pathname.startsWith(SUB_PATH), `request outside the sub-path: ${u}`);
      }
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'",
        "connect-src 'self'", "worker-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
        assert.ok(csp.includes(directive), `CSP has ${directive}`);
      }
      assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script');
      assert.equal(await page.locator('[style]').count(), 0, 'no inline style attribute');
      assert.match(await page.textContent('header'), /Your text never leaves this page/);
    });
  });
});

describe('robustness', () => {
  test('a crashed worker is reported in plain words, restarted, and the next input works', async () => {
    await withPage(async (page) => {
      await pasteText(page, NEWS);
      await page.evaluate(() => window.__annotator.simulateWorkerCrash());
      await page.waitForFunction(() => document.body.dataset.state === 'error');
      const error = page.locator('#error');
      assert.ok(await error.isVisible());
      assert.match(await error.textContent(), /went wrong.*Your text is safe/);
      assert.equal(await page.getAttribute('#error', 'role'), 'alert');
      assert.equal(await page.inputValue('#input'), NEWS, 'the text is not lost');
      await page.focus('#input');
      await page.keyboard.press('End');
      await page.keyboard.type(' Officials in Canberra welcomed her.');
      await waitReady(page);
      assert.equal(await page.textContent('#view'), `${NEWS} Officials in Canberra welcomed her.`);
      assert.ok(await page.locator('#view mark').count() >= 5);
      assert.ok(!(await error.isVisible()), 'the error message goes away once it works again');
    });
  });

  test('fast typing and big pastes: the final text always wins, the page stays responsive', async () => {
    await withPage(async (page) => {
      const big = Array.from({ length: 40 }, () => SAMPLE_TEXT).join('\n');
      await page.evaluate((t) => {
        const input = document.getElementById('input');
        input.value = t;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      }, big);
      // While the big text is being annotated, the main thread keeps answering.
      const t0 = Date.now();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
      assert.ok(Date.now() - t0 < 1000, 'the main thread is not blocked');
      await page.focus('#input');
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' Rome.', { delay: 15 });
      await waitReady(page, 60000);
      const value = await page.inputValue('#input');
      assert.ok(value.endsWith(' Rome.'));
      assert.equal(await page.textContent('#view'), value);
      const count = await page.locator('#view mark').count();
      assert.ok(count > 40 * 10, `many marks (${count})`);
    });
  });

  test('a paste goes to the worker at once, and one made while the worker warms up is answered', async () => {
    await withPage(async (page) => {
      await waitReady(page);
      // Right after "ready" the worker is still warming up (annotating the sample paragraph by
      // paragraph); this paste must be answered in between, with the right result.
      const sent = await page.evaluate((t) => {
        const input = document.getElementById('input');
        const post = Worker.prototype.postMessage;
        const seen = [];
        Worker.prototype.postMessage = function (m, ...rest) { seen.push(m?.type); return post.call(this, m, ...rest); };
        try {
          input.value = t;
          input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
        } finally {
          Worker.prototype.postMessage = post;
        }
        return seen; // what was posted before the input handler returned
      }, NEWS);
      assert.deepEqual(sent, ['annotate'], 'the paste was sent to the worker by the input handler itself');
      await waitReady(page);
      assert.equal(await page.textContent('#view'), NEWS);
      const ms = await marks(page);
      assert.equal(find(ms, 'Wellington')?.label, 'PLACE', ms.map((m) => m.text).join(', '));
      assert.equal(find(ms, '$4.5 billion')?.value, 4.5e9);
    });
  });

  test('every control can be reached with the Tab key', async () => {
    await withPage(async (page) => {
      await pasteText(page, NEWS);
      await page.evaluate(() => document.activeElement?.blur());
      const reached = new Set();
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const id = await page.evaluate(() => {
          const a = document.activeElement;
          return a?.id || (a?.dataset.label && a.className ? `${a.className}:${a.dataset.label}` : a?.tagName);
        });
        reached.add(id);
      }
      for (const want of ['sample', 'clear', 'input', 'view', 'toggle:PERSON', 'toggle:PLACE', 'toggle:NUMBER', 'toggle:DATE', 'entity:PERSON', 'entity:NUMBER']) {
        assert.ok(reached.has(want), `${want} is reachable (${[...reached].join(', ')})`);
      }
    });
  });
});

describe('entity lists', () => {
  test('a long list shows its 40 most frequent entries, and the rest when asked', async () => {
    // 55 different amounts; 1,001 three times, 1,002 twice, so those two lead the list.
    const amounts = Array.from({ length: 55 }, (_, i) => `${(1001 + i).toLocaleString('en-US')} boxes`);
    const text = [`Stock: ${amounts.join(', ')}.`, 'Again 1,001 boxes and 1,002 boxes.', 'Finally 1,001 boxes.'].join('\n');
    await withPage(async (page) => {
      await pasteText(page, text);
      const list = page.locator('.entity-list[data-list-for="NUMBER"]');
      const numbers = (await marks(page)).filter((m) => m.label === 'NUMBER');
      const distinct = new Set(numbers.map((m) => m.text)).size;
      assert.ok(distinct >= 55, `55 different amounts are marked (got ${distinct})`);
      assert.equal(await list.locator('button.entity').count(), 40);
      const first = await list.locator('button.entity .entity-text').allTextContents();
      assert.deepEqual(first.slice(0, 2), ['1,001', '1,002'], 'the most frequent entries come first');
      const more = list.locator('button.show-more');
      assert.equal((await more.textContent()).trim(), `Show ${distinct - 40} more`);
      await more.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !document.querySelector('.entity-list[data-list-for="NUMBER"] button.show-more'));
      assert.equal(await list.locator('button.entity').count(), distinct, 'every entry is listed');
      const focused = await page.evaluate(() => document.activeElement?.closest('.entity-list') ? [...document.activeElement.closest('.entity-list').querySelectorAll('button.entity')].indexOf(document.activeElement) : -1);
      assert.equal(focused, 40, 'the focus moves to the first entry revealed');
      // Counts add up to the legend once everything is listed.
      const counts = await list.locator('.entity-count').allTextContents();
      assert.equal(counts.reduce((a, c) => a + Number(c.trim().slice(1)), 0), Number(await page.textContent('[data-count-for="NUMBER"]')));
      // An edit keeps the list expanded.
      await pasteText(page, text + '\nAnd 2,000 boxes.');
      assert.equal(await list.locator('button.entity').count(), distinct + 1);
    });
  });
});

describe('screenshots', () => {
  test('the page with the sample loaded, on a desktop and on a phone', async () => {
    const dir = process.env.UPDATE_SCREENSHOT === '1' ? join(REPO, 'docs') : mkdtempSync(join(tmpdir(), 'annotator-shots-'));
    mkdirSync(dir, { recursive: true });
    await withPage(async (page) => {
      await page.click('#sample');
      await waitReady(page);
      await page.evaluate(() => document.activeElement?.blur());
      await page.evaluate(() => { document.getElementById('input').scrollTop = 0; });
      await page.screenshot({ path: join(dir, 'screenshot.png'), fullPage: true });
    }, { viewport: { width: 1280, height: 860 } });
    await withPage(async (page) => {
      await page.click('#sample');
      await waitReady(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling on a phone (${overflow}px)`);
      const [a, b] = await page.$$eval('.pane', (ps) => ps.map((p) => p.getBoundingClientRect().top));
      assert.ok(b > a, 'panes are stacked on a narrow screen');
      const name = process.env.UPDATE_SCREENSHOT === '1' ? join(mkdtempSync(join(tmpdir(), 'annotator-shots-')), 'phone.png') : join(dir, 'phone.png');
      await page.screenshot({ path: name, fullPage: true });
    }, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    console.log(`# screenshots in ${dir}`);
  });
});
