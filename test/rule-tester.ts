// The strict shared rule tester: every rule's own samples, run through the real parser, one vitest
// case each. It refuses sloppy rules the way ESLint's RuleTester does (src/engine/rule-samples.ts).
import { sampleCases } from '../src/engine/rule-samples.js';
import type { Rule } from '../src/types.js';

export interface RuleCheck {
  readonly name: string;
  readonly run: () => void;
}

export function ruleChecks(rule: Rule): RuleCheck[] {
  return sampleCases(rule).map((c) => ({
    name: c.name,
    run: () => {
      const failure = c.check();
      if (failure) throw new Error(`${rule.id}: ${failure}`);
    },
  }));
}
