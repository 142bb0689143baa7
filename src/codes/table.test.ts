import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hresultFromWin32 } from './normalize.js';
import { CODE_TABLE, entriesFor, entryOfKind, type TableEntry } from './table.js';

const SYMBOLIC = /^[A-Z][A-Z0-9_]*$/;

/** Resolves a code the way the catalogue writes it: a stored row, or the Win32 row behind a 0x8007xxxx. */
function lookUp(value: number): TableEntry | undefined {
  const direct = entriesFor(value).find((entry) => entry.kind !== 'win32' || value <= 0xffff);
  if (direct) return direct;
  const win32 = value & 0xffff;
  return hresultFromWin32(win32) === value ? entryOfKind(win32, 'win32') : undefined;
}

describe('code table', () => {
  it('has between 120 and 200 rows', () => {
    expect(CODE_TABLE.length).toBeGreaterThanOrEqual(120);
    expect(CODE_TABLE.length).toBeLessThanOrEqual(200);
  });

  it('stores each value at most once per kind', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const entry of CODE_TABLE) {
      const key = `${entry.kind}:${entry.value}`;
      if (seen.has(key)) duplicates.push(`${key} ${seen.get(key)} / ${entry.name}`);
      seen.set(key, entry.name);
    }
    expect(duplicates).toEqual([]);
  });

  it('gives every row an unsigned 32-bit value and a non-empty name, meaning and source', () => {
    for (const entry of CODE_TABLE) {
      expect(Number.isInteger(entry.value) && entry.value >= 0 && entry.value <= 0xffffffff, entry.name).toBe(true);
      expect(entry.name.trim(), String(entry.value)).not.toBe('');
      expect(entry.meaning.trim(), entry.name).not.toBe('');
      expect(entry.source.trim(), entry.name).not.toBe('');
    }
  });

  it('uses symbolic names unless a row is marked descriptive, and then says the name is unconfirmed', () => {
    for (const entry of CODE_TABLE) {
      if (entry.descriptive) expect(entry.source, entry.name).toMatch(/not confirmed|no symbolic name/);
      else expect(entry.name).toMatch(SYMBOLIC);
    }
    expect(CODE_TABLE.filter((entry) => entry.descriptive).map((entry) => entry.value).sort()).toEqual(
      [0x800f0975, 0x80220005, 0xc004d307, 0xc004f075, 0xc1900101, 0xc1900107, 0xc1900202].sort(),
    );
  });

  it('stores Win32 errors once, by their Win32 number, never as a second 0x8007xxxx row', () => {
    const win32 = CODE_TABLE.filter((entry) => entry.kind === 'win32');
    for (const entry of win32) expect(entry.value, entry.name).toBeLessThanOrEqual(0xffff);
    const wrapped = new Set(win32.filter((entry) => entry.value > 0).map((entry) => hresultFromWin32(entry.value)));
    expect(CODE_TABLE.filter((entry) => wrapped.has(entry.value)).map((entry) => entry.name)).toEqual([]);
  });

  it('names HRESULT aliases only on Win32 rows', () => {
    const aliased = CODE_TABLE.filter((entry) => entry.hresultName);
    expect(aliased.every((entry) => entry.kind === 'win32')).toBe(true);
    expect(Object.fromEntries(aliased.map((entry) => [entry.hresultName, entry.value]))).toEqual({
      E_ACCESSDENIED: 5,
      E_HANDLE: 6,
      E_OUTOFMEMORY: 14,
      E_INVALIDARG: 87,
    });
  });

  it('covers every code of signatures.md §1.2 with the catalogue name', () => {
    const catalogue: [number, string][] = [
      [0x80073cf2, 'ERROR_INSTALL_INVALID_PACKAGE'],
      [0x80070002, 'ERROR_FILE_NOT_FOUND'],
      [0x80070003, 'ERROR_PATH_NOT_FOUND'],
      [0x80070005, 'ERROR_ACCESS_DENIED'],
      [0x8007001f, 'ERROR_GEN_FAILURE'],
      [0x80070020, 'ERROR_SHARING_VIOLATION'],
      [0x80070057, 'ERROR_INVALID_PARAMETER'],
      [0x80070070, 'ERROR_DISK_FULL'],
      [0x8007042b, 'ERROR_PROCESS_ABORTED'],
      [0x80070490, 'ERROR_NOT_FOUND'],
      [0x52e, 'ERROR_LOGON_FAILURE'],
      [0x54b, 'ERROR_NO_SUCH_DOMAIN'],
      [0x570, 'ERROR_FILE_CORRUPT'],
      [0x800706b5, 'RPC_S_UNKNOWN_IF'],
      [0x800706ba, 'RPC_S_SERVER_UNAVAILABLE'],
      [0x80080005, 'CO_E_SERVER_EXEC_FAILURE'],
      [0x80010106, 'RPC_E_CHANGED_MODE'],
      [0x80041010, 'WBEM_E_INVALID_CLASS'],
      [0x80310039, 'FVE_E_NOT_DECRYPTED'],
      [0xc004d307, 'Software Protection: rearm limit exceeded'],
      [0xc004f075, 'Software Protection: service stopping or not ready'],
      [0x800f0975, 'CBS: reserved storage in use'],
      [0x80220005, 'FACILITY_STATE_MANAGEMENT code 5'],
      [0xc1900101, 'Windows Setup: generic rollback'],
    ];
    const missing = catalogue.filter(([value, name]) => lookUp(value)?.name !== name);
    expect(missing).toEqual([]);
  });

  it('keeps the AppX pair apart: 15602 is INVALID_PACKAGE, 15609 is INSTALL_FAILED', () => {
    expect(entryOfKind(15602, 'win32')).toMatchObject({ name: 'ERROR_INSTALL_INVALID_PACKAGE', meaning: 'Package data is invalid.' });
    expect(entryOfKind(0x3cf9, 'win32')?.name).toBe('ERROR_INSTALL_FAILED');
  });

  it('describes 0xC004D307 as the rearm limit', () => {
    expect(entryOfKind(0xc004d307, 'hresult')?.meaning).toMatch(/maximum allowed number of re-arms has been exceeded/);
  });

  it('includes the codes the brief names by number', () => {
    const expected: [number, string][] = [
      [31, 'ERROR_GEN_FAILURE'],
      [126, 'ERROR_MOD_NOT_FOUND'],
      [127, 'ERROR_PROC_NOT_FOUND'],
      [183, 'ERROR_ALREADY_EXISTS'],
      [193, 'ERROR_BAD_EXE_FORMAT'],
      [740, 'ERROR_ELEVATION_REQUIRED'],
      [1058, 'ERROR_SERVICE_DISABLED'],
      [1067, 'ERROR_PROCESS_ABORTED'],
      [1223, 'ERROR_CANCELLED'],
      [1460, 'ERROR_TIMEOUT'],
      [1641, 'ERROR_SUCCESS_REBOOT_INITIATED'],
      [3010, 'ERROR_SUCCESS_REBOOT_REQUIRED'],
      [0x80004005, 'E_FAIL'],
      [0x8000ffff, 'E_UNEXPECTED'],
      [0x80040154, 'REGDB_E_CLASSNOTREG'],
      [0x80041002, 'WBEM_E_NOT_FOUND'],
      [0x800f081f, 'CBS_E_SOURCE_MISSING'],
      [0xc000000d, 'STATUS_INVALID_PARAMETER'],
      [0xc0000225, 'STATUS_NOT_FOUND'],
      [0xc000021a, 'STATUS_SYSTEM_PROCESS_TERMINATED'],
      [0xc190020e, 'MOSETUP_E_INSTALLDISKSPACE_BLOCK'],
    ];
    expect(expected.filter(([value, name]) => lookUp(value)?.name !== name)).toEqual([]);
    for (let code = 1051; code <= 1079; code++) expect(entryOfKind(code, 'win32')?.name, String(code)).toMatch(/^ERROR_/);
  });

  it('finds rows of several kinds under one value', () => {
    expect(entriesFor(0).map((entry) => entry.name)).toEqual(['ERROR_SUCCESS', 'S_OK', 'STATUS_SUCCESS']);
    expect(entriesFor(0x12345678)).toEqual([]);
  });
});

