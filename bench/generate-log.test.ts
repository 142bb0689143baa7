import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, generatePantherLog, newStats, parseSize, type GenerateOptions } from './generate-log.js';

const MiB = 1024 * 1024;

function collect(opts: GenerateOptions): Buffer {
  return Buffer.concat([...generatePantherLog(opts)]);
}

function sha(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** Fixed-column header (panther-format.md §3.1). */
const HEADER = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}, (?:Info {7}|Warning {4}|Error {6}|Fatal Error)(?:\[0x[0-9a-f]{6}\]| {10}) [A-Z ]{6} \S/;
/** The tolerant regex the parser falls back to (panther-format.md §3.1). */
const TOLERANT = /^(?<ts>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}), (?<level>Fatal Error|Error|Warning|Info|[A-Za-z]+)\s+(?:\[(?<msgid>0x[0-9A-Fa-f]{6})\]\s+)?(?<rest>.*)$/;
const CONTINUATION = /^ {35}\S/;

function linesOf(buf: Buffer, encoding: 'utf-8' | 'utf-16le' = 'utf-8'): { lines: string[]; last: string } {
  const text = encoding === 'utf-16le' ? buf.subarray(2).toString('utf16le') : buf.subarray(3).toString('utf8');
  const lines = text.split('\r\n');
  const last = lines.pop() ?? '';
  return { lines, last };
}

