// Refuses sources that are not text: an executable, an image, a random blob passed by mistake. The
// first bytes are looked at once (after the encoding sniff the decoder makes), and a source whose
// head is full of control bytes becomes a problem instead of thousands of junk "lines".
// NUL bytes are left out of the count: Panther logs cut by a power loss end in a run of NULs, and
// UTF-16 text has them in every other byte.
import { open } from 'node:fs/promises';
import { sniffEncoding } from '../decode/line-decoder.js';
import { InputError, type ByteSource } from './open-inputs.js';

export const BINARY_MESSAGE = 'not a text log (binary content: control bytes in the first 64 KiB); skipped';

/** Bytes looked at before deciding. */
export const BINARY_SNIFF_BYTES = 64 * 1024;
/** Share of control characters (NUL, tab, CR, LF, FF, VT and ESC excepted) above which a head is binary. */
const MAX_CONTROL_SHARE = 0.02;
/** Fewer control characters than this never make a source binary (a few stray bytes in a log). */
const MIN_CONTROLS = 8;

function isControl(code: number): boolean {
  return (code >= 0x01 && code <= 0x08) || (code >= 0x0e && code <= 0x1a) || (code >= 0x1c && code <= 0x1f) || code === 0x7f;
}

/** Control characters (and, for UTF-16, lone surrogates, private-use and non-characters) vs. all non-NUL characters. */
function tooManyControls(controls: number, counted: number): boolean {
  return controls >= MIN_CONTROLS && controls > counted * MAX_CONTROL_SHARE;
}

function bytesLookBinary(head: Uint8Array, from: number): boolean {
  let controls = 0;
  let counted = 0;
  for (let i = from; i < head.length; i++) {
    const byte = head[i]!;
    if (byte === 0) continue;
    counted++;
    if (isControl(byte)) controls++;
  }
  return tooManyControls(controls, counted);
}

/** UTF-16 code units: random data reads as lone surrogates, private-use and non-characters, text does not. */
function utf16LooksBinary(head: Uint8Array, from: number, bigEndian: boolean): boolean {
  const body = Buffer.from(head.subarray(from, from + ((head.length - from) & ~1)));
  if (bigEndian) body.swap16();
  let controls = 0;
  let counted = 0;
  for (let i = 0; i + 1 < body.length; i += 2) {
    const unit = body.readUInt16LE(i);
    if (unit === 0) continue;
    counted++;
    if (isControl(unit) || (unit >= 0xe000 && unit <= 0xf8ff) || unit >= 0xfff0) controls++;
    else if (unit >= 0xd800 && unit <= 0xdfff) {
      // a pair is one character; a lone surrogate is not text
      const next = i + 3 < body.length ? body.readUInt16LE(i + 2) : -1;
      if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i += 2;
      else controls++;
    }
  }
  return tooManyControls(controls, counted);
}

/** True when `head` (the first bytes of a source) is not text in any encoding we read. */
export function looksBinary(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  const { encoding, bomLength } = sniffEncoding(head.subarray(0, 512));
  if (encoding === 'utf-16le-bom' || encoding === 'utf-16le') return utf16LooksBinary(head, bomLength, false);
  if (encoding === 'utf-16be-bom') return utf16LooksBinary(head, bomLength, true);
  if (!bytesLookBinary(head, bomLength)) return false;
  // BOM-less UTF-16 of a non-Latin script has no zero bytes for the sniffer to see, and its high
  // bytes (0x04 for Cyrillic, 0x0E for Thai) look like controls: text if it reads as UTF-16
  return bomLength === 0 && utf16LooksBinary(head, 0, false) && utf16LooksBinary(head, 0, true);
}

async function* refuseBinary(path: string, chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  let held: Buffer[] = [];
  let heldBytes = 0;
  let decided = false;
  const decide = (head: Uint8Array): void => {
    decided = true;
    if (looksBinary(head.subarray(0, BINARY_SNIFF_BYTES))) throw new InputError(path, BINARY_MESSAGE);
  };
  for await (const chunk of chunks) {
    if (decided) {
      yield chunk;
      continue;
    }
    if (heldBytes === 0 && chunk.length >= BINARY_SNIFF_BYTES) {
      decide(chunk);
      yield chunk;
      continue;
    }
    held.push(Buffer.from(chunk)); // copy: a file source reuses its read buffer
    heldBytes += chunk.length;
    if (heldBytes >= BINARY_SNIFF_BYTES) {
      const head = Buffer.concat(held);
      held = [];
      decide(head);
      yield head;
    }
  }
  if (!decided && heldBytes > 0) {
    const head = Buffer.concat(held);
    decide(head);
    yield head;
  }
}

/** `source`, whose read() throws an {@link InputError} before the first byte when the content is binary. */
export function guardBinary(source: ByteSource): ByteSource {
  return { ...source, read: () => refuseBinary(source.path, source.read()) };
}

/**
 * The same test on a regular file on disk, before it is read: a big file may be read by a worker of
 * the analysis rather than through its ByteSource, so the check cannot wait for the first chunk.
 * False when the file cannot be read (the read reports that).
 */
export async function fileLooksBinary(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(BINARY_SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, BINARY_SNIFF_BYTES, 0);
    return looksBinary(head.subarray(0, bytesRead));
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}
