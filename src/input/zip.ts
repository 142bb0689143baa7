// Log bundles as .zip: read in memory with yauzl (never extracted to disk), entries streamed into
// the decoder. Hostile archives are bounded: entry count, uncompressed bytes, compression ratio.
import { readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { flavorFromName, roleFromPath } from '../analyze/roles.js';
import type { InputProblem } from '../types.js';
import { describeFsError, InputError, type ByteSource } from './open-inputs.js';

export const ZIP_LIMITS = {
  /** Archives larger than this are refused before being read into memory. */
  maxArchiveBytes: 512 * 1024 * 1024,
  maxEntries: 10_000,
  /** Total uncompressed bytes of the entries we read. */
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
  /** Compression ratio above which a large entry is treated as a zip bomb. */
  maxRatio: 200,
  ratioAppliesAbove: 16 * 1024 * 1024,
};

const PANTHER_LOG = /(^|\/)(setupact|setuperr)\.log$/i;
const TEXT_LOG = /\.(log|txt)$/i;

export interface ZipSources {
  readonly sources: ByteSource[];
  readonly problems: InputProblem[];
}

function openZip(buffer: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings off: yauzl would reject the whole archive for one `../` or absolute entry name;
    // names are decoded here instead and a hostile entry is skipped on its own (see unsafeName).
    yauzl.fromBuffer(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: false }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('cannot open archive')) : resolve(zip),
    );
  });
}

function listEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      // with decodeStrings off, fileName is the raw bytes: decode it (CP437 or UTF-8, Info-ZIP
      // Unicode path field) the way yauzl would, without its all-or-nothing name check
      entry.fileName = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      entries.push(entry);
      if (entries.length > ZIP_LIMITS.maxEntries) {
        reject(new Error(`more than ${ZIP_LIMITS.maxEntries} entries (refused as a possible zip bomb)`));
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err ?? new Error('cannot read entry')) : resolve(stream)));
  });
}

/** Why an entry name cannot be trusted as a path, or undefined when it is fine. */
function unsafeName(name: string): string | undefined {
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/') || /^[A-Za-z]:/.test(n)) return 'absolute path in archive entry name';
  if (n.split('/').includes('..')) return 'path traversal (..) in archive entry name';
  return undefined;
}

export async function readZipSources(path: string): Promise<ZipSources> {
  const problems: InputProblem[] = [];
  let buffer: Buffer;
  try {
    const info = await stat(path);
    if (info.size > ZIP_LIMITS.maxArchiveBytes) {
      return { sources: [], problems: [{ path, message: `archive larger than ${ZIP_LIMITS.maxArchiveBytes / 1024 / 1024} MiB, not read` }] };
    }
    buffer = await readFile(path);
  } catch (error) {
    return { sources: [], problems: [{ path, message: describeFsError(error) }] };
  }
  let zip: ZipFile;
  let entries: Entry[];
  try {
    zip = await openZip(buffer);
    entries = await listEntries(zip);
  } catch (error) {
    return { sources: [], problems: [{ path, message: `not a readable zip archive: ${(error as Error).message}` }] };
  }
  const files = entries.filter((e) => !e.fileName.endsWith('/'));
  const pantherLogs = files.filter((e) => PANTHER_LOG.test(e.fileName.replace(/\\/g, '/')));
  const chosen = pantherLogs.length > 0 ? pantherLogs : files.filter((e) => TEXT_LOG.test(e.fileName));
  for (const nested of files.filter((e) => /\.zip$/i.test(e.fileName))) {
    problems.push({ path: `${path}:${nested.fileName}`, message: 'nested archive not analyzed (extract it and pass it on its own)' });
  }
  if (chosen.length === 0) problems.push({ path, message: 'no setupact.log, setuperr.log or other .log file in this archive' });
  chosen.sort((a, b) => (a.fileName.toLowerCase() < b.fileName.toLowerCase() ? -1 : 1));
  const seen = new Map<string, number>();
  let totalBytes = 0;
  const sources: ByteSource[] = [];
  for (const entry of chosen) {
    const shownName = entry.fileName.replace(/\\/g, '/');
    const problem = unsafeName(shownName);
    if (problem) {
      problems.push({ path: `${path}:${entry.fileName}`, message: `${problem}; entry skipped` });
      continue;
    }
    if (entry.isEncrypted()) {
      problems.push({ path: `${path}:${shownName}`, message: 'encrypted entry; cannot be read without the password' });
      continue;
    }
    const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : Infinity;
    if (entry.uncompressedSize > ZIP_LIMITS.ratioAppliesAbove && ratio > ZIP_LIMITS.maxRatio) {
      problems.push({ path: `${path}:${shownName}`, message: `compression ratio ${Math.round(ratio)}:1 refused as a possible zip bomb` });
      continue;
    }
    totalBytes += entry.uncompressedSize;
    if (totalBytes > ZIP_LIMITS.maxTotalBytes) {
      problems.push({ path: `${path}:${shownName}`, message: 'archive expands beyond the uncompressed size limit; remaining entries refused' });
      break;
    }
    const count = (seen.get(shownName) ?? 0) + 1;
    seen.set(shownName, count);
    const display = `${path}:${shownName}${count > 1 ? ` (${count})` : ''}`;
    sources.push({
      path: display,
      role: roleFromPath(shownName),
      flavor: flavorFromName(shownName),
      read: () => readEntry(zip, entry, display),
    });
  }
  return { sources, problems };
}

async function* readEntry(zip: ZipFile, entry: Entry, display: string): AsyncIterable<Uint8Array> {
  let stream: Readable;
  try {
    stream = await openEntry(zip, entry);
  } catch (error) {
    throw new InputError(display, `cannot read archive entry: ${(error as Error).message}`);
  }
  // yauzl checks sizes, not the CRC-32: a flipped byte would pass as log text without this
  let crc = 0;
  try {
    for await (const chunk of stream) {
      crc = zlib.crc32(chunk as Buffer, crc);
      yield chunk as Buffer;
    }
  } catch (error) {
    throw new InputError(display, `archive entry is damaged: ${(error as Error).message}`);
  }
  if (crc >>> 0 !== entry.crc32 >>> 0) throw new InputError(display, 'archive entry is damaged: CRC-32 mismatch (what was read of it is in the report)');
}
