// A log file's role: from its path when the path says it, otherwise from what its lines look like.
import type { LogEvent, LogFlavor, SourceRole } from '../types.js';

/** Role from the path (`System32\Sysprep\Panther`, `Panther\UnattendGC`, `$Windows.~BT\Sources\Panther`, `Rollback`). */
export function roleFromPath(path: string): SourceRole | undefined {
  const p = path.replace(/\\/g, '/').toLowerCase();
  if (/(^|\/)rollback\//.test(p)) return 'rollback';
  if (/\$windows\.~bt\//.test(p)) return 'upgrade-downlevel';
  if (/sysprep\/panther\//.test(p)) return 'sysprep';
  if (/panther\/unattendgc\//.test(p)) return 'unattendgc';
  if (/(^|\/)panther\//.test(p)) return 'setup';
  return undefined;
}

export function flavorFromName(path: string): LogFlavor {
  const name = path.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
  if (name.startsWith('setuperr')) return 'setuperr';
  if (name.startsWith('setupact')) return 'setupact';
  return 'other';
}

const UNATTEND_PROCESSES = new Set(['windeploy.exe', 'SETUPUGC.EXE', 'oobeldr.exe', 'msoobe.exe', 'Shell Unattend', 'DJOIN.EXE']);
const UPGRADE_COMPONENTS = new Set(['MOUPG', 'SP', 'CONX', 'MIG', 'DU', 'CMI', 'DPX']);
const SETUP_COMPONENTS = new Set(['IBS', 'IBSLIB', 'PANTHR', 'DIAG', 'UI']);

/** Counts what kind of lines a file holds, and names the role the majority points to. */
export function contentRoleCounter() {
  const counts: Record<SourceRole, number> = { sysprep: 0, setup: 0, unattendgc: 0, 'upgrade-downlevel': 0, rollback: 0, unknown: 0 };
  let seen = 0;
  return {
    observe(event: LogEvent): void {
      if (seen > 2000) return; // the head of a file is enough
      seen++;
      if (event.process && UNATTEND_PROCESSES.has(event.process)) counts.unattendgc++;
      else if (event.component === 'SYSPRP') counts.sysprep++;
      else if (event.component && UPGRADE_COMPONENTS.has(event.component)) counts['upgrade-downlevel']++;
      else if (event.component && SETUP_COMPONENTS.has(event.component)) counts.setup++;
      if (/rollback/i.test(event.message)) counts.rollback++;
    },
    role(): SourceRole {
      let best: SourceRole = 'unknown';
      for (const role of Object.keys(counts) as SourceRole[]) if (counts[role] > counts[best]) best = role;
      return best;
    },
  };
}
