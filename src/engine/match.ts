// Applying one rule to one event: level and component gates, then the message pattern.
// Also the cheap exact prefilters of the hot path: the literals a pattern cannot match without
// (`requiredLiterals`) and a one-pass scan for any of many literals (`LiteralGate`).
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

/**
 * `message` is the event's message without its trailing `[gle=...]` (`splitGle(event.message).message`);
 * pass it when it is already at hand, so several rules on one event split it once.
 */
export function matchRule(rule: Rule, event: LogEvent, message?: string): RuleMatch | undefined {
  if (event.kind !== 'record' && event.kind !== 'foreign') return undefined;
  if (!levelGateAccepts(rule, event.level)) return undefined;
  if (rule.components && event.component !== undefined && !rule.components.includes(event.component)) return undefined;
  const m = rule.pattern.exec(message ?? splitGle(event.message).message);
  if (!m) return undefined;
  const groups: Record<string, string | undefined> = { ...(m.groups ?? {}) };
  const culprit = rule.culprit && canFill(rule.culprit, groups) ? fillTemplate(rule.culprit, groups).trim() : null;
  return { rule, event, groups, culprit: culprit || null };
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

/** A recursive-descent reader of a RegExp source that keeps only what is certain to be matched literally. */
class LiteralParser {
  pos = 0;
  constructor(private readonly src: string) {}

  /** Alternatives up to `)` or the end: the union of each alternative's set, null if one has none. */
  alternation(): string[] | null {
    const union: string[] = [];
    let certain = true;
    for (;;) {
      const seq = this.sequence();
      if (seq === null) certain = false;
      else union.push(...seq);
      if (this.src[this.pos] === '|') {
        this.pos++;
        continue;
      }
      return certain ? union : null;
    }
  }

  /** One alternative: the best of its mandatory literal runs and mandatory groups. */
  private sequence(): string[] | null {
    const src = this.src;
    let best: string[] | null = null;
    let run = '';
    const offer = (set: string[] | null) => {
      if (set === null || set.length === 0) return;
      if (best === null || score(set) > score(best)) best = set;
    };
    const closeRun = () => {
      if (run.length > 0) offer([run]);
      run = '';
    };
    while (this.pos < src.length) {
      const c = src[this.pos]!;
      if (c === '|' || c === ')') break;
      if (c === '^' || c === '$') {
        this.pos++;
        closeRun();
        continue;
      }
      if (c === '(') {
        closeRun();
        const inner = this.group();
        const q = this.quantifier();
        if (q !== 'optional') offer(inner);
        continue;
      }
      let literal: string | null; // the atom's character when it is an ASCII literal
      if (c === '\\') {
        literal = this.escape();
      } else if (c === '[') {
        this.skipClass();
        literal = null;
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
        run += literal;
      } else if (q === 'optional') {
        closeRun();
      } else {
        // at least once: the character is certain, what follows is not adjacent in a fixed way
        run += literal;
        closeRun();
      }
    }
    closeRun();
    return best;
  }

  /** At `(`: parses the group and returns its required set (null for lookarounds and unknowns). */
  private group(): string[] | null {
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
    const inner = this.alternation();
    if (src[this.pos] !== ')') throw new Unsupported('unclosed group');
    this.pos++;
    return lookaround ? null : inner;
  }

  /** Reads a quantifier after an atom, if any. */
  private quantifier(): 'once' | 'optional' | 'some' {
    const src = this.src;
    const c = src[this.pos];
    let kind: 'once' | 'optional' | 'some' = 'once';
    if (c === '?' || c === '*') {
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
      kind = min === 0 ? 'optional' : min === 1 && m[2] === undefined ? 'once' : 'some';
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
    if (/[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(next)) return next; // escaped punctuation
    throw new Unsupported(`escape \\${next}`); // \x \u \c \p \k, backreferences, \0, identity escapes
  }

  /** At `[`: skips the class. */
  private skipClass(): void {
    const src = this.src;
    this.pos++;
    while (this.pos < src.length && src[this.pos] !== ']') this.pos += src[this.pos] === '\\' ? 2 : 1;
    if (this.pos >= src.length) throw new Unsupported('unclosed class');
    this.pos++;
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

// --- literal gate -----------------------------------------------------------------------------------

const GATE_GRAM = 4;

const GATE_MULTIPLIERS = [0x9e3779b1, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f, 0x165667b1, 0xd3a2646c, 0xfd7046c5, 0xb55a4f09];

/**
 * Tests in one pass over a string whether it may contain any of many literals (ASCII-case-insensitive).
 * Literals come in groups (say, one per rule); `bitsOf(g)` are the bits that answer for group g. Exact
 * in one direction: when none of a group's bits is set, no literal of the group occurs; a set bit may
 * be a false alarm (then run the precise check). Each literal is known by three 4-character grams
 * (first, middle, last) and has a bit of its own (shared by every 32nd literal); the bit is set when all
 * three grams occur in the string, in any order. Grams are looked up in a small collision-free hash
 * table keyed by the exact gram.
 */
export class LiteralGate {
  private constructor(
    /** The gram stored in each slot, -1 for none. */
    private readonly keys: Int32Array,
    /** Per slot: the group bits for which the gram is the first, the middle and the last gram. */
    private readonly masks: Int32Array,
    private readonly multiplier: number,
    private readonly shift: number,
    private readonly covered: readonly boolean[],
    private readonly groupBits: readonly number[],
  ) {}

  /**
   * A gate for the groups of literals (null: a group without literals). A group with a literal shorter
   * than 4 characters or not ASCII is not covered (`covers(g)` is false): the gate says nothing about it.
   * Null when no group is covered.
   */
  static create(groups: readonly (readonly string[] | null)[]): LiteralGate | null {
    const grams = new Map<number, [number, number, number]>();
    const covered = groups.map((literals) => literals !== null && literals.length > 0 && literals.every((lit) => lit.length >= GATE_GRAM && /^[\x20-\x7e]*$/.test(lit)));
    const groupBits = groups.map(() => 0);
    let literalCount = 0;
    groups.forEach((literals, g) => {
      if (!covered[g]) return;
      for (const lit of literals!) {
        const bit = 1 << (literalCount++ & 31);
        groupBits[g]! |= bit;
        const ends = [GATE_GRAM, GATE_GRAM + ((lit.length - GATE_GRAM) >> 1), lit.length];
        ends.forEach((end, k) => {
          const gram = gramAt(lit, end);
          const entry = grams.get(gram) ?? [0, 0, 0];
          entry[k]! |= bit;
          grams.set(gram, entry);
        });
      }
    });
    if (!covered.some(Boolean)) return null;
    for (let bits = 10; bits <= 16; bits++) {
      if (grams.size * 8 > 1 << bits) continue;
      for (const multiplier of GATE_MULTIPLIERS) {
        const keys = new Int32Array(1 << bits).fill(-1);
        const masks = new Int32Array(3 << bits);
        let clash = false;
        for (const [gram, [a, b, c]] of grams) {
          const slot = Math.imul(gram, multiplier) >>> (32 - bits);
          if (keys[slot] !== -1) {
            clash = true;
            break;
          }
          keys[slot] = gram;
          masks[3 * slot] = a;
          masks[3 * slot + 1] = b;
          masks[3 * slot + 2] = c;
        }
        if (!clash) return new LiteralGate(keys, masks, multiplier, 32 - bits, covered, groupBits);
      }
    }
    return null;
  }

  /** Whether the gate knows group `g` (else its bits say nothing). */
  covers(g: number): boolean {
    return this.covered[g] === true;
  }

  /** The bits of `scan` that answer for group `g`: none of them set, none of its literals occurs. */
  bitsOf(g: number): number {
    return this.groupBits[g] ?? 0;
  }

  /** The bits of the groups one of whose literals may occur in `text`. */
  scan(text: string): number {
    const { keys, masks, multiplier, shift } = this;
    let gram = 0;
    let first = 0;
    let middle = 0;
    let last = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      // ASCII letters fold to lower case; other characters may alias (a false alarm at worst)
      gram = ((gram << 7) | ((text.charCodeAt(i) | 32) & 127)) & 0xfffffff;
      const slot = Math.imul(gram, multiplier) >>> shift;
      if (keys[slot] === gram) {
        const k = 3 * slot;
        first |= masks[k]!;
        middle |= masks[k + 1]!;
        last |= masks[k + 2]!;
      }
    }
    return first & middle & last;
  }

  /** Whether any literal of any group may occur in `text`. */
  test(text: string): boolean {
    return this.scan(text) !== 0;
  }
}

/** The folded gram of the 4 characters of `lit` that end at `end`. */
function gramAt(lit: string, end: number): number {
  let gram = 0;
  for (let i = end - GATE_GRAM; i < end; i++) gram = ((gram << 7) | ((lit.charCodeAt(i) | 32) & 127)) & 0xfffffff;
  return gram;
}

/**
 * The rules a gate's answer leaves to try, in rule order: those with one of their bits set, and those
 * the gate does not cover (bits -1), always. `select` returns the rule indices as the set bits of words
 * (rule i is bit i % 32 of word i >> 5); the array is reused by the next call.
 */
export class RuleSieve {
  private readonly words: number;
  /** Per gate bit, the rules that own it. */
  private readonly byBit: Uint32Array;
  private readonly always: Uint32Array;
  private readonly selected: Uint32Array;

  constructor(ruleBits: readonly number[]) {
    this.words = Math.max(1, Math.ceil(ruleBits.length / 32));
    this.byBit = new Uint32Array(32 * this.words);
    this.always = new Uint32Array(this.words);
    this.selected = new Uint32Array(this.words);
    ruleBits.forEach((bits, i) => {
      const word = i >> 5;
      const flag = 1 << (i & 31);
      if (bits === -1) this.always[word]! |= flag;
      else for (let b = 0; b < 32; b++) if ((bits >>> b) & 1) this.byBit[b * this.words + word]! |= flag;
    });
  }

  select(mask: number): Uint32Array {
    const { words, byBit, selected } = this;
    selected.set(this.always);
    for (let rest = mask; rest !== 0; rest &= rest - 1) {
      const b = 31 - Math.clz32(rest & -rest);
      for (let w = 0; w < words; w++) selected[w]! |= byBit[b * words + w]!;
    }
    return selected;
  }
}
