// End-to-end tests of the user dictionary panel ("Your dictionary"): names that must be found,
// words that must never be highlighted, kept in localStorage and sent with every annotation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, marks, pasteText, waitReady } from './helpers.mjs';

const { withPage } = browserSuite();

const KEY = 'article-annotator:dictionary';
// Three paragraphs; the model does not know the invented name written in lower case.
const STORY = [
  'Critics say zorblax quint is overrated.',
  'Angela Merkel agreed in Paris on Monday.',
  'The prize went to zorblax quint of the committee.',
].join('\n');
const MERKEL = 'Angela Merkel visited Paris.';

const summary = (ms) => ms.map((m) => `${m.text}=${m.label}`).join(', ');
const zorblax = (ms) => ms.filter((m) => m.text.toLowerCase() === 'zorblax quint');

async function openDictionary(page) {
  if (!(await page.$eval('#dictionary', (d) => d.open))) await page.click('#dictionary > summary');
  assert.ok(await page.isVisible('#dict-text'));
}

/** Add an entry with the mouse (Add button) and wait for the text to be annotated again. */
async function addEntry(page, text, label) {
  await openDictionary(page);
  await page.fill('#dict-text', text);
  await page.selectOption('#dict-label', label);
  await page.click('#dict-add');
  await waitReady(page);
}

const entries = (page) => page.$$eval('#dict-list li.dict-entry', (lis) => lis.map((li) => ({
  text: li.querySelector('.dict-entry-text').textContent, label: li.querySelector('select').value,
})));
const stored = (page) => page.evaluate((k) => localStorage.getItem(k), KEY);

