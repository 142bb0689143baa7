// The hot path's shortcuts must never change a report. The same input, pushed through the decoder in
// different chunkings (1 byte, 7 bytes, 64 KiB, whole) and as UTF-8 or UTF-16LE, gives the same report
// (apart from `bytes` and `encoding`), on a generated 2 MiB log and on every samples/ scenario. And the
// prefilters (the literals a rule's pattern cannot match without, the one-pass literal gate in front
// of the marker and Info-rule checks) never turn away a line that the full check would accept.
// Not timed: `npm run bench` measures speed.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePantherLog } from '../bench/generate-log.js';
import { parseLine, withoutGle } from '../parsers/panther.js';
import { Analysis } from '../src/analyze/analysis.js';
import { builtinRules } from '../src/engine/registry.js';
import { levelGateAccepts, matchRule, mayContain, requiredLiterals } from '../src/engine/match.js';
import { hasGroup, LiteralSkipScan, scannable } from '../src/engine/skip-scan.js';
import { resolveInputs } from '../src/input/open-inputs.js';
import { markerLiteralGroups, readMarker } from '../src/segment/markers.js';
import type { LogFlavor, SourceRole } from '../src/types.js';
import { sampleCases } from './sample-cases.js';

interface InputFile {
  readonly path: string;
  readonly role: SourceRole | undefined;
  readonly flavor: LogFlavor;
  readonly bytes: Buffer;
}

/** Chunk sizes in bytes; Infinity pushes the whole file at once. */
const CHUNKINGS = [1, 7, 64 * 1024, Infinity] as const;

/**
 * Analyzes the files in order, each pushed in chunks of `chunk` bytes; returns the report as comparable JSON.
 * `everyEvent`: with a consumer of events, so that no line is skipped by the quiet-line shortcut.
 */
function reportOf(files: readonly InputFile[], chunk: number, everyEvent = false): string {
  const analysis = new Analysis({ rules: builtinRules, ...(everyEvent ? { onEvent: () => {} } : {}) });
  for (const file of files) {
    const feed = analysis.addSource(file.path, file.role, file.flavor);
    if (chunk === Infinity) feed.push(file.bytes);
    else for (let at = 0; at < file.bytes.length; at += chunk) feed.push(file.bytes.subarray(at, at + chunk));
    feed.end();
  }
  return JSON.stringify(withoutEncoding(analysis.result().report), null, 1);
}

/** The report without what legitimately differs between encodings: byte counts and the encoding name. */
function withoutEncoding(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEncoding);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'bytes' && key !== 'encoding')
      .map(([key, v]) => [key, withoutEncoding(v)]),
  );
}

/** The text of a log file as the decoder reads it (BOM sniffing), or undefined if it is not clean UTF-8 / UTF-16LE. */
function textOf(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.length >= 2 && body[1] === 0 && body[0] !== 0) return undefined; // BOM-less UTF-16: keep as is
  return isUtf8(body) ? body.toString('utf8') : undefined; // Windows-1252 lines: not transcodable 1:1
}

const asUtf8 = (text: string): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
const asUtf16 = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

/** Every chunking of `files`, and (when the text transcodes) the UTF-8 and UTF-16LE renderings, give one report. */
function expectSameReports(files: readonly InputFile[], chunkings: readonly number[] = CHUNKINGS): void {
  const reference = reportOf(files, Infinity);
  for (const chunk of chunkings) expect(reportOf(files, chunk), `chunks of ${chunk} bytes`).toBe(reference);
  const texts = files.map((f) => textOf(f.bytes));
  if (texts.every((t) => t !== undefined)) {
    const utf8 = files.map((f, i) => ({ ...f, bytes: asUtf8(texts[i]!) }));
    const utf16 = files.map((f, i) => ({ ...f, bytes: asUtf16(texts[i]!) }));
    expect(reportOf(utf8, 64 * 1024), 'as UTF-8').toBe(reference);
    expect(reportOf(utf16, 64 * 1024), 'as UTF-16LE').toBe(reference);
    expect(reportOf(utf16, 7), 'as UTF-16LE in 7-byte chunks').toBe(reference);
  }
}

