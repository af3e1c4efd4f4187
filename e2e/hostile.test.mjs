// Hostile and broken input in the real page (headless Chromium): huge texts keep the page
// responsive, odd characters survive exactly, rich clipboard HTML arrives as plain text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, marks, pasteText, waitReady } from './helpers.mjs';

const { withPage, suite } = browserSuite();

const viewText = (page) => page.$eval('#view', (v) => v.textContent);

// The 5 MB paste (responsiveness, busy indication, everything shown) is in bigtext.test.mjs.

test('odd characters survive exactly and highlights land on the right characters', async () => {
  await withPage(async (page) => {
    const odd = [
      'Lone \uD800 surrogate and \uDC00 another; ',
      'emoji 👩🏽‍🚀👨‍👩‍👧‍👦 🏳️‍🌈; RTL مرحبا بالعالم שלום; ',
      'zero\u200Bwidth\u200D joiners\uFEFF; NBSP\u00A0here; controls \u0001\u0007\u001B; tab\there; ',
      'then Angela Merkel visited Paris.',
    ].join('');
    await pasteText(page, odd);
    const shown = await viewText(page);
    const input = await page.inputValue('#input');
    assert.equal(shown, input, 'view equals the text box');
    assert.equal(input, odd.replace(/\r\n?/g, '\n'), 'text box holds what was pasted');
    const ms = await marks(page);
    const paris = ms.find((m) => m.text === 'Paris');
    assert.ok(paris && paris.label === 'PLACE', JSON.stringify(ms));
    // The mark sits at the same position as the word in the input.
    const offset = await page.$$eval('#view mark', (all) => {
      const m = all.find((x) => x.textContent === 'Paris');
      const range = document.createRange();
      range.setStart(document.getElementById('view'), 0);
      range.setEndBefore(m);
      return range.toString().length;
    });
    assert.equal(offset, input.indexOf('Paris'));
  });
});

test('empty and whitespace-only text show nothing and no error', async () => {
  await withPage(async (page) => {
    for (const t of ['', '   ', '\n\n\t\n']) {
      await pasteText(page, t);
      assert.equal(await viewText(page), t);
      assert.equal((await marks(page)).length, 0);
    }
  });
});

test('pasting rich HTML from the clipboard inserts plain text only', async () => {
  await withPage(async (page, { context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(suite.server.url).origin });
    await page.fill('#input', '');
    await page.focus('#input');
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/html', '<b onclick="alert(1)">Bold Berlin</b><img src=x onerror=alert(1)>');
      dt.setData('text/plain', 'Bold Berlin');
      const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
      document.getElementById('input').dispatchEvent(ev);
      // A textarea takes only plain text; do what the browser does when the event is not cancelled.
      if (!ev.defaultPrevented) document.execCommand('insertText', false, dt.getData('text/plain'));
    });
    await waitReady(page);
    assert.equal(await page.inputValue('#input'), 'Bold Berlin');
    assert.equal(await viewText(page), 'Bold Berlin');
    assert.equal(await page.$$eval('#view img, #view b, #view script', (e) => e.length), 0);
  });
});
