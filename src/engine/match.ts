// Applying one rule to one event: level and component gates, then the message pattern. Also the
// literals a pattern cannot match without (`requiredLiterals`), which the hot path looks for first
// (skip-scan.ts).
import { withoutGle } from '../../parsers/panther.js';
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

/** What a rule's pattern finds in a message: its named groups and the culprit they fill in. */
export interface PatternMatch {
  readonly groups: Readonly<Record<string, string | undefined>>;
  readonly culprit: string | null;
}

/** Whether a rule looks at an event at all: a record (or foreign line) of its levels and components. */
export function ruleAccepts(rule: Rule, event: LogEvent): boolean {
  if (event.kind !== 'record' && event.kind !== 'foreign') return false;
  if (!levelGateAccepts(rule, event.level)) return false;
  return !(rule.components && event.component !== undefined && !rule.components.includes(event.component));
}

/**
 * The rule's pattern on `message` (without its trailing `[gle=...]`): null when it does not match. It
 * depends on the message alone (patterns are neither global nor sticky), so a caller may keep it per
 * distinct message.
 */
export function matchPattern(rule: Rule, message: string): PatternMatch | null {
  const m = rule.pattern.exec(message);
  if (!m) return null;
  const groups: Record<string, string | undefined> = { ...(m.groups ?? {}) };
  const culprit = rule.culprit && canFill(rule.culprit, groups) ? fillTemplate(rule.culprit, groups).trim() : null;
  return { groups, culprit: culprit || null };
}

/**
 * `message` is the event's message without its trailing `[gle=...]` (`withoutGle(event.message)`);
 * pass it when it is already at hand, so several rules on one event split it once.
 */
export function matchRule(rule: Rule, event: LogEvent, message?: string): RuleMatch | undefined {
  if (!ruleAccepts(rule, event)) return undefined;
  const found = matchPattern(rule, message ?? withoutGle(event.message));
  return found ? { rule, event, groups: found.groups, culprit: found.culprit } : undefined;
}

// --- required literals -----------------------------------------------------------------------------

/**
 * Literals (lower-case ASCII) of which every match of `pattern` contains at least one, compared
 * ASCII-case-insensitively; `null` when no such set can be read from the source (then the pattern
 * must always be run). Conservative: unsupported syntax gives `null`, never a wrong set. A string that
 * contains none of the literals (after `toLowerCase()`) cannot match the pattern.
 */
export function requiredLiterals(pattern: RegExp): readonly string[] | null {
  if (/[uv]/.test(pattern.flags)) return null; // Unicode case folding (ſ, K) and escapes: not handled
  const cached = literalCache.get(pattern);
  if (cached !== undefined) return cached;
  let result: string[] | null;
  try {
    const parser = new LiteralParser(pattern.source);
    result = parser.alternation();
    if (parser.pos !== pattern.source.length) result = null;
  } catch {
    result = null;
  }
  if (result) result = [...new Set(result)];
  literalCache.set(pattern, result);
  return result;
}

const literalCache = new WeakMap<RegExp, string[] | null>();

class Unsupported extends Error {}

