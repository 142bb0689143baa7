import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageMemo, slotOf } from './message-memo.js';

/** Messages that share one slot: found by counting up, as a long log would bring them. */
function sameSlot(count: number): string[] {
  const slot = slotOf('SYSPRP message 0');
  const found: string[] = [];
  for (let i = 0; found.length < count; i++) if (slotOf(`SYSPRP message ${i}`) === slot) found.push(`SYSPRP message ${i}`);
  return found;
}

describe('MessageMemo', () => {
  it('gives back what it made for a message, for an equal string made anew', () => {
    let made = 0;
    const memo = new MessageMemo(() => ({ id: made++ }));
    const first = memo.get('LaunchModule: Found x'.slice(0));
    expect(memo.get(['LaunchModule:', 'Found x'].join(' '))).toBe(first);
    expect(memo.get('LaunchModule: Found y')).not.toBe(first);
    expect(made).toBe(2);
  });

  it('keeps two messages of one slot; a third forgets the one found least recently', () => {
    const [a, b, c] = sameSlot(3) as [string, string, string];
    const memo = new MessageMemo(() => ({}));
    const va = memo.get(a);
    const vb = memo.get(b);
    expect(memo.get(a)).toBe(va); // a is now the most recent
    memo.get(c); // forgets b
    expect(memo.get(a)).toBe(va);
    expect(memo.get(b)).not.toBe(vb);
  });

  it('finds what a model of two entries per slot, the most recent first, finds (property)', () => {
    const pool = [...sameSlot(3), '', 'a', 'Error x', 'LaunchDll: Found y'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 200 }), (messages) => {
        const memo = new MessageMemo(() => ({}));
        const model = new Map<number, { message: string; value: object }[]>();
        for (const message of messages) {
          const entries = model.get(slotOf(message)) ?? [];
          const kept = entries.find((entry) => entry.message === message);
          const value = memo.get(message);
          if (kept) expect(value).toBe(kept.value);
          else for (const entry of model.values()) for (const other of entry) expect(value).not.toBe(other.value);
          model.set(slotOf(message), [{ message, value }, ...entries.filter((entry) => entry.message !== message)].slice(0, 2));
        }
      }),
    );
  });
});
