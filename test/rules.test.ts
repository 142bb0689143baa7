import { describe, it } from 'vitest';
import { builtinRules } from '../src/engine/registry.js';
import { ruleChecks } from './rule-tester.js';

for (const rule of builtinRules) {
  describe(rule.id, () => {
    for (const check of ruleChecks(rule)) it(check.name, check.run);
  });
}
