// Exports from the page: JSON and CSV downloads of the entities, the standalone HTML download and
// "Copy HTML" (www/export.js, wired in www/app.js). Run from the repository root: node --test e2e/
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WWW, browserSuite, pasteText } from './helpers.mjs';

const { codePointOffsets, csvField, escapeHtml, toCsv, toHtml } = await import(join(WWW, 'export.js'));

// An astral character first, so that code-point and UTF-16 offsets differ; a date with a comma
// (quoted in CSV); quotes in the text.
const TEXT = '🙂 Prime Minister Jacinda Ardern visited Christchurch on Tuesday. The government in Wellington said '
  + 'the "rebuilding programme" had cost $4.5 billion, and waiting times fell by 12 percent after March 3, 2021.';
const EVIL = 'Mayor Sadiq Khan spoke in London. <script>window.__pwned = 1</script> & <img src=x onerror="window.__pwned = 2">\n'
  + 'Then Angela Merkel flew to Paris on 4 July 2019.';

const { withPage, suite } = browserSuite();

/** Clicks an export button and returns { name, content } of the download it starts. */
async function downloadOf(page, which, click = () => page.click(`#export button[data-export="${which}"]`)) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), content: readFileSync(path, 'utf8') };
}

async function readClipboard(page) {
  return page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return { html: await (await item.getType('text/html')).text(), text: await (await item.getType('text/plain')).text() };
  });
}

const engineEntities = (page) => page.evaluate(() => window.__annotator.entities.map((e) => ({ ...e })));
const codePoints = (text, start, end) => [...text].slice(start, end).join('');

/** A small RFC 4180 reader (CRLF record ends; quoted fields may hold commas, quotes, newlines). */
function parseCsv(s) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r') {
      assert.equal(s[i + 1], '\n', 'records end with CRLF');
      i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      assert.notEqual(c, '\n', 'no bare LF outside quotes');
      field += c;
    }
  }
  assert.equal(field + row.join(''), '', 'the last record ends with CRLF');
  return rows;
}

describe('export formats (www/export.js)', () => {
  test('code-point offsets, CSV quoting and HTML escaping', () => {
    assert.deepEqual(codePointOffsets('a😀b👍🏽c', [0, 1, 3, 4, 8, 9]), [0, 1, 2, 3, 5, 6]);
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('March 3, 2021'), '"March 3, 2021"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField(null), '');
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const ents = [{ start: 3, end: 8, label: 'PLACE', kind: 'city', text: 'Paris', score: 0.98765 }];
    assert.equal(toCsv('😀 Paris', ents), 'id,start,end,label,kind,text,value,unit,currency,score\r\n,2,7,PLACE,city,Paris,,,,0.988\r\n');
    const html = toHtml('😀 <Paris>', [{ start: 4, end: 9, label: 'PLACE', kind: 'city', text: 'Paris', score: 1 }]);
    assert.ok(html.includes('😀 &lt;<mark class="entity" data-label="PLACE" data-kind="city" style="background: #feca74">Paris<span class="label">PLACE</span></mark>&gt;'), html);
  });
});

