// Rules must not step on each other: every rule is run against every other rule's must-match samples.
// - Two `cause` rules on one line make the root cause ambiguous: forbidden unless the pair is allowed below,
//   with a reason. SIG-01 / SIG-02 (the MiracastView refinement) must never overlap.
// - A noise rule that matches a non-noise sample would hide a real finding.
// - A cause or generic rule that matches a noise sample would report known-benign lines as a cause.
// (Generic rules matching a cause rule's line is expected: that is how the specific rule wins on the same line.)
import { describe, expect, it } from 'vitest';
import { parseLine } from '../parsers/panther.js';
import { matchRule } from '../src/engine/match.js';
import { builtinRules } from '../src/engine/registry.js';
import type { Rule } from '../src/types.js';

/** `a|b` with a < b, sorted by id. */
function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Cause/cause overlaps that are intended, each with the reason. Keep it short; prefer sharper patterns. */
const ALLOWED_CAUSE_OVERLAPS: Readonly<Record<string, string>> = {};

/** Pairs that must never overlap, whatever the allow-list says. */
const NEVER_OVERLAP = [pairKey('appx-installed-not-provisioned', 'appx-upgrade-orphan-miracastview')];

function matchesSample(rule: Rule, sample: string): boolean {
  return parseLine(sample, 0, 1).some((event) => matchRule(rule, event) !== undefined);
}

interface Overlap {
  readonly owner: Rule;
  readonly other: Rule;
  readonly sample: string;
}

function overlaps(): Overlap[] {
  const found: Overlap[] = [];
  for (const owner of builtinRules) {
    for (const sample of owner.samples.matches) {
      for (const other of builtinRules) {
        if (other.id !== owner.id && matchesSample(other, sample)) found.push({ owner, other, sample });
      }
    }
  }
  return found;
}

const all = overlaps();
const describeOverlap = (o: Overlap) => `${o.other.id} (${o.other.role}) matches a sample of ${o.owner.id} (${o.owner.role}): ${o.sample}`;

describe('rule overlap', () => {
  it('never lets two cause rules match one line unless the pair is allowed', () => {
    const bad = all.filter(
      (o) =>
        o.owner.role === 'cause' &&
        o.other.role === 'cause' &&
        (NEVER_OVERLAP.includes(pairKey(o.owner.id, o.other.id)) || !(pairKey(o.owner.id, o.other.id) in ALLOWED_CAUSE_OVERLAPS)),
    );
    expect(bad.map(describeOverlap)).toEqual([]);
  });

  it('keeps SIG-01 and SIG-02 apart on MiracastView and on every other package', () => {
    for (const key of NEVER_OVERLAP) expect(ALLOWED_CAUSE_OVERLAPS[key], `${key} must not be allowed`).toBeUndefined();
    const [sig01, sig02] = ['appx-installed-not-provisioned', 'appx-upgrade-orphan-miracastview'].map(
      (id) => builtinRules.find((r) => r.id === id)!,
    );
    const both = [...sig01!.samples.matches, ...sig02!.samples.matches].filter((s) => matchesSample(sig01!, s) && matchesSample(sig02!, s));
    expect(both).toEqual([]);
  });

  it('never lets a noise rule match a non-noise sample', () => {
    const bad = all.filter((o) => o.owner.role !== 'noise' && o.other.role === 'noise');
    expect(bad.map(describeOverlap)).toEqual([]);
  });

  it('never lets a cause or generic rule match a noise sample', () => {
    const bad = all.filter((o) => o.owner.role === 'noise' && (o.other.role === 'cause' || o.other.role === 'generic'));
    expect(bad.map(describeOverlap)).toEqual([]);
  });

  it('has no stale allow-list entries', () => {
    const seen = new Set(all.filter((o) => o.owner.role === 'cause' && o.other.role === 'cause').map((o) => pairKey(o.owner.id, o.other.id)));
    const ids = new Set(builtinRules.map((r) => r.id));
    for (const key of Object.keys(ALLOWED_CAUSE_OVERLAPS)) {
      for (const id of key.split('|')) expect(ids.has(id), `${key}: unknown rule id ${id}`).toBe(true);
      expect(seen.has(key), `${key} is allowed but no longer overlaps: remove it`).toBe(true);
    }
  });
});
