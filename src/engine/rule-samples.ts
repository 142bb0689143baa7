// The strict checks on a rule's own samples, shared by the test suite (test/rule-tester.ts) and the
// custom-rule loader (a custom rule's samples are tested when it is loaded).
import { parseLine } from '../../parsers/panther.js';
import type { LogEvent, Rule } from '../types.js';
import { matchRule } from './match.js';

/** Every rule, noise rules included, shows at least this many lines it must match... */
export const MIN_MATCH_SAMPLES = 2;
/** ...and at least this many near misses it must not match. */
export const MIN_IGNORE_SAMPLES = 1;

export interface SampleCase {
  readonly name: string;
  /** The field of the rule the case is about (`samples`, `samples.matches.1`), for error messages. */
  readonly field: string;
  /** Returns a failure message, or undefined when the case passes. */
  readonly check: () => string | undefined;
}

function recordOf(sample: string): LogEvent | string {
  const events = parseLine(sample, 0, 1).filter((e) => e.kind === 'record' || e.kind === 'foreign');
  return events.length === 1 ? events[0]! : `sample must read as exactly one log record, got ${events.length}: ${JSON.stringify(sample)}`;
}

export function sampleCases(rule: Rule): SampleCase[] {
  const { samples } = rule;
  const cases: SampleCase[] = [];
  cases.push({
    name: 'has enough samples',
    field: 'samples',
    check: () => {
      if (samples.matches.length < MIN_MATCH_SAMPLES) return `needs at least ${MIN_MATCH_SAMPLES} must-match samples, has ${samples.matches.length}`;
      if (samples.ignores.length < MIN_IGNORE_SAMPLES) return `needs at least ${MIN_IGNORE_SAMPLES} must-not-match sample`;
      const all = [...samples.matches, ...samples.ignores];
      const dupes = all.filter((s, i) => all.indexOf(s) !== i);
      if (dupes.length) return `duplicate samples: ${dupes.join(' | ')}`;
      if (rule.culprit !== undefined && samples.culprits === undefined) {
        return 'the rule extracts a culprit, so samples.culprits must give the expected culprit of each must-match sample';
      }
      if (samples.culprits && samples.culprits.length !== samples.matches.length) {
        return `samples.culprits has ${samples.culprits.length} entries for ${samples.matches.length} matches`;
      }
      return undefined;
    },
  });
  samples.matches.forEach((sample, i) => {
    cases.push({
      name: `matches: ${sample.slice(0, 90)}`,
      field: `samples.matches.${i}`,
      check: () => {
        const event = recordOf(sample);
        if (typeof event === 'string') return event;
        const match = matchRule(rule, event);
        if (!match) return `must match but did not: ${sample}`;
        const expected = samples.culprits?.[i];
        if (expected !== undefined && match.culprit !== expected) {
          return `culprit ${JSON.stringify(match.culprit)}, expected ${JSON.stringify(expected)} (samples.culprits.${i}) for: ${sample}`;
        }
        return undefined;
      },
    });
  });
  samples.ignores.forEach((sample, i) => {
    cases.push({
      name: `ignores: ${sample.slice(0, 90)}`,
      field: `samples.ignores.${i}`,
      check: () => (parseLine(sample, 0, 1).some((e) => matchRule(rule, e)) ? `must not match but did: ${sample}` : undefined),
    });
  });
  return cases;
}
