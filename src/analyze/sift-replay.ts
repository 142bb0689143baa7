// The parts of a sifted file come from several sifters at once (sift.ts): each part's messages in
// order, the parts in any order. The replayer hands them to the feed in file order, each part's lines
// renumbered after the parts before it, and holds the messages of parts whose turn has not come.
import type { DecoderStats } from '../decode/line-decoder.js';
import type { Encoding } from '../types.js';
import type { SiftedFeed } from './analysis.js';
import { readBatch, type BatchReader } from './sift-batch.js';
import type { PartMessage } from './sift-protocol.js';

export class PartReplayer {
  /** The part whose turn it is; `partCount` once all were replayed and the feed ended. */
  current = 0;
  /** Messages of parts whose turn has not come, per part, and who sent them. */
  private readonly waiting = new Map<number, { message: PartMessage; sifter: number }[]>();
  private readonly total: DecoderStats;
  private readonly reader: BatchReader;

  /** `consumed` hears of each batch replayed, and which sifter it came from. */
  constructor(
    private readonly partCount: number,
    encoding: Encoding,
    private readonly feed: SiftedFeed,
    private readonly consumed: (sifter: number) => void,
  ) {
    this.total = { encoding, lines: 0, bytes: 0, truncatedLines: 0, legacyDecodedLines: 0 };
    this.reader = { line: (text, line, truncated) => feed.acceptLine(text, truncated, line), stretch: (stretch) => feed.acceptQuiet(stretch) };
  }

  get done(): boolean {
    return this.current === this.partCount;
  }

  /** Lines of the parts replayed so far: the current part's lines come after them. */
  get linesBefore(): number {
    return this.total.lines;
  }

  /** The parts held, sifted ahead of their turn by `sifter`. */
  heldFrom(sifter: number): number {
    let count = 0;
    for (const messages of this.waiting.values()) if (messages[0]!.sifter === sifter) count++;
    return count;
  }

  /** A message from `sifter`: replayed now when its part's turn has come, else held. */
  accept(message: PartMessage, sifter: number): void {
    if (message.part === this.current) this.replay(message, sifter);
    else if (this.waiting.has(message.part)) this.waiting.get(message.part)!.push({ message, sifter });
    else this.waiting.set(message.part, [{ message, sifter }]);
  }

  /** The end of the current part, whose lines went to the feed by other means (`linesBefore` added to their numbers). */
  endPart(stats: DecoderStats): void {
    const total = this.total;
    if (this.current === 0) total.encoding = stats.encoding;
    total.lines += stats.lines;
    total.bytes += stats.bytes;
    total.truncatedLines += stats.truncatedLines;
    total.legacyDecodedLines += stats.legacyDecodedLines;
    this.current++;
    if (this.done) {
      this.feed.end(total);
      return;
    }
    const next = this.waiting.get(this.current);
    if (next === undefined) return;
    this.waiting.delete(this.current);
    for (const held of next) this.replay(held.message, held.sifter);
  }

  private replay(message: PartMessage, sifter: number): void {
    if (message.type === 'batch') {
      readBatch(message.batch, this.total.lines, this.reader);
      this.consumed(sifter);
    } else {
      this.endPart(message.stats);
    }
  }
}
