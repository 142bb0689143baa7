import { builtinRules } from '../engine/registry.js';
import { loadCustomRules } from '../engine/custom-rules.js';
import type { Rule } from '../types.js';

/** The built-in rules, plus the custom rule files of `--rules DIR` (validated; errors name file and field). */
export async function loadRules(customDir: string | undefined): Promise<readonly Rule[]> {
  if (!customDir) return builtinRules;
  const custom = await loadCustomRules(customDir);
  return [...builtinRules, ...custom];
}