describe('a generated 2 MiB log reads the same however it arrives', () => {
  const bytes = Buffer.concat([...generatePantherLog({ bytes: 2 * 1024 * 1024, seed: 11 })]);
  const file: InputFile = { path: 'bench/Windows/System32/Sysprep/Panther/setupact.log', role: 'sysprep', flavor: 'setupact', bytes };

  it('has what a real log has (several runs, findings, non-ASCII, long lines)', () => {
    const report = JSON.parse(reportOf([file], Infinity)) as { runs: unknown[]; findings: unknown[]; sources: { lines: number }[] };
    expect(report.runs.length).toBeGreaterThan(5);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(isUtf8(bytes) && !bytes.every((b) => b < 0x80)).toBe(true);
    expect(report.sources[0]!.lines).toBeGreaterThan(10_000);
  });

  it('the same with every line made an event (no quiet-line shortcut), whatever role the path gives', () => {
    for (const role of ['sysprep', undefined] as const) {
      const input = { ...file, role, path: role ? file.path : 'setupact.log' };
      expect(reportOf([input], 64 * 1024), `role ${role}`).toBe(reportOf([input], 64 * 1024, true));
    }
  }, 60_000);

  for (const chunk of CHUNKINGS) {
    it(`in chunks of ${chunk} bytes`, () => {
      expect(reportOf([file], chunk)).toBe(reportOf([file], Infinity));
    }, 60_000);
  }

  it('as UTF-16LE (whole, 64 KiB, 7 and 1 bytes) and with LF line ends', () => {
    const reference = reportOf([file], Infinity);
    const text = textOf(bytes)!;
    const utf16 = { ...file, bytes: asUtf16(text) };
    for (const chunk of [Infinity, 64 * 1024, 7, 1]) expect(reportOf([utf16], chunk), `UTF-16LE, chunks of ${chunk}`).toBe(reference);
    // LF instead of CRLF: same lines, same report
    const lf = { ...file, bytes: asUtf8(text.replace(/\r\n/g, '\n')) };
    expect(reportOf([lf], 7)).toBe(reference);
  }, 60_000);
});

describe('every samples/ scenario reads the same however it arrives', () => {
  for (const scenario of sampleCases()) {
    it(scenario.id, async () => {
      const { sources } = await resolveInputs([scenario.dir]);
      const files = sources.map((s) => ({ path: s.path, role: s.role, flavor: s.flavor, bytes: readFileSync(s.path) }));
      expect(files.length).toBeGreaterThan(0);
      expectSameReports(files);
    });
  }
});

