import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countKeys, hasGroup, LiteralSkipScan, MIN_SKIP_LITERAL } from './skip-scan.js';

/** What the scan must answer: a literal inside bytes[from, to), ASCII letters in any case. */
function naive(literals: readonly string[], bytes: Buffer, from: number, to: number): boolean {
  const text = bytes.toString('latin1', from, to).replace(/[A-Z]/g, (c) => c.toLowerCase());
  return literals.some((lit) => text.includes(lit.toLowerCase()));
}

const word = fc.string({ unit: fc.constantFrom(...'abcXYZ :[]\'0x='), minLength: MIN_SKIP_LITERAL, maxLength: 14 });

describe('LiteralSkipScan', () => {
  it('finds a literal wherever it is, in any case, and only inside the range', () => {
    const scan = LiteralSkipScan.create([['executing method \'', 'pass [generalize]', 'joindomain']])!;
    const line = Buffer.from("2025-01-01 00:00:00, Info  SYSPRP LaunchModule: Executing Method 'X' from C:\\x.dll");
    expect(scan.test(line, 0, line.length)).toBe(true);
    const at = line.indexOf('Executing');
    expect(scan.test(line, at + 1, line.length)).toBe(false); // starts before the range
    expect(scan.test(line, 0, at + 10)).toBe(false); // ends after it
    expect(scan.test(Buffer.from('PASS [GENERALIZE]'), 0, 17)).toBe(true);
    expect(scan.test(Buffer.from('pass [generalise]'), 0, 17)).toBe(false);
  });

  it('refuses literals it cannot look for', () => {
    expect(LiteralSkipScan.create([])).toBeNull();
    expect(LiteralSkipScan.create([['abcd'], ['abc']])).toBeNull(); // too short
    expect(LiteralSkipScan.create([['caf\u00e9s']])).toBeNull(); // not ASCII
  });

  it('answers as a plain search does, on any literals and text (property)', () => {
    const filler = fc.string({ unit: fc.constantFrom(...'abcXYZ :[]\'0x=\u00e9\u0141'), maxLength: 20 });
    // text made of the literals themselves (in any case), pieces of them, and filler
    const case_ = (s: string, flips: number): string => [...s].map((c, i) => ((flips >> i % 30) & 1 ? c.toUpperCase() : c)).join('');
    const scenario = fc.array(word, { minLength: 1, maxLength: 12 }).chain((literals) =>
      fc.tuple(
        fc.constant(literals),
        fc.array(
          fc.oneof(
            filler,
            fc.tuple(fc.constantFrom(...literals), fc.nat(), fc.nat(), fc.nat()).map(([lit, flips, cut, side]) => {
              const cased = case_(lit, flips);
              const at = cut % (cased.length + 1);
              return side % 3 === 0 ? cased : side % 3 === 1 ? cased.slice(at) : cased.slice(0, at);
            }),
          ),
          { maxLength: 12 },
        ),
        fc.nat(),
        fc.nat(),
      ),
    );
    fc.assert(
      fc.property(scenario, ([literals, pieces, a, b]) => {
        const bytes = Buffer.from(pieces.join(''), 'utf8');
        // windows chosen by letter frequencies, and by the key counts of the text itself
        const counts = new Uint32Array(1 << 15);
        countKeys(bytes, 0, bytes.length, counts);
        for (const scan of [LiteralSkipScan.create([literals]), LiteralSkipScan.create([literals], counts)]) {
          if (!scan) return;
          const from = bytes.length === 0 ? 0 : a % 4 === 0 ? 0 : a % bytes.length;
          const to = b % 4 === 0 ? bytes.length : from + (b % (bytes.length - from + 1));
          expect(scan.test(bytes, from, to)).toBe(naive(literals, bytes, from, to));
        }
      }),
      { seed: 20261121, numRuns: 3000 },
    );
  });

  it('names the groups whose literals occur in a string, exactly (property)', () => {
    const scenario = fc.array(fc.array(word, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 40 }).chain((groups) =>
      fc.tuple(fc.constant(groups), fc.array(fc.oneof(word, fc.constantFrom(...groups.flat()).map((l) => l.toUpperCase()), fc.string({ maxLength: 8 })), { maxLength: 10 })),
    );
    fc.assert(
      fc.property(scenario, ([groups, pieces]) => {
        const scan = LiteralSkipScan.create(groups)!;
        const text = pieces.join('');
        const found = scan.groupsIn(text, scan.newGroupSet());
        const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
        groups.forEach((literals, g) => expect(hasGroup(found, g)).toBe(literals.some((lit) => lower.includes(lit.toLowerCase()))));
      }),
      { seed: 20261121, numRuns: 2000 },
    );
  });
});