describe('exports from the page', () => {
  test('the export buttons are disabled until there is text', async () => {
    await withPage(async (page) => {
      await pasteText(page, '');
      assert.equal(await page.locator('#export button[data-export]:disabled').count(), 4);
      await pasteText(page, TEXT);
      assert.equal(await page.locator('#export button[data-export]:enabled').count(), 4);
    });
  });

  test('Download JSON holds the text and the entities with code-point offsets', async () => {
    await withPage(async (page) => {
      await pasteText(page, TEXT);
      const engine = await engineEntities(page);
      assert.ok(engine.length >= 6, JSON.stringify(engine));
      const { name, content } = await downloadOf(page, 'json');
      assert.equal(name, 'entities.json');
      const doc = JSON.parse(content);
      assert.equal(doc.text, TEXT);
      assert.equal(doc.offsets, 'codepoints');
      assert.equal(doc.entities.length, engine.length);
      doc.entities.forEach((e, i) => {
        const want = engine[i];
        assert.equal(codePoints(TEXT, e.start, e.end), e.text, `code-point offsets of ${e.text}`);
        assert.equal(e.start, want.start - 1, 'one astral character before: one less than UTF-16');
        assert.deepEqual([e.text, e.label, e.kind], [want.text, want.label, want.kind]);
        assert.equal(e.value, want.value ?? null);
        assert.equal(e.unit, want.unit ?? null);
        assert.equal(e.currency, want.currency ?? null);
        assert.equal(e.score, Math.round(want.score * 1000) / 1000);
        for (const key of ['start', 'end', 'label', 'kind', 'text', 'value', 'unit', 'currency', 'score']) assert.ok(key in e, key);
      });
      const money = doc.entities.find((e) => e.kind === 'money');
      assert.deepEqual([money.text, money.value, money.currency], ['$4.5 billion', 4.5e9, 'USD']);
      assert.match(await page.textContent('#status'), /Saved entities\.json/);
    });
  });

  test('Download CSV has the header and one quoted-as-needed row per entity', async () => {
    await withPage(async (page) => {
      await pasteText(page, TEXT);
      const engine = await engineEntities(page);
      const { name, content } = await downloadOf(page, 'csv');
      assert.equal(name, 'entities.csv');
      const [header, ...rows] = parseCsv(content);
      assert.deepEqual(header, ['id', 'start', 'end', 'label', 'kind', 'text', 'value', 'unit', 'currency', 'score']);
      assert.equal(rows.length, engine.length);
      rows.forEach((r, i) => {
        const [id, start, end, label, kind, text, value, unit, currency, score] = r;
        assert.equal(id, '');
        assert.equal(codePoints(TEXT, Number(start), Number(end)), text);
        assert.deepEqual([text, label, kind], [engine[i].text, engine[i].label, engine[i].kind]);
        assert.equal(value, engine[i].value === undefined ? '' : String(engine[i].value));
        assert.equal(unit, engine[i].unit ?? '');
        assert.equal(currency, engine[i].currency ?? '');
        assert.ok(Number(score) >= 0 && Number(score) <= 1);
      });
      const date = engine.find((e) => e.text.includes(','));
      if (date) assert.ok(content.includes(`,"${date.text}",`), `"${date.text}" is quoted`);
    });
  });

  test('exports hold only the labels shown', async () => {
    await withPage(async (page) => {
      await pasteText(page, TEXT);
      await page.click('.toggle[data-label="PLACE"]');
      const doc = JSON.parse((await downloadOf(page, 'json')).content);
      assert.ok(doc.entities.length > 0);
      assert.ok(doc.entities.every((e) => e.label !== 'PLACE'), JSON.stringify(doc.entities));
      await page.click('.toggle[data-label="PLACE"]'); // back on (the choice is remembered)
    });
  });

  test('Download HTML is a standalone page: text escaped, entities marked', async () => {
    await withPage(async (page, { context }) => {
      await pasteText(page, EVIL);
      const engine = await engineEntities(page);
      const { name, content } = await downloadOf(page, 'html');
      assert.equal(name, 'highlighted.html');
      assert.ok(content.startsWith('<!DOCTYPE html>'));
      assert.equal(content.match(/<script/g), null, 'no script element');
      assert.equal(content.match(/<img/g), null, 'no img element');
      assert.ok(content.includes('&lt;script&gt;window.__pwned = 1&lt;/script&gt; &amp; &lt;img src=x onerror=&quot;window.__pwned = 2&quot;&gt;'));
      for (const external of ['src=', 'href=', '<link', 'url(', 'http:', 'https:']) {
        assert.ok(!content.replace('&lt;img src=x', '').includes(external), `no external resource (${external})`);
      }
      assert.equal((content.match(/<mark class="entity"/g) || []).length, engine.length);
      for (const e of engine) {
        assert.ok(content.includes(`data-label="${e.label}" data-kind="${e.kind}" style="background: `), e.text);
      }
      // Opened as a page (scripts allowed), it shows the text and the marks and runs nothing.
      const view = await context.newPage();
      await view.setContent(content);
      assert.equal(await view.evaluate(() => window.__pwned), undefined);
      const shown = await view.$$eval('mark.entity', (ms) => ms.map((m) => [m.firstChild.textContent, m.dataset.label, getComputedStyle(m).backgroundColor]));
      assert.deepEqual(shown.map(([t, l]) => [t, l]), engine.map((e) => [e.text, e.label]));
      const person = shown.find(([, l]) => l === 'PERSON');
      assert.equal(person[2], 'rgb(170, 156, 252)', 'PERSON is #aa9cfc');
      const textWithoutChips = await view.$eval('.entities', (d) => {
        const c = d.cloneNode(true);
        c.querySelectorAll('.label').forEach((s) => s.remove());
        return c.textContent;
      });
      assert.equal(textWithoutChips, EVIL);
      await view.close();
    });
  });

  test('Copy HTML puts the highlighted text on the clipboard as HTML and plain text', async () => {
    await withPage(async (page, { context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.origin });
      await pasteText(page, EVIL);
      await page.click('#export button[data-export="copy"]');
      await page.waitForFunction(() => /Copied/.test(document.getElementById('status').textContent));
      const clip = await readClipboard(page);
      assert.equal(clip.text, EVIL);
      assert.match(clip.html, /<mark class="entity" data-label="PERSON"[^>]*style="background: #aa9cfc; [^"]*">Sadiq Khan<span class="label"/);
      assert.ok(clip.html.includes('&lt;script&gt;'), clip.html);
      assert.equal(clip.html.match(/<script/g), null);
    });
  });

  test('without a copy event, Copy HTML uses the async Clipboard API', async () => {
    // Chrome parses text/html written this way in the page, so the CSP reports the marks' style
    // attributes (style-src-attr): expected here, and the reason the copy event comes first.
    await withPage(async (page, { context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.origin });
      await pasteText(page, EVIL);
      await page.evaluate(() => { document.execCommand = () => false; });
      await page.click('#export button[data-export="copy"]');
      await page.waitForFunction(() => /Copied the highlighted text/.test(document.getElementById('status').textContent));
      const clip = await readClipboard(page);
      assert.equal(clip.text, EVIL);
      assert.match(clip.html, /<mark class="entity" data-label="PERSON"[^>]*>Sadiq Khan<span class="label"/);
      const other = (await page.evaluate(() => window.__cspViolations)).filter((v) => !v.startsWith('style-src-attr'));
      assert.deepEqual(other, []);
      await page.evaluate(() => { window.__cspViolations.length = 0; });
    });
  });

  test('the export buttons work from the keyboard', async () => {
    await withPage(async (page) => {
      await pasteText(page, TEXT);
      await page.focus('#view');
      const reached = [];
      for (let i = 0; i < 8 && !reached.includes('csv'); i++) {
        await page.keyboard.press('Tab');
        reached.push(await page.evaluate(() => document.activeElement?.dataset.export || document.activeElement?.id || ''));
      }
      assert.deepEqual(reached.slice(-2), ['json', 'csv'], `Tab order after the view: ${reached.join(', ')}`);
      const { name } = await downloadOf(page, 'csv', () => page.keyboard.press('Enter'));
      assert.equal(name, 'entities.csv');
    });
  });
});