/** ASCII punctuation, which a backslash makes literal. */
const ESCAPED_PUNCTUATION = /[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/;
/** A literal run is kept as at most this many strings (`a?b?(?:c|d)` is 8). */
const MAX_RUN_STRINGS = 32;
/** A class of at most this many characters (`[1-5]`) is taken as a choice of literals. */
const SMALL_CLASS = 6;

/** A recursive-descent reader of a RegExp source that keeps only what is certain to be matched literally. */
class LiteralParser {
  pos = 0;
  constructor(private readonly src: string) {}

  /** Alternatives up to `)` or the end: the union of each alternative's set, null if one has none. */
  alternation(): string[] | null {
    return this.alternatives().required;
  }

  /**
   * Alternatives up to `)` or the end: the union of their required sets (null if one has none), and
   * the union of the literal strings they begin with (`''` for one that begins otherwise).
   */
  private alternatives(): { required: string[] | null; leading: string[] } {
    const union: string[] = [];
    const leading: string[] = [];
    let certain = true;
    for (;;) {
      const seq = this.sequence();
      if (seq.required === null) certain = false;
      else union.push(...seq.required);
      leading.push(...seq.leading);
      if (this.src[this.pos] === '|') {
        this.pos++;
        continue;
      }
      return { required: certain ? union : null, leading: [...new Set(leading)] };
    }
  }

  /**
   * One alternative: the best of its mandatory literal runs and mandatory groups, and the strings it
   * begins with (its first run). A run is kept as the strings it can be, so that `a ?b(?:c|de)` gives
   * ["abc", "a bc", "abde", "a bde"] (a few at most), and it goes on into a group that begins with
   * literals (`ab(?:c.|de)` gives ["abc", "abde"]): longer literals are found faster and more surely.
   */
  private sequence(): { required: string[] | null; leading: string[] } {
    const src = this.src;
    let best: string[] | null = null;
    let run = [''];
    let leading: string[] | null = null;
    const offer = (set: string[] | null) => {
      if (set === null || set.length === 0) return;
      if (best === null || score(set) > score(best)) best = set;
    };
    const closeRun = () => {
      leading ??= run;
      // a string that holds another of the run adds nothing: whatever contains it contains the other
      if (run.every((r) => r.length > 0)) offer(run.filter((r, i) => !run.some((other, j) => j !== i && other.length < r.length && r.includes(other))));
      run = [''];
    };
    /** Appends one of `endings` to the run: every match of the run so far is followed by one of them. */
    const extend = (endings: readonly string[]) => {
      if (run.length * endings.length > MAX_RUN_STRINGS) {
        closeRun();
        run = [...endings];
        return;
      }
      if (endings.length === 1) {
        // one character or string, the usual case: appended in place
        for (let i = 0; i < run.length; i++) run[i] += endings[0]!;
        return;
      }
      run = run.flatMap((r) => endings.map((e) => r + e));
    };
    while (this.pos < src.length) {
      const c = src[this.pos]!;
      if (c === '|' || c === ')') break;
      if (c === '^' || c === '$') {
        this.pos++;
        closeRun();
        continue;
      }
      if (c === '\\' && (src[this.pos + 1] === 'b' || src[this.pos + 1] === 'B')) {
        this.pos += 2; // a word boundary matches no character: the run goes on
        continue;
      }
      if (c === '(') {
        const start = this.pos;
        const exact = this.exactGroup();
        if (exact !== null) {
          const q = this.quantifier();
          if (q === 'once') extend(exact);
          else if (q === 'maybe') extend(['', ...exact]);
          else closeRun();
          continue;
        }
        this.pos = start;
        const inner = this.group();
        const q = this.quantifier();
        // every match of the run and a group it must go through goes on with what the group begins with
        if (q === 'once' || q === 'some') extend(inner.leading);
        closeRun();
        if (q !== 'optional' && q !== 'maybe') offer(inner.required);
        continue;
      }
      let literal: string | null; // the atom's character when it is an ASCII literal
      if (c === '\\') {
        literal = this.escape();
      } else if (c === '[') {
        const chars = this.smallClass();
        const q = this.quantifier();
        if (chars !== null && (q === 'once' || q === 'some')) extend(chars);
        else if (chars !== null && q === 'maybe') extend(['', ...chars]);
        if (chars === null || q === 'optional' || q === 'some') closeRun();
        continue;
      } else if (c === '.') {
        this.pos++;
        literal = null;
      } else if (c === '*' || c === '+' || c === '?') {
        throw new Unsupported('quantifier without atom');
      } else if (c === '{') {
        if (/^\{\d+(?:,\d*)?\}/.test(src.slice(this.pos))) throw new Unsupported('quantifier without atom');
        throw new Unsupported('literal brace'); // legal without /u, but keep it simple
      } else {
        this.pos++;
        const code = c.charCodeAt(0);
        literal = code >= 0x20 && code < 0x7f ? c.toLowerCase() : null;
      }
      const q = this.quantifier();
      if (literal === null) {
        closeRun();
      } else if (q === 'once') {
        extend([literal]);
      } else if (q === 'maybe') {
        extend(['', literal]);
      } else if (q === 'optional') {
        closeRun();
      } else {
        // at least once: the character is certain, what follows is not adjacent in a fixed way
        extend([literal]);
        closeRun();
      }
    }
    closeRun();
    return { required: best, leading: leading ?? [''] };
  }

  /**
   * At `(`: a group that is only alternatives of plain characters (`(?:DoDomainJoin|JoinDomain)`)
   * gives them, lower-cased, and moves past it; anything else gives null (the caller goes back).
   */
  private exactGroup(): string[] | null {
    const src = this.src;
    let at = this.pos + 1;
    if (src.startsWith('?:', at)) at += 2;
    else if (src.startsWith('?<', at) && !src.startsWith('?<=', at) && !src.startsWith('?<!', at)) {
      const end = src.indexOf('>', at);
      if (end === -1) return null;
      at = end + 1;
    } else if (src[at] === '?') return null;
    const alternatives = [''];
    for (; at < src.length; at++) {
      const c = src[at]!;
      if (c === ')') {
        this.pos = at + 1;
        return alternatives;
      }
      if (c === '|') {
        alternatives.push('');
        continue;
      }
      let literal: string;
      if (c === '\\') {
        const next = src[at + 1];
        if (next === undefined || !ESCAPED_PUNCTUATION.test(next)) return null;
        literal = next;
        at++;
      } else if ('[](){}.*+?^$'.includes(c) || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) >= 0x7f) {
        return null;
      } else {
        literal = c.toLowerCase();
      }
      if ('*+?{'.includes(src[at + 1] ?? '')) return null; // a quantified character
      alternatives[alternatives.length - 1] += literal;
    }
    return null;
  }

  /**
   * At `(`: parses the group; returns its required set (null for lookarounds and unknowns) and the
   * strings it begins with (`['']` for a lookaround, which matches no character).
   */
  private group(): { required: string[] | null; leading: string[] } {
    const src = this.src;
    this.pos++; // (
    let lookaround = false;
    if (src[this.pos] === '?') {
      const rest = src.slice(this.pos, this.pos + 3);
      if (rest.startsWith('?:')) this.pos += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) {
        this.pos += 2;
        lookaround = true;
      } else if (rest === '?<=' || rest === '?<!') {
        this.pos += 3;
        lookaround = true;
      } else if (rest.startsWith('?<')) {
        const end = src.indexOf('>', this.pos);
        if (end === -1 || !/^\?<[A-Za-z_$][\w$]*>$/.test(src.slice(this.pos, end + 1))) throw new Unsupported('group name');
        this.pos = end + 1;
      } else {
        throw new Unsupported('group kind');
      }
    }
    const inner = this.alternatives();
    if (src[this.pos] !== ')') throw new Unsupported('unclosed group');
    this.pos++;
    return lookaround ? { required: null, leading: [''] } : inner;
  }

  /** Reads a quantifier after an atom, if any. */
  private quantifier(): 'once' | 'maybe' | 'optional' | 'some' {
    const src = this.src;
    const c = src[this.pos];
    let kind: 'once' | 'maybe' | 'optional' | 'some' = 'once';
    if (c === '?') {
      this.pos++;
      kind = 'maybe';
    } else if (c === '*') {
      this.pos++;
      kind = 'optional';
    } else if (c === '+') {
      this.pos++;
      kind = 'some';
    } else if (c === '{') {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(src.slice(this.pos));
      if (!m) throw new Unsupported('literal brace');
      this.pos += m[0].length;
      const min = Number(m[1]);
      kind = min === 0 ? (m[2] === '1' ? 'maybe' : 'optional') : min === 1 && m[2] === undefined ? 'once' : 'some';
    }
    if (kind !== 'once' && src[this.pos] === '?') this.pos++; // lazy
    if (src[this.pos] === '?' || src[this.pos] === '*' || src[this.pos] === '+') throw new Unsupported('double quantifier');
    return kind;
  }

  /** At `\`: the escaped ASCII punctuation character, or null for a class / assertion escape. */
  private escape(): string | null {
    const next = this.src[this.pos + 1];
    if (next === undefined) throw new Unsupported('trailing backslash');
    this.pos += 2;
    if ('dDwWsSbB'.includes(next)) return null;
    if ('nrtfv'.includes(next)) return null; // control characters: fine to skip, never in a literal
    if (ESCAPED_PUNCTUATION.test(next)) return next;
    throw new Unsupported(`escape \\${next}`); // \x \u \c \p \k, backreferences, \0, identity escapes
  }

  /**
   * At `[`: moves past the class; returns its characters, lower-cased, when it is a few printable
   * ASCII characters and ranges (`[1-5]`, `[xX]`), else null.
   */
  private smallClass(): string[] | null {
    const src = this.src;
    const start = ++this.pos;
    while (this.pos < src.length && src[this.pos] !== ']') this.pos += src[this.pos] === '\\' ? 2 : 1;
    if (this.pos >= src.length) throw new Unsupported('unclosed class');
    const body = src.slice(start, this.pos++);
    if (!/^(?:[\x20-\x7e](?:-[\x20-\x7e])?)+$/.test(body) || /[\\^\[\]]/.test(body)) return null;
    const chars = new Set<string>();
    for (let i = 0; i < body.length; i++) {
      const from = body.charCodeAt(i);
      const to = body[i + 1] === '-' && i + 2 < body.length ? body.charCodeAt((i += 2)) : from;
      if (to - from >= SMALL_CLASS) return null;
      for (let code = from; code <= to; code++) chars.add(String.fromCharCode(code).toLowerCase());
    }
    return chars.size <= SMALL_CLASS ? [...chars] : null;
  }
}

/** Prefers sets whose shortest literal is longest, then smaller sets. */
function score(set: readonly string[]): number {
  let min = Infinity;
  for (const s of set) min = Math.min(min, s.length);
  return min * 1000 - set.length;
}

/**
 * True unless `lowerText` (a `toLowerCase()`d string) contains none of `literals`: then a pattern
 * with these required literals cannot match it. `null` literals: unknown, always true.
 */
export function mayContain(literals: readonly string[] | null, lowerText: string): boolean {
  if (literals === null) return true;
  for (let i = 0; i < literals.length; i++) if (lowerText.includes(literals[i]!)) return true;
  return false;
}
