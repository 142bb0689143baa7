// How a big file is cut into parts for the sifters (src/analyze/sift.ts, planParts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HEAD_LINES } from '../src/analyze/quiet-lines.js';
import { planParts } from '../src/analyze/sift.js';

const scratch = mkdtempSync(join(tmpdir(), 'sysprep-doctor-plan-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(name: string, bytes: Buffer): { path: string; bytes: Buffer } {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  return { path, bytes };
}

const line = (i: number): string => `2025-07-18 11:43:44, Info                  CSI    line ${i} ${'.'.repeat(i % 97)}\r\n`;

describe('planParts', () => {
  const { path, bytes } = file('many.log', Buffer.from(Array.from({ length: 30_000 }, (_, i) => line(i)).join(''), 'latin1'));

  it('covers the file with parts that each begin a line, the first holding the head', () => {
    const { parts, encoding } = planParts(path, bytes.length, 64 * 1024);
    expect(encoding).toBe('utf-8');
    expect(parts.length).toBeGreaterThan(10);
    expect(parts[0]!.start).toBe(0);
    expect(parts.at(-1)!.end).toBe(bytes.length);
    parts.forEach((part, i) => {
      expect(part.index).toBe(i);
      if (i > 0) {
        expect(part.start).toBe(parts[i - 1]!.end);
        expect(bytes[part.start - 1]).toBe(10); // just past a line feed
      }
      expect(part.end).toBeGreaterThan(part.start);
    });
    const headLineFeeds = bytes.subarray(0, parts[0]!.end).toString('latin1').split('\n').length - 1;
    expect(headLineFeeds).toBeGreaterThanOrEqual(HEAD_LINES);
  });

  it('keeps a file whole when it is UTF-16, has fewer line feeds than the head, or parts are off', () => {
    const utf16 = file('utf16.log', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('latin1'), 'utf16le')]));
    expect(planParts(utf16.path, utf16.bytes.length, 64 * 1024)).toEqual({ parts: [{ index: 0, start: 0, end: utf16.bytes.length }], encoding: 'utf-16le-bom' });
    const short = file('short.log', Buffer.from(Array.from({ length: HEAD_LINES - 1 }, (_, i) => line(i)).join(''), 'latin1'));
    expect(planParts(short.path, short.bytes.length, 1024).parts).toHaveLength(1);
    expect(planParts(path, bytes.length, 0).parts).toHaveLength(1);
  });

  it('gives a line longer than a part to one part', () => {
    const long = file('long.log', Buffer.from(Array.from({ length: HEAD_LINES }, (_, i) => line(i)).join('') + 'x'.repeat(300_000) + '\n' + line(1), 'latin1'));
    const { parts } = planParts(long.path, long.bytes.length, 64 * 1024);
    const longStart = long.bytes.indexOf('xxxx');
    expect(parts.filter((p) => p.start <= longStart && p.end > longStart + 300_000)).toHaveLength(1);
  });
});
