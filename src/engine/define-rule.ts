import type { Rule, RuleDefinition } from '../types.js';

/** Identity helper that types a built-in rule file and stamps its origin. */
export function defineRule(definition: RuleDefinition): Rule {
  return { ...definition, origin: 'builtin' };
}
