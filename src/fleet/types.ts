// The contracts of `sysprep-doctor fleet`: one bundle per machine in, one compact result per machine
// back from the workers, and the fleet report (schemaVersion 1) that ranks causes by machines hit.
import type { InputProblem, Verdict } from '../types.js';

/** One machine's logs: an immediate subfolder or `.zip` of the fleet folder. */
export interface Bundle {
  /** The machine name: the folder name, or the zip name without `.zip`. */
  readonly name: string;
  /** The entry name in the fleet folder (`m01-appx` or `m01-appx.zip`). */
  readonly entry: string;
  readonly path: string;
  readonly kind: 'folder' | 'zip';
}

/** A machine's verdict: the report's, or `unreadable` when no log of the bundle could be read. */
export type MachineVerdict = Verdict | 'unreadable';

export interface MachineRootCause {
  readonly ruleId: string;
  readonly culprit: string | null;
  readonly title: string;
}

export interface MachineFinding {
  readonly ruleId: string;
  readonly rootCause: boolean;
  readonly culprit: string | null;
  readonly run: number;
}

/** What a worker posts back for one bundle: small, structured-clone friendly, no evidence lines. */
export interface MachineResult {
  readonly name: string;
  /** The bundle's entry name in the fleet folder. */
  readonly bundle: string;
  readonly verdict: MachineVerdict;
  /** What `sysprep-doctor analyze BUNDLE` would exit with. */
  readonly exitCode: number;
  readonly rootCause: MachineRootCause | null;
  readonly summary: string;
  readonly findings: readonly MachineFinding[];
  readonly problems: readonly InputProblem[];
}

/** The pseudo rule id of the machines that failed with no rule naming why. */
export const UNEXPLAINED = 'unexplained';
export const UNEXPLAINED_TITLE = 'Failed, and no rule explains why';

export interface FleetCause {
  /** The root-cause rule id, or `unexplained`. */
  readonly ruleId: string;
  readonly title: string;
  /** Machines hit (a machine counts once). */
  readonly count: number;
  /** Their names, sorted. */
  readonly machines: readonly string[];
}

export interface FleetTotals {
  readonly machines: number;
  readonly failed: number;
  readonly succeeded: number;
  readonly incomplete: number;
  readonly unreadable: number;
}

/** `fleet --format json`, schemaVersion 1: fields are only added within a version. */
export interface FleetReport {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: 'sysprep-doctor'; readonly version: string };
  /** Sorted by name. */
  readonly machines: readonly MachineResult[];
  /** By count (descending), then rule id. */
  readonly causes: readonly FleetCause[];
  readonly totals: FleetTotals;
}
