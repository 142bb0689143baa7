import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiteralSkipScan } from '../engine/skip-scan.js';
import { JsQuietScanner, type QuietScanner } from './quiet-lines.js';
import { WasmQuietScanner } from './quiet-lines-wasm.js';

const LITERALS = [["launchmodule: found '", 'pass [generalize]'], ['beginning of a new sysprep run'], ['0xc1900101']];

/** Header pieces: Info records the scan may take, and every way a line can fail to be one. */
const HEADER = fc.constantFrom(
  '2025-07-03 19:20:39, Info                  CBS    ',
  '2025-07-03 19:20:39, Info                  SYSPRP ',
  '2025-07-03 19:20:40, Info       [0x0802c6] MIG    ',
  '2025-07-03 19:20:40, Info                         ',
  '2025-07-03 19:20:41, Warning               IBS    ',
  // not printable ASCII in the timestamp (é is two bytes in UTF-8: the columns stay where they are)
  '2025-07-03 19:20:\u00e9, Info                  CBS    ',
  '2025-07-03 19:20:4\u0001, Info                  CBS    ',
  '2025-07-03 19:20:41, Info                  C S    ',
  '2025-07-03 19:20:41,Info                   CBS    ',
  '',
);
const TEXT = fc.constantFrom(
  'Exec: Processing package Microsoft-Windows-Foo~31bf3856ad364e35~amd64~~10.0.26100.1 (state: Installed)',
  "ActionPlatform::LaunchModule: Found 'Sysprep_Clean_Pnp' in C:\\Windows\\System32\\sppnp.dll; executing it",
  'Running pass [GENERALIZE] now',
  'Result = 0xC1900101 - 0x20017',
  'Copying C:\\Users\\J\u00fcrgen\\AppData to the store',
  ' Info ',
  ' Error                 SYSPRP ',
  '12:34:56',
  '\t',
  'x'.repeat(300),
  '',
);
const BREAK = fc.constantFrom('\r\n', '\n', '\r');
const LINE = fc.tuple(HEADER, fc.array(TEXT, { maxLength: 5 }), BREAK).map(([header, text, lineBreak]) => header + text.join(' ') + lineBreak);

function run(scanner: QuietScanner, scan: LiteralSkipScan, bytes: Buffer, cuts: readonly number[], longest: number) {
  scanner.load(scan);
  const steps: unknown[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    const end = Math.max(start, Math.min(cut, bytes.length));
    const next = scanner.take(bytes, start, end, longest, steps.length % 2 === 0);
    steps.push([next, scanner.taken, scanner.takeSysprp(), scanner.lastStamp(), scanner.taken > 0 ? scanner.firstStamp() : '']);
    // past the line the scanner stopped at, as the decoder would go on
    const lf = bytes.indexOf(10, next);
    start = lf === -1 ? end : Math.min(lf + 1, end);
  }
  return steps;
}

describe('the WebAssembly quiet-line scanner', () => {
  it('is built and loads (npm run build)', () => {
    expect(WasmQuietScanner.create(), 'dist/wasm/quiet-lines.wasm: run npm run build').not.toBeNull();
  });

  it('takes exactly the lines the TypeScript scanner takes, with the same stamps (property)', () => {
    const scan = LiteralSkipScan.create(LITERALS)!;
    fc.assert(
      fc.property(fc.array(LINE, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(6000), { maxLength: 4 }), fc.constantFrom(200, 4096), (lines, cuts, longest) => {
        const bytes = Buffer.from(lines.join(''), 'utf8');
        const sorted = [...cuts].sort((a, b) => a - b);
        expect(run(WasmQuietScanner.create()!, scan, bytes, sorted, longest)).toEqual(run(new JsQuietScanner(), scan, bytes, sorted, longest));
      }),
      { numRuns: 1500, seed: 3 },
    );
  });

  it('keeps each scanner’s timestamp when two take turns', () => {
    const scan = LiteralSkipScan.create(LITERALS)!;
    const [a, b] = [WasmQuietScanner.create()!, WasmQuietScanner.create()!];
    a.load(scan);
    b.load(scan);
    const lineAt = (second: number) => Buffer.from(`2025-07-03 19:20:${second}, Info                  CBS    Exec: nothing to see here at all\r\n`);
    a.take(lineAt(11), 0, 200, 4096, true);
    b.take(lineAt(22), 0, 200, 4096, true);
    expect([a.lastStamp(), b.lastStamp()]).toEqual(['2025-07-03 19:20:11', '2025-07-03 19:20:22']);
    a.take(lineAt(33), 0, 200, 4096, false);
    expect([a.lastStamp(), b.lastStamp(), a.firstStamp()]).toEqual(['2025-07-03 19:20:33', '2025-07-03 19:20:22', '2025-07-03 19:20:11']);
  });

  it('scans a range longer than it copies at once piece by piece, and takes every line but the one at the cut', () => {
    const scan = LiteralSkipScan.create(LITERALS)!;
    const line = '2025-07-03 19:20:39, Info                  CBS    Exec: Processing package Foo~31bf3856ad364e35~amd64 (state: Installed)\r\n';
    const lines = Math.ceil((4.5 * 1024 * 1024) / line.length);
    const bytes = Buffer.from(line.repeat(lines), 'latin1');
    const scanner = WasmQuietScanner.create()!;
    scanner.load(scan);
    let start = 0;
    let taken = 0;
    let refused = 0;
    while (start < bytes.length) {
      start = scanner.take(bytes, start, bytes.length, 4096, true);
      taken += scanner.taken;
      if (start < bytes.length && scanner.taken === 0) {
        refused++; // the decoder reads it as an event
        start = bytes.indexOf(10, start) + 1;
      }
    }
    expect(taken + refused).toBe(lines);
    expect(refused).toBe(1);
  });

  it('finds a literal among hundreds whose windows end with the same key', () => {
    // 16 characters each, so each has one window, and all of them end in "zabc"
    const literals = Array.from({ length: 300 }, (_, i) => `q${i.toString(36).padStart(11, '0')}zabc`);
    const scan = LiteralSkipScan.create([literals])!;
    const line = (literal: string) => Buffer.from(`2025-07-03 19:20:39, Info                  CBS    Exec: ${literal} here\r\n`, 'latin1');
    for (const literal of [literals[0]!, literals[299]!, 'q00000000zzzzabc']) {
      const bytes = line(literal);
      const steps = [WasmQuietScanner.create()!, new JsQuietScanner()].map((scanner) => {
        scanner.load(scan);
        scanner.take(bytes, 0, bytes.length, 4096, true);
        return scanner.taken;
      });
      expect(steps, literal).toEqual(literals.includes(literal) ? [0, 0] : [1, 1]);
    }
  });
});

