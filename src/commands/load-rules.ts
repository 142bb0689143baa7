import { builtinRules } from '../engine/registry.js';
import type { Rule } from '../types.js';

/** The built-in rules, plus the custom rule files of `--rules DIR` (validated; errors name file and field). */
export async function loadRules(customDir: string | undefined): Promise<readonly Rule[]> {
  if (!customDir) return builtinRules;
  // loaded only when asked for: the schema validator and the YAML parser cost ~0.1 s and ~20 MiB to load
  const { loadCustomRules } = await import('../engine/custom-rules.js');
  const custom = await loadCustomRules(customDir);
  return [...builtinRules, ...custom];
}