describe('generatePantherLog', () => {
  it('is deterministic: same seed, same bytes', () => {
    const a = collect({ bytes: 5 * MiB, seed: 42 });
    const b = collect({ bytes: 5 * MiB, seed: 42 });
    expect(sha(a.subarray(0, 4 * MiB))).toBe(sha(b.subarray(0, 4 * MiB)));
    expect(a.equals(b)).toBe(true);
    const c = collect({ bytes: 5 * MiB, seed: 43 });
    expect(sha(c.subarray(0, 4 * MiB))).not.toBe(sha(a.subarray(0, 4 * MiB)));
  });

  it('gives the same prefix for a larger size with the same seed', () => {
    const small = collect({ bytes: 5 * MiB, seed: 9 });
    const large = collect({ bytes: 7 * MiB + 123, seed: 9 });
    expect(sha(large.subarray(0, 4 * MiB))).toBe(sha(small.subarray(0, 4 * MiB)));
  });

  it('produces exactly the requested size', () => {
    for (const bytes of [0, 1, 2, 3, 52, 53, 100, 1000, 4096, 65_537, 524_289, MiB, MiB + 13, 3 * MiB - 1]) {
      const out = collect({ bytes, seed: bytes });
      expect(out.length, `bytes=${bytes}`).toBe(bytes);
    }
    for (const bytes of [0, 2, 4, 200, 4096, 65_538, MiB + 14, 3 * MiB]) {
      const out = collect({ bytes, seed: 5, encoding: 'utf-16le' });
      expect(out.length, `utf-16 bytes=${bytes}`).toBe(bytes);
    }
  });

  it('hits the exact size for many sizes and seeds, in both encodings', () => {
    let x = 12345;
    for (let i = 0; i < 40; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const bytes = (x % (2 * MiB)) & ~1;
      expect(collect({ bytes, seed: i }).length).toBe(bytes);
      expect(collect({ bytes, seed: i, encoding: 'utf-16le' }).length).toBe(bytes);
    }
  });

  it('ends with a complete, padded last line once there is room for one', () => {
    for (const bytes of [1000, 65_537, MiB + 13]) {
      const out = collect({ bytes, seed: 3 });
      expect(out.subarray(-2).toString('latin1')).toBe('\r\n');
      const { lines, last } = linesOf(out);
      expect(last).toBe('');
      expect(lines.at(-1)).toMatch(HEADER);
      const u16 = collect({ bytes: bytes + (bytes % 2), seed: 3, encoding: 'utf-16le' });
      const t = linesOf(u16, 'utf-16le');
      expect(t.last).toBe('');
      expect(t.lines.at(-1)).toMatch(HEADER);
    }
  });

  it('streams in ~1 MiB chunks that stay valid after later chunks are produced', () => {
    const chunks: Buffer[] = [];
    let firstCopy: Buffer | undefined;
    for (const chunk of generatePantherLog({ bytes: 6 * MiB + 7, seed: 11 })) {
      if (chunks.length === 0) firstCopy = Buffer.from(chunk);
      chunks.push(chunk);
    }
    expect(chunks.length).toBeGreaterThanOrEqual(5);
    expect(chunks.length).toBeLessThanOrEqual(7);
    for (const c of chunks.slice(0, -1)) {
      expect(c.length).toBeGreaterThanOrEqual(CHUNK_BYTES);
      expect(c.length).toBeLessThan(CHUNK_BYTES + 256 * 1024);
      expect(c.subarray(-2).toString('latin1')).toBe('\r\n'); // chunks end on a line boundary
    }
    expect(chunks[0]!.equals(firstCopy!)).toBe(true);
  });

  it('writes UTF-16LE with a BOM and an even length, same text as UTF-8', () => {
    const u16 = collect({ bytes: 2 * MiB, seed: 21, encoding: 'utf-16le' });
    expect(u16[0]).toBe(0xff);
    expect(u16[1]).toBe(0xfe);
    expect(u16.length % 2).toBe(0);
    const u8 = collect({ bytes: 2 * MiB, seed: 21 });
    expect([...u8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const a = linesOf(u16, 'utf-16le').lines.slice(0, 2000);
    const b = linesOf(u8).lines.slice(0, 2000);
    expect(a).toEqual(b);
    expect(() => collect({ bytes: 1001, encoding: 'utf-16le' })).toThrow(RangeError);
  });

  it('can leave out the BOM', () => {
    const out = collect({ bytes: 4096, seed: 1, bom: false });
    expect(out.subarray(0, 2).toString('latin1')).toMatch(/^\d\d$/);
    expect(out.length).toBe(4096);
  });

  it('rejects bad options at once', () => {
    expect(() => generatePantherLog({ bytes: -1 })).toThrow(RangeError);
    expect(() => generatePantherLog({ bytes: 1.5 })).toThrow(RangeError);
    expect(() => generatePantherLog({ bytes: 10, seed: Number.NaN })).toThrow(RangeError);
    expect(() => generatePantherLog({ bytes: 1001, encoding: 'utf-16le' })).toThrow(/even/);
  });

  describe('content of 8 MiB', () => {
    const stats = newStats();
    const out = collect({ bytes: 8 * MiB, seed: 2025, stats });
    const { lines } = linesOf(out);

    it('every line is a fixed-column record or a 35-space continuation, CRLF only', () => {
      const bad = lines.filter((l) => !HEADER.test(l) && !CONTINUATION.test(l));
      expect(bad.slice(0, 3)).toEqual([]);
      expect(lines.filter((l) => l.includes('\n') || l.includes('\r'))).toEqual([]);
      for (const l of lines.slice(0, 5000)) if (!CONTINUATION.test(l)) expect(l).toMatch(TOLERANT);
    });

    it('has the level mix of real logs', () => {
      const n = lines.length;
      const count = (re: RegExp): number => lines.filter((l) => re.test(l)).length / n;
      const info = count(/^.{21}Info /);
      const warning = count(/^.{21}Warning /);
      const error = count(/^.{21}Error /);
      const cont = count(CONTINUATION);
      const long = lines.filter((l) => Buffer.byteLength(l) >= 2048).length / n;
      const nonAscii = count(/[^\x00-\x7f]/);
      expect(info).toBeGreaterThan(0.96);
      expect(info).toBeLessThan(0.98);
      expect(warning).toBeGreaterThan(0.017);
      expect(warning).toBeLessThan(0.027);
      expect(error).toBeGreaterThan(0.003);
      expect(error).toBeLessThan(0.008);
      expect(cont).toBeGreaterThan(0.0015);
      expect(cont).toBeLessThan(0.005);
      expect(long).toBeGreaterThan(0.001);
      expect(long).toBeLessThan(0.003);
      expect(nonAscii).toBeGreaterThan(0.001);
      expect(nonAscii).toBeLessThan(0.004);
      expect(lines.every((l) => Buffer.byteLength(l) <= 4096 + 64)).toBe(true);
      // the stats the generator reports agree with the bytes
      expect(stats.lines).toBe(n);
      expect(stats.warning / n).toBeCloseTo(warning, 6);
      expect(stats.error / n).toBeCloseTo(error, 6);
    });

    it('contains sysprep runs with successes and real failure cascades, and setup sessions', () => {
      const has = (s: string): number => lines.filter((l) => l.includes(s)).length;
      expect(has('===          Beginning of a new sysprep run          ===')).toBeGreaterThan(5);
      expect(has('FCreateTagFile:Successfully created tag file')).toBeGreaterThan(0);
      expect(has('WinMain:Hit failure while')).toBeGreaterThan(0);
      expect(has("Pre-validing 'cleanup' internal providers.")).toBeGreaterThan(0);
      expect(has('Callback_Specialize: Enter.')).toBeGreaterThan(0);
      expect(has('SetupHost Logging Begin')).toBeGreaterThan(0);
      expect(has('[windeploy.exe] WinDeploy.exe launched')).toBeGreaterThan(0);
      // every run that starts also ends
      expect(has('Shutting down SysPrep log')).toBeGreaterThanOrEqual(has('Beginning of a new sysprep run') - 1);
    });

    it('keeps timestamps in 2025-2026 and mostly moving forward', () => {
      let back = 0;
      let prev = '';
      for (const l of lines) {
        if (CONTINUATION.test(l)) continue;
        const ts = l.slice(0, 19);
        expect(ts >= '2025-01-01' && ts < '2027-01-01').toBe(true);
        if (ts < prev) back++;
        prev = ts;
      }
      expect(back).toBeLessThan(lines.length / 1000);
    });
  });
});

describe('parseSize', () => {
  it('reads bytes and binary suffixes', () => {
    expect(parseSize('1048576')).toBe(MiB);
    expect(parseSize('64M')).toBe(64 * MiB);
    expect(parseSize('1G')).toBe(1024 * MiB);
    expect(parseSize('1.5GiB')).toBe(1536 * MiB);
    expect(parseSize('512k')).toBe(512 * 1024);
    expect(parseSize('2MB')).toBe(2 * MiB);
  });

  it('says what is wrong', () => {
    expect(() => parseSize('lots')).toThrow(/bad size "lots"/);
    expect(() => parseSize('-5M')).toThrow(RangeError);
  });
});
