// The parts of the line grammar read without a regex, held to the regex they stand for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLine, withoutGle } from './panther.js';

const PROCESS_TAG = /^\[([^\][]{2,40})\][ \t]/;
const GLE_SUFFIX = /\[gle=0x[0-9a-fA-F]+\]\s*$/;
const HEADER = '2025-06-20 18:05:40, Info                  SYSPRP ';

const tagCharacter = fc.oneof({ arbitrary: fc.constantFrom('s', 'e', '.', 'x', '-', ' '), weight: 30 }, { arbitrary: fc.constantFrom('[', ']'), weight: 1 });

/** Messages made of the characters that matter around a process tag and a gle suffix. */
const message = fc.oneof(
  fc.string({ unit: fc.constantFrom('[', ']', ' ', '\t', 'a', '.', 'x', 'e', 'g', 'l', '=', '0', 'F'), maxLength: 50 }),
  // tags of every length around the limits (40 characters), brackets seldom inside
  fc
    .tuple(fc.nat(45), fc.constantFrom(' ', '\t', '', ']'))
    .chain(([length, after]) => fc.string({ unit: tagCharacter, minLength: length, maxLength: length }).map((inside) => `[${inside}]${after}rest`)),
  fc.tuple(fc.string({ maxLength: 20 }), fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFg'), maxLength: 9 }), fc.constantFrom('', ' ', '\t', ' x')).map(([text, hex, after]) => `${text}[gle=0x${hex}]${after}`),
);

describe('panther line grammar', () => {
  it('reads the process tag a message starts with as /^\\[([^\\][]{2,40})\\][ \\t]/ does (property)', () => {
    fc.assert(
      fc.property(message, (text) => {
        const expected = PROCESS_TAG.exec(text)?.[1];
        expect(parseLine(HEADER + text, 0, 1)[0]!.process).toBe(expected);
        // the tolerant parse (collapsed whitespace) and a line without any header read it the same way
        expect(parseLine(`2025-06-20 18:05:40, Info SYSPRP ${text}`, 0, 1)[0]!.process).toBe(expected);
      }),
      { seed: 20261121, numRuns: 2000 },
    );
  });

  it('reads the tags of real lines, one after another', () => {
    const lines = ['[setupugc.exe] Process returned with exit code 0x0', '[setupugc.exe] again', '[msoobe.exe] other', '[x] too short', '[setupugc.exe]no space'];
    expect(lines.map((text) => parseLine(HEADER + text, 0, 1)[0]!.process)).toEqual(['setupugc.exe', 'setupugc.exe', 'msoobe.exe', undefined, undefined]);
  });

  it('strips a trailing [gle=0x...] as /\\[gle=0x[0-9a-fA-F]+\\]\\s*$/ does (property)', () => {
    fc.assert(
      fc.property(message, (text) => {
        const m = GLE_SUFFIX.exec(text);
        expect(withoutGle(text)).toBe(m ? text.slice(0, m.index) : text);
      }),
      { seed: 20261121, numRuns: 2000 },
    );
  });
});
