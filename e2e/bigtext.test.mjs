// Big texts in the real page (headless Chromium): the view is rendered per paragraph, reusing the
// unchanged paragraphs after an edit, and built in time slices so that the page stays responsive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, pasteText, putText, waitReady } from './helpers.mjs';

const { withPage, suite } = browserSuite();

const PARAS = [
  'Angela Merkel met Emmanuel Macron in Paris on Tuesday, 3 March 2021, and pledged $4.5 billion for the project.',
  'The mayor of Lisbon, Fernando Medina, said on Friday that 12,000 people had signed the petition since January.',
  'Shares in Tokyo fell 2.5% on 14 July 2022 after the central bank in Frankfurt raised rates by 0.75 points.',
  'Jacinda Ardern visited Christchurch with 300 volunteers, two years after the storm of 5 May 2020 hit New Zealand.',
];
/** News-like paragraphs separated by blank lines, each a little different (a number): n words, or chars. */
function article(words, chars = Infinity) {
  const out = [];
  let n = 0, len = 0;
  for (let i = 0; n < words && len < chars; i++) {
    const p = `Report ${i + 1}. ${PARAS[i % PARAS.length]} ${PARAS[(i + 1) % PARAS.length]}`;
    out.push(p);
    n += p.split(/\s+/).length;
    len += p.length + 2;
  }
  return out.join('\n\n') + '\n';
}

test('a 5 MB paste: the main thread keeps answering, busy and progress are shown, then all of it is highlighted', async () => {
  await withPage(async (page) => {
    const big = article(Infinity, 5_000_000);
    assert.ok(big.length >= 5_000_000, `text is ${big.length} chars`);
    await putText(page, big);

    // Typing still echoes into the box while the worker works.
    await page.focus('#input');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Z');
    const want = big + 'Z';
    assert.equal(await page.evaluate(() => document.getElementById('input').value.length), want.length);

    // Sample the main thread until the text is shown: every probe must come back within 2 s.
    const samples = [];
    const t0 = Date.now();
    for (;;) {
      const s = Date.now();
      const probe = await page.evaluate(() => ({
        state: document.body.dataset.state,
        busyShown: !document.getElementById('busy').hidden && document.getElementById('busy').getBoundingClientRect().width > 0,
        busyText: document.getElementById('busy').textContent,
        done: window.__annotator.renderedText === document.getElementById('input').value,
      }));
      samples.push({ ...probe, ms: Date.now() - s });
      if (probe.state === 'ready' && probe.done) break;
      assert.ok(Date.now() - t0 < 240_000, 'rendered within 240 s');
      assert.equal(probe.state, 'busy', 'busy until the whole text is rendered');
      assert.equal(probe.done, false, 'renderedText is set only when the whole text is rendered');
      await page.waitForTimeout(250);
    }
    const busy = samples.filter((s) => s.state === 'busy');
    const slowest = Math.max(...samples.map((s) => s.ms));
    assert.ok(busy.length >= 5, `at least 5 probes while busy (got ${busy.length})`);
    assert.ok(slowest < 2000, `main thread answered every probe within 2 s (slowest ${slowest} ms)`);
    assert.ok(busy.filter((s) => s.busyShown).length >= busy.length / 2, 'the busy indication is visible');
    assert.ok(busy.some((s) => /Highlighting… \d+%/.test(s.busyText)), `progress was shown while rendering: ${[...new Set(busy.map((s) => s.busyText))].join(' | ')}`);

    await waitReady(page, 30_000);
    const shown = await page.evaluate(() => {
      const v = document.getElementById('view');
      return { length: v.textContent.length, same: v.textContent === document.getElementById('input').value, marks: v.getElementsByTagName('mark').length };
    });
    assert.equal(shown.length, want.length);
    assert.ok(shown.same, 'the view shows exactly the text');
    assert.ok(shown.marks > 100_000, `many highlights (${shown.marks})`);
    // The side panel and legend reflect the whole text.
    const people = Number(await page.textContent('[data-count-for="PERSON"]'));
    assert.ok(people > 20_000, `legend counts the whole text (${people} people)`);
  });
});