describe('user dictionary', () => {
  test('an invented name added with the keyboard is highlighted; only its paragraphs are rebuilt', async () => {
    await withPage(async (page) => {
      await pasteText(page, STORY);
      let ms = await marks(page);
      assert.equal(zorblax(ms).length, 0, `the model alone does not find the name (got ${summary(ms)})`);
      assert.equal(await page.textContent('#dict-count'), 'empty');
      await page.evaluate(() => document.querySelectorAll('#view > .chunk').forEach((c, i) => { c.__tag = i; }));
      const renders = Number(await page.getAttribute('#view', 'data-render-count'));

      // Keyboard only: open the disclosure, type the name, Enter adds it (Person is the default).
      await page.focus('#dictionary > summary');
      await page.keyboard.press('Enter');
      assert.equal(await page.$eval('#dictionary', (d) => d.open), true);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'dict-text');
      assert.equal(await page.inputValue('#dict-label'), 'PERSON');
      await page.keyboard.type('Zorblax Quint');
      await page.keyboard.press('Enter');
      await waitReady(page);

      ms = await marks(page);
      const found = zorblax(ms);
      assert.equal(found.length, 2, `both mentions are marked (got ${summary(ms)})`);
      for (const m of found) assert.equal(m.label, 'PERSON');
      assert.equal(await page.$eval('#view mark[data-label="PERSON"]', (m) => m.dataset.score), '1', 'dictionary entries score 1');
      assert.ok(ms.some((m) => m.text === 'Angela Merkel' && m.label === 'PERSON'), 'the model\'s own names remain');
      assert.ok(ms.some((m) => m.text === 'Paris' && m.label === 'PLACE'));
      assert.equal(await page.textContent('#view'), STORY, 'the view still shows exactly the text');
      assert.ok(Number(await page.getAttribute('#view', 'data-render-count')) > renders);

      // The incremental renderer rebuilt the two paragraphs whose entities changed and kept the other one.
      const tags = await page.$$eval('#view > .chunk', (cs) => cs.map((c) => c.__tag ?? null));
      assert.deepEqual(tags, [null, 1, null]);

      // The list, the legend and the tooltip follow; the entry is stored; the field is ready for the next one.
      assert.deepEqual(await entries(page), [{ text: 'Zorblax Quint', label: 'PERSON' }]);
      assert.equal(await page.textContent('#dict-count'), '1 entry');
      assert.match(await page.textContent('#dict-message'), /Added “Zorblax Quint”/);
      assert.equal(await page.inputValue('#dict-text'), '');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'dict-text');
      assert.deepEqual(JSON.parse(await stored(page)), [{ text: 'Zorblax Quint', label: 'PERSON' }]);
      assert.equal(await page.locator('.entity-list[data-list-for="PERSON"] button.entity', { hasText: 'zorblax quint' }).count(), 1);
      assert.equal(Number(await page.textContent('[data-count-for="PERSON"]')), 3);
      await page.locator('#view mark', { hasText: 'zorblax quint' }).first().focus();
      assert.match(await page.textContent('#tooltip'), /from your dictionary/);
    });
  });

  test('a suppressed place is no longer highlighted; the other highlights remain', async () => {
    await withPage(async (page) => {
      await pasteText(page, MERKEL);
      let ms = await marks(page);
      assert.equal(ms.find((m) => m.text === 'Paris')?.label, 'PLACE', `the model finds Paris (got ${summary(ms)})`);
      await addEntry(page, '  paris ', 'SUPPRESS');
      ms = await marks(page);
      assert.equal(ms.filter((m) => m.text === 'Paris').length, 0, `Paris is not marked (got ${summary(ms)})`);
      assert.equal(ms.find((m) => m.text === 'Angela Merkel')?.label, 'PERSON');
      assert.equal(await page.textContent('#view'), MERKEL);
      assert.equal(await page.textContent('[data-count-for="PLACE"]'), '0');
      assert.deepEqual(await entries(page), [{ text: 'paris', label: 'SUPPRESS' }], 'stored trimmed');
      assert.match(await page.textContent('#dict-message'), /never highlighted/);
    });
  });

  test('the dictionary survives a reload and is applied to the restored text', async () => {
    await withPage(async (page) => {
      await pasteText(page, `${MERKEL}\n${STORY}`);
      await addEntry(page, 'Zorblax Quint', 'PERSON');
      await addEntry(page, 'Paris', 'SUPPRESS');
      await page.reload();
      await waitReady(page);
      assert.equal(await page.inputValue('#input'), `${MERKEL}\n${STORY}`);
      const ms = await marks(page);
      assert.equal(zorblax(ms).length, 2, `the added name is marked after the reload (got ${summary(ms)})`);
      assert.equal(ms.filter((m) => m.text === 'Paris').length, 0, 'Paris stays suppressed after the reload');
      assert.ok(ms.some((m) => m.text === 'Angela Merkel'));
      assert.deepEqual(await page.evaluate(() => window.__annotator.dictionary),
        [{ text: 'Zorblax Quint', label: 'PERSON' }, { text: 'Paris', label: 'SUPPRESS' }]);
      await openDictionary(page);
      assert.deepEqual(await entries(page), [{ text: 'Zorblax Quint', label: 'PERSON' }, { text: 'Paris', label: 'SUPPRESS' }]);
      assert.equal(await page.textContent('#dict-count'), '2 entries');
    });
  });

  test('changing an entry\'s label and removing entries restore the model\'s behaviour', async () => {
    await withPage(async (page) => {
      await pasteText(page, STORY);
      const before = await marks(page);
      await addEntry(page, 'Zorblax Quint', 'PERSON');
      await addEntry(page, 'Paris', 'SUPPRESS');
      assert.equal(zorblax(await marks(page)).length, 2);

      // Another label from the entry's own select.
      const row = (text) => page.locator('#dict-list li.dict-entry', { hasText: text });
      const select = row('Zorblax Quint').locator('select');
      await select.focus();
      await select.selectOption('PLACE');
      await waitReady(page);
      for (const m of zorblax(await marks(page))) assert.equal(m.label, 'PLACE');
      assert.equal(await select.evaluate((s) => s === document.activeElement), true, 'the select is kept (and keeps the focus)');
      assert.equal(await row('Zorblax Quint').getAttribute('data-label'), 'PLACE');

      // Removing the suppressed place brings its highlight back; focus moves to the next remove button.
      await row('Paris').getByRole('button', { name: 'Remove “Paris”' }).click();
      await waitReady(page);
      let ms = await marks(page);
      assert.equal(ms.find((m) => m.text === 'Paris')?.label, 'PLACE', `Paris is marked again (got ${summary(ms)})`);
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Remove “Zorblax Quint”');

      // Removing the last entry (with the keyboard) gives exactly the model's result again.
      await page.keyboard.press('Enter');
      await waitReady(page);
      ms = await marks(page);
      assert.deepEqual(ms, before);
      assert.equal(zorblax(ms).length, 0);
      assert.deepEqual(await entries(page), []);
      assert.equal(await page.textContent('#dict-count'), 'empty');
      assert.equal(await stored(page), null, 'an empty dictionary leaves nothing in storage');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'dict-text');
    });
  });

  test('a corrupt stored dictionary is ignored: the page loads with an empty one', async () => {
    await withPage(async (page, { record }) => {
      await pasteText(page, MERKEL);
      await page.evaluate((k) => localStorage.setItem(k, '{"add": [oops'), KEY);
      await page.reload();
      await waitReady(page);
      assert.deepEqual(await page.evaluate(() => window.__annotator.dictionary), []);
      assert.equal(await page.textContent('#dict-count'), 'empty');
      const ms = await marks(page);
      assert.ok(ms.some((m) => m.text === 'Paris' && m.label === 'PLACE'), `highlighting works (got ${summary(ms)})`);
      assert.equal(await page.isVisible('#error'), false);
      assert.deepEqual(record.consoleErrors, []);
      // Adding works and replaces the corrupt value.
      await addEntry(page, 'Zorblax Quint', 'PERSON');
      assert.deepEqual(JSON.parse(await stored(page)), [{ text: 'Zorblax Quint', label: 'PERSON' }]);

      // Well-formed JSON of another shape, or bad entries, are skipped; duplicates are merged (last wins).
      await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ add: [{ text: 'Paris', label: 'PERSON' }] })), KEY);
      await page.reload();
      await waitReady(page);
      assert.deepEqual(await page.evaluate(() => window.__annotator.dictionary), []);
      await page.evaluate((k) => localStorage.setItem(k, JSON.stringify([
        null, 7, { text: 5, label: 'PERSON' }, { text: '   ', label: 'PERSON' }, { text: 'Merkel', label: 'BOGUS' },
        { text: 'x'.repeat(201), label: 'PLACE' }, { text: 'Paris', label: 'PERSON' }, { text: 'PARIS', label: 'SUPPRESS' },
      ])), KEY);
      await page.reload();
      await waitReady(page);
      assert.deepEqual(await page.evaluate(() => window.__annotator.dictionary), [{ text: 'PARIS', label: 'SUPPRESS' }]);
      assert.equal((await marks(page)).filter((m) => m.text === 'Paris').length, 0);
      assert.deepEqual(record.consoleErrors, []);
    });
  });

  test('bad input: too long is refused with a message, blank is ignored, duplicates are merged', async () => {
    await withPage(async (page) => {
      await pasteText(page, STORY);
      await openDictionary(page);
      const long = `Zorblax ${'Quint '.repeat(40)}`.trim(); // 247 characters
      await page.fill('#dict-text', long);
      await page.click('#dict-add');
      const message = page.locator('#dict-message');
      assert.ok(await message.isVisible());
      assert.match(await message.textContent(), /at most 200 characters/);
      assert.equal(await page.getAttribute('#dict-text', 'aria-invalid'), 'true');
      assert.equal(await page.inputValue('#dict-text'), long, 'the text stays in the field to be shortened');
      assert.deepEqual(await entries(page), []);
      assert.equal(await stored(page), null);
      // Editing the field clears the message.
      await page.focus('#dict-text');
      await page.keyboard.press('End');
      await page.keyboard.press('Backspace');
      assert.equal(await page.getAttribute('#dict-text', 'aria-invalid'), null);
      assert.equal(await message.textContent(), '');

      // Exactly 200 characters is accepted.
      await page.fill('#dict-text', 'z'.repeat(200));
      await page.click('#dict-add');
      assert.equal((await entries(page)).length, 1);

      // Blank entries are ignored.
      await page.fill('#dict-text', ' \t  ');
      await page.click('#dict-add');
      assert.equal((await entries(page)).length, 1);

      // The same words again (other case and spacing): one entry, the last choice wins.
      await addEntry(page, 'Zorblax Quint', 'PERSON');
      await addEntry(page, 'zorblax   QUINT', 'PLACE');
      assert.deepEqual((await entries(page)).slice(1), [{ text: 'zorblax QUINT', label: 'PLACE' }]);
      assert.match(await message.textContent(), /now highlighted as place/);
      const ms = zorblax(await marks(page));
      assert.equal(ms.length, 2);
      for (const m of ms) assert.equal(m.label, 'PLACE');
    });
  });
});
