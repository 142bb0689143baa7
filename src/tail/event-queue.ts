/**
 * A single-consumer async queue. Producers `push`; the consumer iterates.
 *
 * Buffered items are weighed (for the follower: data bytes) so that producers can `await room()`
 * and slow down to the consumer's pace instead of growing memory without bound.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private readonly takers: Array<(result: IteratorResult<T>) => void> = [];
  private readonly roomWaiters: Array<() => void> = [];
  private bufferedWeight = 0;
  private ended = false;

  constructor(
    private readonly weigh: (item: T) => number,
    private readonly highWater: number,
    /** Called when the consumer stops iterating early (`break` out of `for await`). */
    private readonly onReturn: () => Promise<void>,
  ) {}

  /** Queues an item; ignored once the queue has ended. */
  push(item: T): void {
    if (this.ended) return;
    const taker = this.takers.shift();
    if (taker) {
      taker({ value: item, done: false });
      return;
    }
    this.items.push(item);
    this.bufferedWeight += this.weigh(item);
  }

  /** Resolves when the buffered weight is below the high-water mark, or the queue has ended. */
  room(): Promise<void> {
    if (this.ended || this.bufferedWeight < this.highWater) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Ends the iteration: items not yet taken are dropped, later pushes ignored. */
  end(): void {
    this.ended = true;
    this.items.length = 0;
    this.bufferedWeight = 0;
    for (const taker of this.takers.splice(0)) taker({ value: undefined, done: true });
    this.releaseRoomWaiters();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) {
      const item = this.items.shift() as T;
      this.bufferedWeight -= this.weigh(item);
      if (this.bufferedWeight < this.highWater) this.releaseRoomWaiters();
      return Promise.resolve({ value: item, done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.takers.push(resolve));
  }

  async return(): Promise<IteratorResult<T>> {
    await this.onReturn();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private releaseRoomWaiters(): void {
    for (const resolve of this.roomWaiters.splice(0)) resolve();
  }
}
