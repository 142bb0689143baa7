import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLine } from '../../parsers/panther.js';
import { JsQuietScanner, QuietLines, type QuietScanner } from './quiet-lines.js';
import { WasmQuietScanner } from './quiet-lines-wasm.js';

const HEADER = '2025-07-03 19:20:39, Info                  CBS    ';
/** Pieces of long messages: mostly text no record begins with, now and then what a joined record can begin with. */
const PIECE = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom('Microsoft-Windows-Printing-Spooler-Core (CMI); ', 'Package_for_RollupFix~31bf3856ad364e35~amd64~~26100.4061.1.7;', 'C:\\Users\\Jürgen ', 'x', ' ', 'Windows ', 'Info', 'IE:'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      ' Info ',
      'Info ',
      ' Error ',
      ' Fatal Error ',
      ' Warning\t',
      ' Verbose ',
      ' Debug ',
      '\t',
      '12:34:56',
      '2025-07-03 19:20:41, ',
      '2025-07-03 19:20:41, Error      [0x0f0082] SYSPRP ',
      ' Error                 SYSPRP ',
      ' Info                  [setup.exe] ',
      '07-03-2025 19:20:41.123 ',
    ),
  },
);

const SCANNERS: [string, () => QuietScanner][] = [
  ['TypeScript', () => new JsQuietScanner()],
  ['WebAssembly', () => WasmQuietScanner.create()!],
];

describe.each(SCANNERS)('quiet lines (%s scanner)', (_, scanner) => {
  it('takes a long line only when the event path reads it as one record (property)', () => {
    const quiet = QuietLines.forGroups([['no such literal anywhere']], 1 << 16, true, scanner())!;
    fc.assert(
      fc.property(fc.array(PIECE, { minLength: 8, maxLength: 40 }), fc.nat(7), (pieces, padding) => {
        const message = 'y'.repeat(padding) + pieces.join('');
        const line = HEADER + message;
        const bytes = Buffer.from(`${line}\r\nnext\r\n`, 'utf8');
        const end = quiet.takeLines(bytes, 0, bytes.length, 0);
        quiet.collect(1);
        if (end === 0) return; // left to the event path: always right
        expect(parseLine(line, 0, 1).length, JSON.stringify(line)).toBe(1);
      }),
      { numRuns: 4000, seed: 5 },
    );
  });

  it('leaves a line that holds joined records to the event path', () => {
    const quiet = QuietLines.forGroups([['no such literal anywhere']], 1 << 16, true, scanner())!;
    const joined = `${HEADER}${'Microsoft-Windows-Shell-Sounds (CMI); '.repeat(8)} 2025-07-03 19:20:41, Error                 SYSPRP Failed`;
    const plain = `${HEADER}${'Microsoft-Windows-Shell-Sounds (CMI); '.repeat(9)}`;
    expect(parseLine(joined, 0, 1).length).toBe(2);
    for (const [line, taken] of [[joined, 0], [plain, 1]] as const) {
      const bytes = Buffer.from(`${line}\r\n`, 'latin1');
      quiet.takeLines(bytes, 0, bytes.length, 0);
      expect(quiet.taken, line.slice(0, 80)).toBe(taken);
      quiet.collect(1);
    }
  });
});