// The catalogue sits beside the repository in CI and in developers' checkouts.
const SIGNATURES = join(import.meta.dirname, '..', '..', '..', 'shared', 'reference', 'signatures.md');

/** Values the catalogue writes in code form that are not result codes, each with the reason. */
const NOT_RESULT_CODES = new Map<number, string>([
  [0x80070000, 'the facility-7 mask of HRESULT_FROM_WIN32'],
  [0x0f, 'a facility number (CBS)'],
  [0x22, 'a facility number (FACILITY_STATE_MANAGEMENT)'],
  [0xffff, 'the low-16-bit mask'],
  [0x0d, 'an upgrade extend-code operation'],
  [0x17, 'an upgrade extend-code operation'],
  [0x18, 'an upgrade extend-code operation'],
  [0x19, 'an upgrade extend-code operation'],
  [0x1e, 'an upgrade extend-code operation'],
  [0x4000d, 'an upgrade extend code (phase 4, operation 0x0D), read with 0xC1900101'],
  [0x975, 'the dwRet of a truncated 0x800F0975; explained as a lossy re-wrap'],
  [0x80070975, 'the lossy re-wrap of 0x800F0975; explained as such'],
]);

describe.skipIf(!existsSync(SIGNATURES))('code table against the whole catalogue', () => {
  it('knows every result code signatures.md mentions (0x…, bare NTSTATUS and bare HRESULT forms)', () => {
    const text = readFileSync(SIGNATURES, 'utf8');
    const found = new Set<number>();
    // 0x-prefixed, except 6-digit message ids ([0x0f0082]) and the 0xPxxOO pattern
    for (const m of text.matchAll(/\b0x([0-9a-f]{1,8})\b/gi)) if (m[1]!.length !== 6) found.add(parseInt(m[1]!, 16) >>> 0);
    // bare NTSTATUS (c000000d) and bare HRESULT (80070490) forms
    for (const m of text.matchAll(/\b((?:c0|80)[0-9a-f]{6})\b/gi)) found.add(parseInt(m[1]!, 16) >>> 0);
    found.delete(0);
    const unknown = [...found]
      .filter((value) => !NOT_RESULT_CODES.has(value) && !lookUp(value))
      .map((value) => '0x' + value.toString(16).toUpperCase());
    expect(unknown).toEqual([]);
    expect(found.size).toBeGreaterThan(40);
  });
});
