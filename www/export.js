// Article Annotator — exports of the highlighted text (pure functions: no DOM, usable in Node).
//
// The formats are those of the command line (`annotate --format jsonl|csv|html`, src/bin/annotate.rs):
// entities carry the keys start, end, label, kind, text, value, unit, currency, score (+ low, high
// for ranges), offsets in Unicode code points (Python string indices), scores rounded to 3
// decimals. User text is always HTML-escaped.

export const COLOURS = { PERSON: '#aa9cfc', PLACE: '#feca74', NUMBER: '#e4e7d2', DATE: '#bfe1d9' };
export const CSV_HEADER = 'id,start,end,label,kind,text,value,unit,currency,score';

const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
const round3 = (x) => (isNum(x) ? Math.round(x * 1000) / 1000 : null);

/** Converts ascending UTF-16 offsets of `text` into code-point offsets, in one pass. */
export function codePointOffsets(text, offsets) {
  const out = [];
  let u = 0;
  let c = 0;
  for (const o of offsets) {
    while (u < o) {
      const cp = text.codePointAt(u);
      u += cp > 0xffff ? 2 : 1;
      c += 1;
    }
    out.push(c);
  }
  return out;
}

/** Entities (UTF-16 offsets, as `annotate` returns them) in the command line's JSON form. */
export function exportEntities(text, entities) {
  const cps = codePointOffsets(text, entities.flatMap((e) => [e.start, e.end]));
  return entities.map((e, i) => {
    const out = {
      start: cps[2 * i], end: cps[2 * i + 1], label: e.label, kind: e.kind, text: e.text,
      value: isNum(e.value) ? e.value : null, unit: e.unit ?? null, currency: e.currency ?? null, score: round3(e.score),
    };
    if (isNum(e.low) && isNum(e.high)) Object.assign(out, { low: e.low, high: e.high });
    return out;
  });
}

/** The JSON file: the text, the offset unit and the entities. */
export function toJson(text, entities) {
  return JSON.stringify({ text, offsets: 'codepoints', entities: exportEntities(text, entities) }, null, 2) + '\n';
}

/** One RFC 4180 field: quoted (with doubled quotes) when it holds a comma, quote, CR or LF. */
export function csvField(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The CSV file: a header, then one row per entity (CRLF line ends, like the command line). */
export function toCsv(text, entities, id = '') {
  const rows = [CSV_HEADER];
  for (const e of exportEntities(text, entities)) {
    rows.push([id, e.start, e.end, e.label, e.kind, e.text, e.value, e.unit, e.currency, e.score].map(csvField).join(','));
  }
  return rows.join('\r\n') + '\r\n';
}

export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// Kept identical to HTML_STYLE in src/bin/annotate.rs.
const HTML_STYLE = `body { margin: 2rem auto; max-width: 52rem; padding: 0 1rem; font: 17px/1.6 Georgia, serif; color: #1f2328; background: #fff; }
h2 { font: 600 1rem/1.4 system-ui, sans-serif; color: #59606b; margin: 2rem 0 0.5rem; }
.entities { line-height: 2.5; white-space: pre-wrap; overflow-wrap: break-word; }
mark.entity { color: #1b1b1f; padding: 0.25em 0.45em; margin: 0 0.15em; line-height: 1; border-radius: 0.35em; -webkit-box-decoration-break: clone; box-decoration-break: clone; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
mark.entity .label { font: bold 0.7em/1 system-ui, sans-serif; vertical-align: middle; margin-left: 0.45em; }`;

// Inline styles for the clipboard, where a style sheet does not travel.
const INLINE = {
  text: 'line-height: 2.5; white-space: pre-wrap; overflow-wrap: break-word',
  mark: 'color: #1b1b1f; padding: 0.25em 0.45em; margin: 0 0.15em; line-height: 1; border-radius: 0.35em; -webkit-box-decoration-break: clone; box-decoration-break: clone',
  chip: 'font: bold 0.7em/1 system-ui, sans-serif; vertical-align: middle; margin-left: 0.45em',
};

/**
 * The text with its entities marked (UTF-16 offsets), as an HTML fragment:
 * `<div class="entities">…<mark class="entity" data-label="PLACE" …>Paris<span class="label">PLACE</span></mark>…</div>`.
 * inline: styles on every element (for the clipboard) rather than in the file's style sheet.
 */
export function highlightedFragment(text, entities, { inline = false } = {}) {
  const style = (s) => (inline ? ` style="${s}"` : '');
  let html = `<div class="entities"${style(INLINE.text)}>`;
  let pos = 0;
  for (const e of entities) {
    if (!COLOURS[e.label] || !(e.start >= pos && e.end > e.start && e.end <= text.length)) continue;
    html += escapeHtml(text.slice(pos, e.start));
    const background = `background: ${COLOURS[e.label]}${inline ? `; ${INLINE.mark}` : ''}`;
    html += `<mark class="entity" data-label="${e.label}" data-kind="${escapeHtml(e.kind ?? '')}" style="${background}">`
      + `${escapeHtml(text.slice(e.start, e.end))}<span class="label"${style(INLINE.chip)}>${e.label}</span></mark>`;
    pos = e.end;
  }
  return `${html}${escapeHtml(text.slice(pos))}</div>`;
}

/** The standalone HTML file: the same document as `annotate --format html` for one text without id. */
export function toHtml(text, entities) {
  return '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    + `<title>Entities · Article Annotator</title>\n<style>\n${HTML_STYLE}\n</style>\n</head>\n<body>\n`
    + `<article>\n${highlightedFragment(text, entities)}\n</article>\n</body>\n</html>\n`;
}
