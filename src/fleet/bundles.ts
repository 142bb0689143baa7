// The fleet folder: each immediate subfolder or `.zip` is one machine's bundle. Hidden entries
// (`.git`, `.DS_Store`) and other files are not machines.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EXIT, UserError } from '../errors.js';
import { describeFsError } from '../input/open-inputs.js';
import type { Bundle } from './types.js';

const ZIP = /\.zip$/i;
const PANTHER_LOG = /^(setupact|setuperr)\.log$/i;
const TEXT_LOG = /\.(log|txt)$/i;
/** Entries looked at in one bundle folder when deciding what to read (a bundle is a few files). */
const MAX_BUNDLE_ENTRIES = 20_000;

/** The machine bundles of `dir`, sorted by name. Throws a {@link UserError} (exit 3) when there are none. */
export async function listBundles(dir: string): Promise<Bundle[]> {
  let entries: Dirent[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new UserError(`${dir}: not a folder (fleet reads a folder of machine bundles: one subfolder or .zip per machine)`, EXIT.noInput);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${dir}: ${describeFsError(error)}`, EXIT.noInput);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const bundles: Bundle[] = [];
  const taken = new Set<string>();
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    let kind: Bundle['kind'] | undefined;
    if (entry.isDirectory()) kind = 'folder';
    else if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => undefined);
      if (target?.isDirectory()) kind = 'folder';
      else if (ZIP.test(entry.name)) kind = 'zip'; // a broken link shows up as an unreadable machine
    } else if (ZIP.test(entry.name)) kind = 'zip';
    if (!kind) continue;
    let name = kind === 'zip' ? entry.name.slice(0, -4) : entry.name;
    // `m01` and `m01.zip` side by side: the second keeps its full entry name
    if (name === '' || taken.has(name)) name = entry.name;
    taken.add(name);
    bundles.push({ name, entry: entry.name, path, kind });
  }
  if (bundles.length === 0) throw new UserError(`${dir}: no machine bundles found (expected one subfolder or .zip per machine)`, EXIT.noInput);
  return bundles.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The inputs to analyze for one bundle. A zip and a folder go in as such, so the usual selection
 * applies (setupact/setuperr anywhere inside). A folder holding no Panther log but other `.log`/`.txt`
 * files (a ticket's `excerpt.log`) is read like a zip with no Panther log: every such file, so a
 * bundle gives the same answer zipped or not.
 */
export async function bundleInputs(bundle: Bundle): Promise<string[]> {
  if (bundle.kind === 'zip') return [bundle.path];
  const textLogs: string[] = [];
  let seen = 0;
  const walk = async (dir: string): Promise<boolean> => {
    let list: Dirent[];
    try {
      list = await readdir(dir, { withFileTypes: true });
    } catch {
      return false; // the analysis reports it
    }
    list.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of list) {
      if (++seen > MAX_BUNDLE_ENTRIES) return false;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (await walk(full)) return true;
      } else if (PANTHER_LOG.test(entry.name)) return true;
      else if (entry.isFile() && TEXT_LOG.test(entry.name)) textLogs.push(full);
    }
    return false;
  };
  const hasPantherLog = await walk(bundle.path);
  return hasPantherLog || textLogs.length === 0 ? [bundle.path] : textLogs;
}