describe('prefilters never turn away what the full check accepts', () => {
  const infoRules = builtinRules.filter((r) => levelGateAccepts(r, 'Info'));
  const markerGroups = markerLiteralGroups();
  const gateLiterals = [...markerGroups, ...infoRules.map((r) => requiredLiterals(r.pattern))];

  it('the built-in Info rules and the markers all have literals, so the Info scan is on', () => {
    expect(gateLiterals.every((l) => l !== null)).toBe(true);
    expect(LiteralSkipScan.create(gateLiterals as string[][])).not.toBeNull();
  });

  it("every rule's must-match samples contain one of its literals, and the scans find its group", () => {
    const infoScan = LiteralSkipScan.create(gateLiterals as string[][])!;
    const ruleLiterals = builtinRules.map((r) => requiredLiterals(r.pattern));
    let checked = 0;
    for (const rule of builtinRules) {
      const literals = requiredLiterals(rule.pattern);
      for (const sample of rule.samples.matches) {
        for (const event of parseLine(sample, 0, 1)) {
          if (!matchRule(rule, event)) continue;
          checked++;
          expect(mayContain(literals, withoutGle(event.message).toLowerCase()), `${rule.id}: ${sample}`).toBe(true);
          if (literals !== null && literals.every(scannable)) {
            const own = LiteralSkipScan.create([ruleLiterals[builtinRules.indexOf(rule)]!])!;
            expect(hasGroup(own.groupsIn(event.message, own.newGroupSet()), 0), `${rule.id} (rule scan): ${sample}`).toBe(true);
          }
          const k = infoRules.indexOf(rule);
          if (event.level === 'Info') expect(hasGroup(infoScan.groupsIn(event.message, infoScan.newGroupSet()), markerGroups.length + k), `${rule.id} (Info scan): ${sample}`).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('every marker line of the samples is read with only the markers the scan finds', async () => {
    const scan = LiteralSkipScan.create(gateLiterals as string[][])!;
    let markers = 0;
    for (const scenario of sampleCases()) {
      for (const path of scenario.files) {
        const text = textOf(readFileSync(path));
        if (text === undefined) continue;
        text.split(/\r?\n/).forEach((line, i) => {
          for (const event of parseLine(line, 0, i + 1)) {
            if (event.kind !== 'record' || !readMarker(event.message)) continue;
            markers++;
            const found = scan.groupsIn(event.message, scan.newGroupSet());
            const allowed = markerGroups.reduce((mask, _, m) => (hasGroup(found, m) ? mask | (1 << m) : mask), 0);
            expect(readMarker(event.message, allowed), `${path}:${i + 1}`).toEqual(readMarker(event.message));
          }
        });
      }
    }
    expect(markers).toBeGreaterThan(50);
  });

  it('requiredLiterals reads only what is certain (tricky patterns, matching strings)', () => {
    const cases: [RegExp, string[], string[]][] = [
      // pattern, strings it matches, the expected literal set (or [] for null)
      [/abc(?:de)?fgh/i, ['xxABCfghyy', 'abcdefgh'], ['abcfgh', 'abcdefgh']],
      [/foo|bar(?:baz|qux)/, ['foo', 'barqux'], ['foo', 'barbaz', 'barqux']],
      [/foo|ba(?:zzzz|quux)/, ['foo', 'baquux'], ['foo', 'bazzzz', 'baquux']],
      [/a+bcd/, ['aaabcd'], ['bcd']],
      [/ab?cdef/, ['acdef', 'abcdef'], ['acdef', 'abcdef']],
      [/(?<name>LaunchDll): ?Failure/i, ['launchdll:failure', 'LaunchDll: Failure'], ['launchdll:failure', 'launchdll: failure']],
      [
        /\bNetp(?:DoDomainJoin|JoinDomain): status: ?(?<code>0x[0-9a-f]+)/i,
        ['NetpJoinDomain: status: 0x5', 'netpdodomainjoin: status:0x1'],
        ['netpdodomainjoin: status:0x', 'netpdodomainjoin: status: 0x', 'netpjoindomain: status:0x', 'netpjoindomain: status: 0x'],
      ],
      [
        /\b0xC1900101 ?- ?0x(?<e>[1-5]00)/i,
        ['0xC1900101 - 0x400', '0xc1900101-0x100'],
        ['-', '- ', ' -', ' - '].flatMap((dash) => ['1', '2', '3', '4', '5'].map((d) => `0xc1900101${dash}0x${d}00`)),
      ],
      // a run goes on into a group that begins with literals, and through a small class
      [/LaunchModule: ?(?:Executing method '([^']+)' from|Found '([^']+)' in)/i, ["LaunchModule: Found 'X' in", "launchmodule:executing method 'y' from"], ["launchmodule:executing method '", "launchmodule:found '", "launchmodule: executing method '", "launchmodule: found '"]],
      [/a[xY]?bcd/, ['abcd', 'aYbcd'], ['abcd', 'axbcd', 'aybcd']],
      [/ab[c-e]+fgh/, ['abddfgh'], ['fgh']],
      [/abcd[a-z]efg/, ['abcdqefg'], ['abcd']],
      [/abc(?=d)de/, ['abcde'], ['abc']],
      [/a(?:b|c)?d|ab{0,1}e/, ['ad', 'acd', 'ae', 'abe'], ['ad', 'abd', 'acd', 'ae', 'abe']],
      // 32 strings at most: the sixth choice would make 64, so the run is cut before it
      [/x(?:a|b)(?:c|d)(?:e|f)(?:g|h)(?:i|j)(?:k|l)y/, ['xbdfhjly'], product('x', ['ab', 'cd', 'ef', 'gh', 'ij'])],
      [/(a|b*)c/, ['bbc', 'ac'], ['c']],
      [/x{2,}yyyy/, ['xxxyyyy'], ['yyyy']],
      [/(?=.*secret)public/, ['public secret'], ['public']],
      [/\bC:\\Windows\\/i, ['c:\\windows\\x'], ['c:\\windows\\']],
      [/[abc]+def|ghi./, ['bdef', 'ghix'], ['def', 'ghi']],
      [/opt(?:ional)?|/, ['anything'], []],
      [/a\x41bc/, ['aAbc'], []],
      [/K\u212A/u, ['K\u212A'], []],
    ];
    for (const [pattern, strings, expected] of cases) {
      const literals = requiredLiterals(pattern);
      expect(literals ?? [], pattern.source).toEqual(expected);
      for (const s of strings) {
        expect(pattern.test(s), `${pattern} must match ${s}`).toBe(true);
        expect(mayContain(literals, s.toLowerCase()), `${pattern} on ${s}`).toBe(true);
      }
    }
  });

  it('requiredLiterals: every string a random pattern matches holds one of its literals (property)', () => {
    const patterns = fc.tuple(randomPattern, fc.boolean(), fc.array(fc.nat(), { minLength: 1, maxLength: 64 })).map(([node, ignoreCase, choices]) => {
      let n = 0;
      const pick = (count: number): number => choices[n++ % choices.length]! % count;
      let text = matchingText(node, pick);
      if (ignoreCase) text = [...text].map((c) => (pick(2) === 0 ? c.toUpperCase() : c.toLowerCase())).join('');
      return { re: new RegExp(sourceOf(node), ignoreCase ? 'i' : ''), text: `<${text}>` };
    });
    fc.assert(
      fc.property(patterns, ({ re, text }) => {
        const literals = requiredLiterals(re);
        fc.pre(re.test(text)); // only a \\b between the characters chosen can fail
        expect(mayContain(literals, text.toLowerCase()), `${re} on ${JSON.stringify(text)}: ${JSON.stringify(literals)}`).toBe(true);
      }),
      { numRuns: 5000, seed: 11 },
    );
  });

  it('the Info scan finds the group of any literal, in any case, anywhere, and no other (property)', () => {
    const literals = gateLiterals.flatMap((l) => l!);
    const scan = LiteralSkipScan.create(literals.map((l) => [l]))!;
    const found = scan.newGroupSet();
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.nat(literals.length - 1), fc.string({ maxLength: 60 }), fc.array(fc.boolean(), { maxLength: 80 }), (before, which, after, upper) => {
        const text = before + [...literals[which]!].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('') + after;
        scan.groupsIn(text, found);
        const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase()); // ASCII case only, as a non-Unicode /i pattern folds
        literals.forEach((lit, g) => expect(hasGroup(found, g), lit).toBe(lower.includes(lit)));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

/** Every string of `start` then one character of each choice, in order. */
function product(start: string, choices: readonly string[]): string[] {
  return choices.reduce((runs, choice) => runs.flatMap((run) => [...choice].map((c) => run + c)), [start]);
}

/** A small regex syntax tree, to make a pattern and a string it matches from the same choices. */
type PatternNode =
  | { readonly kind: 'atom'; readonly source: string; readonly chars: string }
  | { readonly kind: 'group'; readonly open: string; readonly alternatives: readonly (readonly PatternNode[])[] }
  | { readonly kind: 'repeat'; readonly node: PatternNode; readonly quantifier: string; readonly min: number; readonly max: number }
  | { readonly kind: 'boundary' };

const ATOMS: readonly [string, string][] = [
  ...['a', 'b', 'c', 'X', 'Y', ' ', ':', "'", '0', '1'].map((c): [string, string] => [c, c]),
  ['\\-', '-'], ['\\.', '.'], ['\\[', '['], ['\\(', '('],
  ['[abc]', 'abc'], ['[a-c]', 'abc'], ['[xY]', 'xY'], ['[0-9]', '0123456789'], ['[a-z]', 'abcdefghijklmnopqrstuvwxyz'], ['[^a]', 'bZ9 -'],
  ['\\d', '0123456789'], ['\\s', ' '], ['\\w', 'aZ_0'], ['.', 'a.:- Z'],
];
const QUANTIFIERS: readonly [string, number, number][] = [['?', 0, 1], ['*', 0, 3], ['+', 1, 3], ['{2}', 2, 2], ['{0,1}', 0, 1], ['{1,3}', 1, 3], ['??', 0, 1], ['+?', 1, 3]];

const randomPattern: fc.Arbitrary<PatternNode[]> = fc.letrec<{ sequence: PatternNode[]; node: PatternNode; group: PatternNode }>((tie) => ({
  sequence: fc.array(tie('node'), { minLength: 1, maxLength: 6 }),
  node: fc.oneof(
    { maxDepth: 3 },
    { weight: 8, arbitrary: fc.constantFrom(...ATOMS).map(([source, chars]): PatternNode => ({ kind: 'atom', source, chars })) },
    { weight: 1, arbitrary: fc.constant<PatternNode>({ kind: 'boundary' }) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...ATOMS), fc.constantFrom(...QUANTIFIERS)).map(([[source, chars], [quantifier, min, max]]): PatternNode => ({ kind: 'repeat', node: { kind: 'atom', source, chars }, quantifier, min, max })) },
    { weight: 2, arbitrary: tie('group') },
    { weight: 1, arbitrary: fc.tuple(tie('group'), fc.constantFrom(...QUANTIFIERS)).map(([node, [quantifier, min, max]]): PatternNode => ({ kind: 'repeat', node, quantifier, min, max })) },
  ),
  group: fc.tuple(fc.constantFrom('(?:', '(', '(?<name>'), fc.array(tie('sequence'), { minLength: 1, maxLength: 3 })).map(([open, alternatives]): PatternNode => ({ kind: 'group', open, alternatives })),
})).sequence;

function sourceOf(sequence: readonly PatternNode[], names = { next: 0 }): string {
  return sequence
    .map((node): string => {
      switch (node.kind) {
        case 'atom':
          return node.source;
        case 'boundary':
          return '\\b';
        case 'group':
          return `${node.open === '(?<name>' ? `(?<g${names.next++}>` : node.open}${node.alternatives.map((alternative) => sourceOf(alternative, names)).join('|')})`;
        case 'repeat':
          return sourceOf([node.node], names) + node.quantifier;
      }
    })
    .join('');
}

/** A string `sequence` matches, from the choices `pick` makes (a \\b may fail to hold: then the property skips it). */
function matchingText(sequence: readonly PatternNode[], pick: (count: number) => number): string {
  return sequence
    .map((node): string => {
      switch (node.kind) {
        case 'atom':
          return node.chars[pick(node.chars.length)]!;
        case 'boundary':
          return '';
        case 'group':
          return matchingText(node.alternatives[pick(node.alternatives.length)]!, pick);
        case 'repeat': {
          const times = node.min + pick(node.max - node.min + 1);
          return Array.from({ length: times }, () => matchingText([node.node], pick)).join('');
        }
      }
    })
    .join('');
}

