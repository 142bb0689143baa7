// A small .zip writer for the fuzzer: STORE or DEFLATE per entry, UTF-8 names, no ZIP64. Unlike
// test/zip-writer.ts it can deflate (to reach the inflate path and the ratio check of src/input/zip.ts)
// and can lie in its headers on purpose (sizes, CRC), which is what a damaged bundle looks like.
import { crc32, deflateRawSync } from 'node:zlib';

export interface FuzzZipEntry {
  /** Path inside the archive; may be hostile (`../x`, `C:\x`, empty, a folder ending in `/`). */
  readonly name: string;
  readonly data: Uint8Array;
  readonly method?: 'store' | 'deflate';
  /** Write a wrong CRC-32 (the reader must report the entry, not crash). */
  readonly badCrc?: boolean;
  /** Declare this uncompressed size instead of the real one. */
  readonly lieSize?: number;
}

const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;

function crcOf(data: Uint8Array): number {
  return crc32(data) >>> 0;
}

export function createFuzzZip(entries: readonly FuzzZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = Buffer.from(entry.data);
    const deflate = entry.method === 'deflate';
    const stored = deflate ? deflateRawSync(raw) : raw;
    const crc = entry.badCrc ? (crcOf(raw) ^ 0x5a5a5a5a) >>> 0 : crcOf(raw);
    const size = (entry.lieSize ?? raw.length) >>> 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, stored);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const directorySize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length & 0xffff, 8);
  end.writeUInt16LE(entries.length & 0xffff, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...centrals, end]);
}
