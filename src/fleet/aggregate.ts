// Per-machine results → the fleet report: causes ranked by the number of machines they hit.
import { EXIT } from '../errors.js';
import { VERSION } from '../version.js';
import { UNEXPLAINED, UNEXPLAINED_TITLE, type FleetCause, type FleetReport, type MachineResult } from './types.js';

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The cause a machine counts under: its root-cause rule; `unexplained` when it failed and no rule
 * names why; none when it succeeded, could not be read, or is incomplete with nothing failing.
 */
export function causeOf(machine: MachineResult): string | null {
  if (machine.verdict === 'succeeded' || machine.verdict === 'unreadable') return null;
  if (machine.rootCause) return machine.rootCause.ruleId;
  return machine.verdict === 'failed' ? UNEXPLAINED : null;
}

export function buildFleetReport(results: readonly MachineResult[]): FleetReport {
  const machines = [...results].sort(byName);
  const groups = new Map<string, { title: string; machines: string[] }>();
  for (const machine of machines) {
    const cause = causeOf(machine);
    if (cause === null) continue;
    let group = groups.get(cause);
    if (!group) {
      group = { title: cause === UNEXPLAINED ? UNEXPLAINED_TITLE : machine.rootCause?.title ?? cause, machines: [] };
      groups.set(cause, group);
    }
    group.machines.push(machine.name); // machines are sorted and counted once: one cause each
  }
  const causes: FleetCause[] = [...groups]
    .map(([ruleId, g]) => ({ ruleId, title: g.title, count: g.machines.length, machines: g.machines }))
    .sort((a, b) => b.count - a.count || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  const count = (verdict: MachineResult['verdict']) => machines.filter((m) => m.verdict === verdict).length;
  return {
    schemaVersion: 1,
    tool: { name: 'sysprep-doctor', version: VERSION },
    machines,
    causes,
    totals: { machines: machines.length, failed: count('failed'), succeeded: count('succeeded'), incomplete: count('incomplete'), unreadable: count('unreadable') },
  };
}

/**
 * 4 when a failure is unexplained on any machine; otherwise 1 when any machine failed (every failure
 * explained); otherwise 3 when a bundle could not be read (that machine was not checked); otherwise 0.
 */
export function fleetExitCode(report: FleetReport): number {
  if (report.causes.some((c) => c.ruleId === UNEXPLAINED)) return EXIT.failureUnexplained;
  if (report.causes.length > 0) return EXIT.failureExplained;
  if (report.totals.unreadable > 0) return EXIT.noInput;
  return EXIT.ok;
}
