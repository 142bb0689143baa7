// The strict checks on a rule's own samples, shared by the test suite (test/rule-tester.ts) and the
// custom-rule loader (a custom rule's samples are tested when it is loaded).
import { parseLine } from '../../parsers/panther.js';
import type { LogEvent, Rule } from '../types.js';
import { matchRule } from './match.js';

export interface SampleCase {
  readonly name: string;
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
  const minMatches = rule.role === 'noise' ? 1 : 2;
  cases.push({
    name: 'has enough samples',
    check: () => {
      if (samples.matches.length < minMatches) return `needs at least ${minMatches} must-match samples, has ${samples.matches.length}`;
      if (samples.ignores.length < 1) return 'needs at least one must-not-match sample';
      const all = [...samples.matches, ...samples.ignores];
      const dupes = all.filter((s, i) => all.indexOf(s) !== i);
      if (dupes.length) return `duplicate samples: ${dupes.join(' | ')}`;
      if (samples.culprits && samples.culprits.length !== samples.matches.length) {
        return `samples.culprits has ${samples.culprits.length} entries for ${samples.matches.length} matches`;
      }
      return undefined;
    },
  });
  samples.matches.forEach((sample, i) => {
    cases.push({
      name: `matches: ${sample.slice(0, 90)}`,
      check: () => {
        const event = recordOf(sample);
        if (typeof event === 'string') return event;
        const match = matchRule(rule, event);
        if (!match) return `must match but did not: ${sample}`;
        const expected = samples.culprits?.[i];
        if (expected !== undefined && match.culprit !== expected) {
          return `culprit ${JSON.stringify(match.culprit)}, expected ${JSON.stringify(expected)} for: ${sample}`;
        }
        return undefined;
      },
    });
  });
  for (const sample of samples.ignores) {
    cases.push({
      name: `ignores: ${sample.slice(0, 90)}`,
      check: () => (parseLine(sample, 0, 1).some((e) => matchRule(rule, e)) ? `must not match but did: ${sample}` : undefined),
    });
  }
  return cases;
}
