import * as ruleModules from '../../rules/index.js';
import type { Rule } from '../types.js';

export const builtinRules: readonly Rule[] = Object.values(ruleModules);
