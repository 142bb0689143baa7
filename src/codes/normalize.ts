// Turning the many renderings of a result code into one unsigned 32-bit value (panther-format.md §3.7).

/** Wraps any integer to unsigned 32 bits. */
export function toUint32(n: number): number {
  return n >>> 0;
}

/** `0x80073CF2`: 8 upper-case hex digits with a lower-case `0x`. */
export function formatCode(value: number): string {
  return '0x' + (value >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/**
 * Parses a code as written in a log field.
 * `hexHint` says the field prints hex without `0x` when it has letters (`dwRet= 1f`);
 * pure digits are decimal (`dwRet = 31`), as in Windows 7 logs.
 * Returns undefined when the text is not a number.
 */
export function parseLogCode(text: string): number | undefined {
  const t = text.trim();
  let m = /^0x-(\d+)$/i.exec(t);
  if (m) return toUint32(-Number(m[1])); // `0x-2147417850`: a negative decimal printed after 0x
  m = /^0x([0-9a-f]{1,8})$/i.exec(t);
  if (m) return parseInt(m[1]!, 16) >>> 0;
  m = /^(-?)(\d{1,10})$/.exec(t);
  if (m) {
    const n = Number(m[2]);
    if (n > 0xffffffff) return undefined;
    return toUint32(m[1] ? -n : n);
  }
  m = /^([0-9a-f]{1,8})$/i.exec(t);
  if (m) return parseInt(m[1]!, 16) >>> 0; // bare hex with at least one letter (digits-only was decimal above)
  return undefined;
}

/** HRESULT_FROM_WIN32(x) = x <= 0 ? x : ((x & 0xFFFF) | 0x80070000), on the signed value. */
export function hresultFromWin32(code: number): number {
  const signed = code | 0;
  return signed <= 0 ? code >>> 0 : ((code & 0xffff) | 0x80070000) >>> 0;
}

/** True when both codes share the low 16 bits (how sysprep's chain propagates a dwRet into an hr). */
export function sameLow16(a: number, b: number): boolean {
  return (a & 0xffff) === (b & 0xffff);
}