test('a one-character edit in a 10k-word text replaces only the edited paragraph', async () => {
  await withPage(async (page) => {
    const text = article(10_000);
    await pasteText(page, text);
    const before = await page.evaluate(() => {
      const v = document.getElementById('view');
      [...v.children].forEach((c, i) => { c.__tag = i; });
      window.__mutations = { added: 0, removed: 0, marksAdded: 0, marksRemoved: 0 };
      const count = (nodes) => [...nodes].reduce((n, x) => n + (x.nodeName === 'MARK' ? 1 : 0) + (x.getElementsByTagName ? x.getElementsByTagName('mark').length : 0), 0);
      new MutationObserver((records) => {
        for (const r of records) {
          window.__mutations.added += r.addedNodes.length;
          window.__mutations.removed += r.removedNodes.length;
          window.__mutations.marksAdded += count(r.addedNodes);
          window.__mutations.marksRemoved += count(r.removedNodes);
        }
      }).observe(v, { childList: true, subtree: true, characterData: true });
      return { children: v.children.length, marks: v.getElementsByTagName('mark').length };
    });
    assert.ok(before.children > 100, `one wrapper per paragraph (${before.children})`);
    assert.ok(before.marks > 1000, `many marks (${before.marks})`);

    // Type one character in the middle, as the keyboard does.
    const pos = text.indexOf(' ', text.length >> 1);
    await page.evaluate((p) => {
      const input = document.getElementById('input');
      input.focus();
      input.setRangeText('x', p, p, 'end');
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'x' }));
    }, pos);
    await waitReady(page);
    const edited = text.slice(0, pos) + 'x' + text.slice(pos);
    assert.equal(await page.textContent('#view'), edited);
    const after = await page.evaluate(() => {
      const v = document.getElementById('view');
      return { ...window.__mutations, kept: [...v.children].filter((c) => c.__tag !== undefined).length, children: v.children.length };
    });
    assert.equal(after.children, before.children);
    assert.equal(after.kept, before.children - 1, 'every other paragraph keeps its node');
    assert.equal(after.added, 1, `one node added (${JSON.stringify(after)})`);
    assert.equal(after.removed, 1, `one node removed (${JSON.stringify(after)})`);
    assert.ok(after.marksAdded <= 12 && after.marksRemoved <= 12, `only that paragraph's marks change (${JSON.stringify(after)})`);
  });
});

test('the paragraph wrappers do not change the layout of the text', async () => {
  await withPage(async (page) => {
    // With every label switched off, marks take no room: the view must then lay out exactly like the plain text.
    for (const label of ['PERSON', 'PLACE', 'NUMBER', 'DATE']) await page.click(`.toggle[data-label="${label}"]`);
    const texts = [
      article(400),
      '\nStarts with a line break. Angela Merkel in Paris.\n\n\nThree breaks.\n',
      'Ends with two breaks, Berlin on 5 May 2020.\n\n',
      '\n\n\n',
      'one line only, no break: London',
      'x\ny\n\nz \n  indented in Lisbon\n',
    ];
    for (const text of texts) {
      await pasteText(page, text);
      const m = await page.evaluate(() => {
        const v = document.getElementById('view');
        const plain = document.createElement('div');
        plain.className = 'view';
        plain.textContent = v.textContent;
        v.after(plain);
        // Where the last non-newline character sits, from the top of the content.
        const end = (el) => {
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          let last = null;
          for (let n = walker.nextNode(); n; n = walker.nextNode()) if (/[^\n]/.test(n.data)) last = n;
          if (!last) return null;
          const i = last.data.search(/[^\n]\n*$/);
          const r = document.createRange();
          r.setStart(last, i);
          r.setEnd(last, i + 1);
          return Math.round(r.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop);
        };
        const out = { view: v.scrollHeight, plain: plain.scrollHeight, viewEnd: end(v), plainEnd: end(plain) };
        plain.remove();
        return out;
      });
      assert.equal(m.view, m.plain, `same height for ${JSON.stringify(text.slice(0, 40))}: ${JSON.stringify(m)}`);
      assert.equal(m.viewEnd, m.plainEnd, `text ends at the same place for ${JSON.stringify(text.slice(0, 40))}: ${JSON.stringify(m)}`);
    }
  });
});
