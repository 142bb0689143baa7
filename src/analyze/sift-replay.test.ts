import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecoderStats } from '../decode/line-decoder.js';
import type { SiftedFeed } from './analysis.js';
import type { QuietStretch } from './quiet-lines.js';
import { BatchWriter } from './sift-batch.js';
import type { PartMessage } from './sift-protocol.js';
import { PartReplayer } from './sift-replay.js';

type Item = { line: [text: string, line: number, truncated: boolean] } | { stretch: QuietStretch };

/** A part as its sifter sees it: lines numbered from 1 within the part. */
interface Part {
  readonly items: Item[];
  readonly stats: DecoderStats;
  /** 0: this thread, in its turn (straight into the feed); else the sifter whose messages carry it. */
  readonly sifter: number;
  readonly capacity: number;
}

const STAMP = '2025-06-28 05:29:35';

/** A part of `lines` lines, every `quietEvery`-th line on being quiet (in a stretch of one). */
function partOf(lines: number, quietEvery: number, sifter: number, capacity: number, index: number): Part {
  const items: Item[] = [];
  for (let line = 1; line <= lines; line++) {
    if (line % quietEvery === 0) items.push({ stretch: { count: 1, lastLine: line, firstStamp: STAMP, lastStamp: STAMP, sysprp: false } });
    else items.push({ line: [`part ${index} line ${line}`, line, line % 5 === 0] });
  }
  const stats: DecoderStats = { encoding: index === 0 ? 'utf-8-bom' : 'utf-8', lines, bytes: 100 * lines, truncatedLines: index, legacyDecodedLines: 1 };
  return { items, stats, sifter, capacity };
}

function messagesOf(part: Part, index: number): PartMessage[] {
  const writer = new BatchWriter('utf8', part.capacity);
  const messages: PartMessage[] = [];
  for (const item of part.items) {
    if ('line' in item) writer.line(...item.line);
    else writer.stretch(item.stretch);
    if (writer.full) messages.push({ type: 'batch', part: index, batch: writer.take(), bytes: 0 });
  }
  if (writer.count > 0) messages.push({ type: 'batch', part: index, batch: writer.take(), bytes: 0 });
  messages.push({ type: 'part-end', part: index, stats: part.stats });
  return messages;
}

/** What the feed heard. */
interface Heard {
  items: Item[];
  ends: DecoderStats[];
  consumed: number[];
}

function recordingFeed(heard: Heard): SiftedFeed {
  return {
    gateGroups: [],
    maxLineChars: 1000,
    acceptLine: (text, truncated, line) => heard.items.push({ line: [text, line, truncated] }),
    acceptQuiet: (stretch) => heard.items.push({ stretch }),
    end: (stats) => heard.ends.push({ ...stats }),
  };
}

/**
 * Delivers the messages of the parts in the order `order` gives (a key per message; each part's own
 * messages keep their order), and feeds the parts of this thread straight in when their turn comes.
 */
function replay(parts: readonly Part[], order: readonly number[]): Heard {
  const heard: Heard = { items: [], ends: [], consumed: [] };
  const feed = recordingFeed(heard);
  const replayer = new PartReplayer(parts.length, 'utf-8', feed, (sifter) => heard.consumed.push(sifter));
  const feedOwnParts = (): void => {
    while (!replayer.done && parts[replayer.current]!.sifter === 0) {
      const offset = replayer.linesBefore;
      for (const item of parts[replayer.current]!.items) {
        if ('line' in item) feed.acceptLine(item.line[0], item.line[2], item.line[1] + offset);
        else feed.acceptQuiet({ ...item.stretch, lastLine: item.stretch.lastLine + offset });
      }
      replayer.endPart(parts[replayer.current]!.stats);
    }
  };
  const messages = parts.flatMap((part, index) => (part.sifter === 0 ? [] : messagesOf(part, index).map((message) => ({ message, sifter: part.sifter }))));
  const keys = messages.map((_, i) => order[i % order.length]! + i / 1e6);
  // the keys of each part's messages, sorted, in that part's order: a random interleaving of the parts
  const byPart = new Map<number, number[]>();
  messages.forEach((m, i) => byPart.set(m.message.part, [...(byPart.get(m.message.part) ?? []), keys[i]!]));
  for (const list of byPart.values()) list.sort((a, b) => a - b);
  const timed = messages.map((m) => ({ ...m, at: byPart.get(m.message.part)!.shift()! }));
  feedOwnParts();
  for (const { message, sifter } of timed.sort((a, b) => a.at - b.at)) {
    replayer.accept(message, sifter);
    feedOwnParts();
  }
  expect(replayer.done).toBe(true);
  return heard;
}

