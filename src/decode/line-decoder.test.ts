import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineDecoder } from './line-decoder.js';

type Line = [text: string, truncated: boolean];

/** The lines and stats of `bytes` pushed in chunks of `chunk` bytes; with `asBytes`, through a LineBytesSink too. */
function decode(bytes: Buffer, chunk: number, maxLineChars: number, asBytes: boolean): { lines: Line[]; stats: object; asBytes: number } {
  const lines: Line[] = [];
  let viaBytes = 0;
  const decoder = new LineDecoder(
    (text, truncated) => lines.push([text, truncated]),
    maxLineChars,
    undefined,
    undefined,
    asBytes
      ? (b, start, end, ascii) => {
          const slice = b.subarray(start, end);
          if (ascii) expect(slice.every((c) => c < 0x80)).toBe(true);
          lines.push([slice.toString('utf8'), false]);
          viaBytes++;
        }
      : undefined,
  );
  for (let at = 0; at < bytes.length; at += chunk) decoder.push(bytes.subarray(at, at + chunk));
  decoder.end();
  return { lines, stats: { ...decoder.stats }, asBytes: viaBytes };
}

// pieces of lines: ASCII, other UTF-8, invalid UTF-8 (Windows-1252 lines), and every kind of line break
const piece = fc.oneof(
  fc.constantFrom('2025-06-28 05:29:35, Info                  SYSPRP ', 'abc', ' ', 'Ünïcødé ✓', '\r\n', '\n', '\r', '\r\r\n'),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(Buffer.from([0xe9, 0x20]), Buffer.from([0xc3]), Buffer.from([0x80, 0xff])),
);

describe('LineDecoder with a LineBytesSink', () => {
  it('hands over the same lines and counts, some as bytes (property)', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 1, max: 64 }), fc.constantFrom(8, 1024), (pieces, chunk, maxLineChars) => {
        const bytes = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
        const reference = decode(bytes, chunk, maxLineChars, false);
        const withBytes = decode(bytes, chunk, maxLineChars, true);
        expect(withBytes.lines).toEqual(reference.lines);
        expect(withBytes.stats).toEqual(reference.stats);
      }),
      { seed: 20261121, numRuns: 1000 },
    );
  });

  it('takes the lines of valid UTF-8 as bytes, and leaves lines longer than the cap to be cut', () => {
    const bytes = Buffer.from(`short line\r\nnon-ASCII: Ünïcødé\r\n${'x'.repeat(40)}\r\nlast\r\n`, 'utf8');
    const { lines, asBytes } = decode(bytes, 1 << 20, 20, true);
    expect(lines).toEqual([
      ['short line', false],
      ['non-ASCII: Ünïcødé', false],
      ['x'.repeat(20), true],
      ['last', false],
    ]);
    expect(asBytes).toBe(2); // the non-ASCII line is 24 bytes: more than the cap, though 18 characters
  });
});
