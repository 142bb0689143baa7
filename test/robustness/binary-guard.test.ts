// The binary test behind the "random binary" rows of docs/robustness.md: no false positive on any
// text a Panther log can be (UTF-16 in any script, Windows-1252, ANSI colours, NUL padding).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksBinary } from '../../src/input/binary-guard.js';
import { SAMPLE, seededBytes } from './helpers.js';

const LOG = readFileSync(join(SAMPLE, 'setupact.log'), 'utf8').replace(/^\uFEFF/, '');

describe('looksBinary', () => {
  it('random bytes, an executable-like header, a PNG: binary', () => {
    expect(looksBinary(seededBytes(64 * 1024, 1))).toBe(true);
    expect(looksBinary(Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), seededBytes(4096, 2)]))).toBe(true);
    expect(looksBinary(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), seededBytes(8192, 3)]))).toBe(true);
  });

  it('a log in UTF-8 (with and without BOM), UTF-16LE (with and without BOM) and UTF-16BE: text', () => {
    expect(looksBinary(Buffer.from(LOG, 'utf8'))).toBe(false);
    expect(looksBinary(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LOG, 'utf8')]))).toBe(false);
    expect(looksBinary(Buffer.from(LOG, 'utf16le'))).toBe(false);
    expect(looksBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LOG, 'utf16le')]))).toBe(false);
    expect(looksBinary(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(LOG, 'utf16le').swap16()]))).toBe(false);
  });

  it('UTF-16 text in Cyrillic, Greek, Thai and with emoji (high bytes that look like controls): text', () => {
    const text = 'Пользователь Ελληνικά ภาษาไทย 😀 C:\\Users\\Пётр\\AppData\r\n'.repeat(200);
    expect(looksBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(false);
    expect(looksBinary(Buffer.from(text, 'utf16le'))).toBe(false);
  });

  it('Windows-1252 bytes, ANSI colour codes, a NUL-padded tail, form feeds and tabs: text', () => {
    expect(looksBinary(Buffer.from(LOG.replace(/Package/g, 'Paket caf\u00e9 \u0080'), 'latin1'))).toBe(false);
    expect(looksBinary(Buffer.from(LOG.replace(/Error/g, '\u001b[31mError\u001b[0m'), 'utf8'))).toBe(false);
    expect(looksBinary(Buffer.concat([Buffer.from(LOG, 'utf8'), Buffer.alloc(60_000)]))).toBe(false);
    expect(looksBinary(Buffer.alloc(64 * 1024))).toBe(false); // all NUL: a log preallocated and never written
    expect(looksBinary(Buffer.from(LOG.replace(/ {4}/g, '\t').replace(/\r\n/g, '\f\r\n'), 'utf8'))).toBe(false);
  });

  it('a few stray control bytes in a log stay text', () => {
    expect(looksBinary(Buffer.from(LOG.replace('Package', 'Pack\u0001\u0002\u0003age'), 'utf8'))).toBe(false);
  });
});