/** The file as one thread would read it: every part's lines after the parts before it. */
function inFileOrder(parts: readonly Part[]): Item[] {
  let before = 0;
  return parts.flatMap((part) => {
    const offset = before;
    before += part.stats.lines;
    return part.items.map((item) => ('line' in item ? { line: [item.line[0], item.line[1] + offset, item.line[2]] } : { stretch: { ...item.stretch, lastLine: item.stretch.lastLine + offset } }) as Item);
  });
}

const partArbitrary = fc.record({ lines: fc.integer({ min: 0, max: 40 }), quietEvery: fc.integer({ min: 1, max: 6 }), sifter: fc.integer({ min: 0, max: 2 }), capacity: fc.integer({ min: 1, max: 9 }) });

describe('PartReplayer', () => {
  it('feeds the parts in file order whatever order the sifters finish them in, and ends once with the totals (property)', () => {
    fc.assert(
      fc.property(fc.array(partArbitrary, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(1000), { minLength: 1, maxLength: 50 }), (specs, order) => {
        const parts = specs.map((p, i) => partOf(p.lines, p.quietEvery, p.sifter, p.capacity, i));
        const heard = replay(parts, order);
        expect(heard.items).toEqual(inFileOrder(parts));
        const sum = (key: 'lines' | 'bytes' | 'truncatedLines' | 'legacyDecodedLines'): number => parts.reduce((n, p) => n + p.stats[key], 0);
        expect(heard.ends).toEqual([{ encoding: 'utf-8-bom', lines: sum('lines'), bytes: sum('bytes'), truncatedLines: sum('truncatedLines'), legacyDecodedLines: sum('legacyDecodedLines') }]);
        // every batch is reported consumed once, to the sifter that sent it
        const batches = parts.flatMap((p, i) => (p.sifter === 0 ? [] : messagesOf(p, i).filter((m) => m.type === 'batch').map(() => p.sifter)));
        expect([...heard.consumed].sort()).toEqual(batches.sort());
      }),
      { seed: 20261121, numRuns: 300 },
    );
  });

  it('holds the parts that came early, and counts those of one sifter', () => {
    const parts = [partOf(3, 2, 1, 4, 0), partOf(3, 2, 2, 4, 1), partOf(3, 2, 2, 4, 2)];
    const heard: Heard = { items: [], ends: [], consumed: [] };
    const replayer = new PartReplayer(3, 'utf-8', recordingFeed(heard), (sifter) => heard.consumed.push(sifter));
    for (const m of [...messagesOf(parts[1]!, 1), ...messagesOf(parts[2]!, 2)]) replayer.accept(m, 2);
    expect(heard.items).toEqual([]);
    expect(replayer.heldFrom(2)).toBe(2);
    expect(replayer.heldFrom(1)).toBe(0);
    for (const m of messagesOf(parts[0]!, 0)) replayer.accept(m, 1);
    expect(replayer.done).toBe(true);
    expect(replayer.heldFrom(2)).toBe(0);
    expect(heard.items).toEqual(inFileOrder(parts));
    expect(heard.consumed).toEqual([1, 2, 2]);
  });
});
