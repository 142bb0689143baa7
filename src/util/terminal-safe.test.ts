import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { terminalSafe } from './terminal-safe.js';

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminalSafe', () => {
  it('returns clean text unchanged', () => {
    const line = '2024-05-14 10:02:16, Error SYSPRP Package Microsoft.OneDriveSync_21220 — ünïcödé 日本';
    expect(terminalSafe(line)).toBe(line);
    expect(terminalSafe('')).toBe('');
  });

  it('neutralizes an ANSI CSI screen clear and colour sequence', () => {
    const out = terminalSafe('before\u001b[2J\u001b[31mred\u001b[0m after');
    expect(out).toBe('before␛[2J␛[31mred␛[0m after');
    expect(out).not.toContain('\u001b');
  });

  it('neutralizes an OSC 8 hyperlink terminated by BEL or ST', () => {
    const bel = terminalSafe('\u001b]8;;http://evil\u0007click\u001b]8;;\u0007');
    expect(bel).toBe('␛]8;;http://evil␇click␛]8;;␇');
    const st = terminalSafe('\u001b]8;;http://evil\u001b\\click');
    expect(st).toBe('␛]8;;http://evil␛\\click');
  });

  it('neutralizes C1 controls (8-bit CSI and OSC), DEL and bidi overrides', () => {
    expect(terminalSafe('a\u009b2Jb\u009d8;;x')).toBe('a\ufffd2Jb\ufffd8;;x');
    expect(terminalSafe('x\u007fy')).toBe('x␡y');
    expect(terminalSafe('admin\u202e\u2066txt.exe\u2069\u202c')).toBe('admin\ufffd\ufffdtxt.exe\ufffd\ufffd');
  });

  it('makes carriage return, line feed, backspace and NUL visible', () => {
    expect(terminalSafe('ok\rFAKE\nline\bX\u0000')).toBe('ok␍FAKE␊line␈X␀');
  });

  it('expands a tab to spaces', () => {
    expect(terminalSafe('a\tb')).toBe('a    b');
  });

  it('never lets a control character through, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(UNSAFE.test(terminalSafe(s))).toBe(false);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = terminalSafe(s);
        expect(terminalSafe(once)).toBe(once);
      }),
    );
  });
});
