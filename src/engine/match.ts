// Applying one rule to one event: level and component gates, then the message pattern.
import { splitGle } from '../../parsers/panther.js';
import type { Level, LogEvent, Rule } from '../types.js';
import { canFill, fillTemplate } from './template.js';

/** Levels a rule looks at unless it says otherwise; lines without a level are always looked at. */
export const DEFAULT_RULE_LEVELS: readonly Level[] = ['Warning', 'Error', 'Fatal Error', 'Unknown'];

export interface RuleMatch {
  readonly rule: Rule;
  readonly event: LogEvent;
  readonly groups: Readonly<Record<string, string | undefined>>;
  readonly culprit: string | null;
}

export function levelGateAccepts(rule: Rule, level: Level | undefined): boolean {
  if (level === undefined) return true;
  return (rule.levels ?? DEFAULT_RULE_LEVELS).includes(level);
}

export function matchRule(rule: Rule, event: LogEvent): RuleMatch | undefined {
  if (event.kind !== 'record' && event.kind !== 'foreign') return undefined;
  if (!levelGateAccepts(rule, event.level)) return undefined;
  if (rule.components && event.component !== undefined && !rule.components.includes(event.component)) return undefined;
  const { message } = splitGle(event.message);
  const m = rule.pattern.exec(message);
  if (!m) return undefined;
  const groups: Record<string, string | undefined> = { ...(m.groups ?? {}) };
  const culprit = rule.culprit && canFill(rule.culprit, groups) ? fillTemplate(rule.culprit, groups).trim() : null;
  return { rule, event, groups, culprit: culprit || null };
}
