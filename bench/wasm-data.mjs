// Reads the data section of a wasm file and tells which active segments hold the embedded model
// (model/annotator.model), by rebuilding the initial linear memory from the segments and looking
// for the model's bytes in it. Used by report.mjs to label twiggy's data[N] items.
import { readFileSync } from 'node:fs';

function leb(buf, pos, signed = false) {
  let result = 0n, shift = 0n, byte;
  do { byte = buf[pos++]; result |= BigInt(byte & 0x7f) << shift; shift += 7n; } while (byte & 0x80);
  if (signed && (byte & 0x40)) result -= 1n << shift;
  return [Number(result), pos];
}

/** Segments: [{ index, offset (null for passive), size }]. */
export function dataSegments(wasm) {
  let pos = 8;
  while (pos < wasm.length) {
    const id = wasm[pos++];
    let size; [size, pos] = leb(wasm, pos);
    const end = pos + size;
    if (id !== 11) { pos = end; continue; }
    let count; [count, pos] = leb(wasm, pos);
    const segs = [];
    for (let i = 0; i < count; i++) {
      let flags; [flags, pos] = leb(wasm, pos);
      let offset = null;
      if (flags === 2) [, pos] = leb(wasm, pos); // memory index
      if (flags === 0 || flags === 2) {
        const op = wasm[pos++];
        if (op === 0x41) [offset, pos] = leb(wasm, pos, true); // i32.const
        else if (op === 0x42) [offset, pos] = leb(wasm, pos, true); // i64.const
        else [, pos] = leb(wasm, pos); // global.get: offset unknown
        if (wasm[pos++] !== 0x0b) throw new Error('unexpected data segment offset expression');
      }
      let len; [len, pos] = leb(wasm, pos);
      segs.push({ index: i, offset, size: len, start: pos });
      pos += len;
    }
    return segs;
  }
  return [];
}

/** { modelBytes, found, segments: Set(index) } — which segments overlap the model in the memory image. */
export function modelSegments(wasmPath, modelPath) {
  const wasm = readFileSync(wasmPath);
  const model = readFileSync(modelPath);
  const segs = dataSegments(wasm);
  const active = segs.filter((s) => s.offset !== null);
  const top = Math.max(0, ...active.map((s) => s.offset + s.size));
  const image = Buffer.alloc(top);
  for (const s of active) wasm.copy(image, s.offset, s.start, s.start + s.size);
  let at = image.indexOf(model.subarray(0, Math.min(64, model.length)));
  let found = at >= 0 && image.subarray(at, at + model.length).equals(model) ? 'exact' : null;
  if (!found) {
    // The model file may have been rewritten since the build: fall back to its 8-byte header.
    at = image.indexOf(model.subarray(0, 8));
    if (at >= 0) found = 'header only (model file differs from the one built in)';
  }
  const segments = new Set(found ? active.filter((s) => s.offset < at + model.length && s.offset + s.size > at).map((s) => s.index) : []);
  const segmentBytes = active.filter((x) => segments.has(x.index)).reduce((a, x) => a + x.size, 0);
  return { modelBytes: model.length, found, segments, segmentBytes, dataSegmentCount: segs.length };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const r = modelSegments(process.argv[2], process.argv[3]);
  console.log({ ...r, segments: [...r.segments] });
}
