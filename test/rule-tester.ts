// The strict shared rule tester: every rule's own samples, run through the real parser.
// It refuses sloppy cases the way ESLint's RuleTester does: too few samples, duplicates,
// culprit lists that do not line up, a sample line the parser cannot read as a record.
import { parseLine } from '../parsers/panther.js';
import { matchRule } from '../src/engine/match.js';
import type { LogEvent, Rule } from '../src/types.js';

export interface RuleCheck {
  readonly name: string;
  readonly run: () => void;
}

function recordOf(sample: string): LogEvent {
  const events = parseLine(sample, 0, 1).filter((e) => e.kind === 'record' || e.kind === 'foreign');
  if (events.length !== 1) throw new Error(`sample must parse as exactly one record: ${JSON.stringify(sample)}`);
  return events[0]!;
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** The checks for one rule, as named cases (one vitest test each). */
export function ruleChecks(rule: Rule): RuleCheck[] {
  const { samples } = rule;
  const checks: RuleCheck[] = [];
  const minMatches = rule.role === 'noise' ? 1 : 2;
  checks.push({
    name: 'has enough samples',
    run: () => {
      assert(samples.matches.length >= minMatches, `${rule.id}: needs at least ${minMatches} must-match samples, has ${samples.matches.length}`);
      assert(samples.ignores.length >= 1, `${rule.id}: needs at least one must-not-match sample`);
      const all = [...samples.matches, ...samples.ignores];
      const dupes = all.filter((s, i) => all.indexOf(s) !== i);
      assert(dupes.length === 0, `${rule.id}: duplicate samples: ${dupes.join(' | ')}`);
      if (samples.culprits) {
        assert(
          samples.culprits.length === samples.matches.length,
          `${rule.id}: samples.culprits has ${samples.culprits.length} entries for ${samples.matches.length} matches`,
        );
      }
    },
  });
  samples.matches.forEach((sample, i) => {
    checks.push({
      name: `matches: ${sample.slice(0, 90)}`,
      run: () => {
        const match = matchRule(rule, recordOf(sample));
        assert(match, `${rule.id}: must match but did not: ${sample}`);
        const expected = samples.culprits?.[i];
        if (expected !== undefined) {
          assert(match.culprit === expected, `${rule.id}: culprit ${JSON.stringify(match.culprit)}, expected ${JSON.stringify(expected)} for: ${sample}`);
        }
      },
    });
  });
  samples.ignores.forEach((sample) => {
    checks.push({
      name: `ignores: ${sample.slice(0, 90)}`,
      run: () => {
        const events = parseLine(sample, 0, 1);
        const hit = events.find((e) => matchRule(rule, e));
        assert(!hit, `${rule.id}: must not match but did: ${sample}`);
      },
    });
  });
  return checks;
}
