import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuietStretch } from './quiet-lines.js';
import { BatchWriter, readBatch, type BatchEncoding } from './sift-batch.js';

type Item = { line: [text: string, line: number, truncated: boolean] } | { stretch: QuietStretch };

const stamp = fc.constantFrom('2025-06-28 05:29:35', '2026-01-02 23:59:59', '<Date> <Time>      ');
const stretch = fc.record({ count: fc.nat(10_000), lastLine: fc.nat(1e9), firstStamp: stamp, lastStamp: stamp, sysprp: fc.boolean() });

/** Writes the items the way a sift worker does (taking the batch when it is full) and reads them back. */
function roundTrip(items: readonly Item[], encoding: BatchEncoding, capacity: number, offset: number): Item[] {
  const writer = new BatchWriter(encoding, capacity);
  const out: Item[] = [];
  const reader = { line: (text: string, line: number, truncated: boolean) => out.push({ line: [text, line, truncated] }), stretch: (s: QuietStretch) => out.push({ stretch: s }) };
  for (const item of items) {
    if ('line' in item) writer.line(...item.line);
    else writer.stretch(item.stretch);
    if (writer.full) readBatch(writer.take(), offset, reader);
  }
  readBatch(writer.take(), offset, reader);
  return out;
}

const shifted = (items: readonly Item[], offset: number): Item[] =>
  items.map((item) => ('line' in item ? { line: [item.line[0], item.line[1] + offset, item.line[2]] } : { stretch: { ...item.stretch, lastLine: item.stretch.lastLine + offset } }));

describe('sift batches', () => {
  it('give back every line and stretch, in order, renumbered (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 300 });
    const item = fc.oneof(fc.tuple(text, fc.nat(1e9), fc.boolean()).map((line) => ({ line }) as Item), stretch.map((s) => ({ stretch: s }) as Item));
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), fc.integer({ min: 1, max: 7 }), fc.nat(1e6), (items, capacity, offset) => {
        // UTF-16 batches carry any string, lone surrogates too; UTF-8 ones the well-formed strings a UTF-8 file decodes to
        expect(roundTrip(items, 'utf16le', capacity, offset)).toEqual(shifted(items, offset));
        const wellFormed = items.filter((i) => !('line' in i) || i.line[0].isWellFormed());
        expect(roundTrip(wellFormed, 'utf8', capacity, offset)).toEqual(shifted(wellFormed, offset));
      }),
      { seed: 20261121, numRuns: 500 },
    );
  });

  it('give back lines copied as bytes from the file as the strings they decode to, in batches of either encoding (property)', () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.boolean()), { maxLength: 40 }), fc.constantFrom<BatchEncoding>('utf8', 'utf16le'), (lines, encoding) => {
        const writer = new BatchWriter(encoding, 1000);
        const expected: string[] = [];
        lines.forEach(([line, asString], i) => {
          if (asString) writer.line(line, i, false);
          else {
            const bytes = Buffer.from(`>${line}<`, 'utf8');
            writer.lineBytes(bytes, 1, bytes.length - 1, [...line].every((c) => c.charCodeAt(0) < 0x80), i);
          }
          expected.push(line);
        });
        const out: string[] = [];
        readBatch(writer.take(), 0, { line: (t) => out.push(t), stretch: () => {} });
        expect(out).toEqual(expected);
      }),
      { seed: 20261121, numRuns: 300 },
    );
  });

  it('take a stretch and its line past a full batch, and no more', () => {
    const writer = new BatchWriter('utf8', 1);
    const s: QuietStretch = { count: 1, lastLine: 1, firstStamp: '2025-06-28 05:29:35', lastStamp: '2025-06-28 05:29:35', sysprp: false };
    writer.stretch(s);
    writer.line('a', 2, false);
    expect(writer.full).toBe(true);
    writer.line('b', 3, false);
    expect(() => writer.line('c', 4, false)).toThrow(/take\(\)/);
  });
});
