// A minimal .zip writer for tests and benchmarks (no zip library is installed): STORE by default,
// DEFLATE on request, and the hostile variants the robustness tests and the fuzzer need (encryption
// flag, lying sizes, a wrong CRC); UTF-8 names, one local header per entry, the central directory and the end record.
// Enough for yauzl and for Windows Explorer; no ZIP64, so keep archives under 4 GiB.
import * as zlib from 'node:zlib';

export interface ZipEntryInput {
  /** Path inside the archive, `/`-separated (`Windows/Panther/setupact.log`). */
  readonly name: string;
  readonly data: Uint8Array | string;
  /** `deflate` compresses `data` (raw DEFLATE, method 8); STORE by default. */
  readonly method?: 'store' | 'deflate';
  /** zlib level for `deflate` (0: stored blocks, fast for incompressible data); 9 by default. */
  readonly level?: number;
  /** Sets the traditional-encryption flag (bit 0); the bytes are written as given (hostile-archive tests). */
  readonly encrypted?: boolean;
  /** The uncompressed size written in the headers instead of the real one (a lying zip bomb). */
  readonly declaredSize?: number;
  /** Writes a wrong CRC-32 (a damaged entry, which the reader must report). */
  readonly badCrc?: boolean;
}

let table: Uint32Array | undefined;

/** CRC-32 (IEEE), `zlib.crc32` when the runtime has it (Node ≥ 20.15), a table otherwise. */
export function crc32(data: Uint8Array): number {
  const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  if (typeof native === 'function') return native(data) >>> 0;
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** 2025-01-01 00:00:00 in MS-DOS date/time fields (archives are byte-identical run to run). */
const DOS_TIME = 0;
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;

export function createZip(entries: readonly ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.from(entry.data);
    const crc = entry.badCrc ? (crc32(raw) ^ 0x5a5a5a5a) >>> 0 : crc32(raw);
    const deflate = entry.method === 'deflate';
    const data = deflate ? zlib.deflateRawSync(raw, { level: entry.level ?? 9 }) : raw;
    const method = deflate ? 8 : 0;
    const flags = UTF8_NAMES | (entry.encrypted ? 0x0001 : 0);
    const size = (entry.declaredSize ?? raw.length) >>> 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    local.writeUInt16LE(20, 4); // version needed to extract (2.0)
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8); // method: STORE (0) or DEFLATE (8)
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); // compressed size
    local.writeUInt32LE(size, 22); // uncompressed size
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    locals.push(local, name, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header signature
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed to extract
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30); // extra field length
    central.writeUInt16LE(0, 32); // comment length
    central.writeUInt16LE(0, 34); // disk number start
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42); // offset of the local header
    centrals.push(central, name);

    offset += local.length + name.length + data.length;
  }
  const directorySize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(0, 4); // this disk
  end.writeUInt16LE(0, 6); // disk with the central directory
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20); // comment length
  return Buffer.concat([...locals, ...centrals, end]);
}
