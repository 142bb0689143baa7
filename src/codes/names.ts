// The symbolic name a report shows next to a code, from the explain table.
import { hresultFromWin32 } from './normalize.js';
import { entriesFor } from './table.js';

/** `0x80073CF2` → ERROR_INSTALL_INVALID_PACKAGE; a Win32-facility HRESULT falls back to its Win32 row. */
export function codeName(value: number): string | null {
  const v = value >>> 0;
  const direct = entriesFor(v)[0];
  if (direct) return direct.name;
  if (((v & 0xffff0000) >>> 0) === 0x80070000) return entriesFor(v & 0xffff).find((e) => e.kind === 'win32')?.name ?? null;
  if (v <= 0xffff && hresultFromWin32(v) !== v) return entriesFor(hresultFromWin32(v))[0]?.name ?? null;
  return null;
}
