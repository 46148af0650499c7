import type { LiveEvent } from '@relay/platform';

const MAX_TRACKED_STREAMS = 100_000;

/**
 * Puts each stream's events back in seq order before they are emitted. Transactions on one
 * stream commit in seq order (the stream's counter row is locked until commit), but their
 * commit acknowledgements can reach Node in either order. An event that arrives ahead of
 * its predecessor is held; if the gap is not filled within `waitMs`, the missing events are
 * read back from the durable log. A late event is still emitted: clients drop duplicates by
 * seq, and losing one would be worse.
 */
export class StreamSequencer {
  private readonly next = new Map<string, number>();
  private readonly held = new Map<string, Map<number, LiveEvent>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly emit: (event: LiveEvent) => void,
    private readonly readLog: (stream: string, afterSeq: number, limit: number) => Promise<LiveEvent[]>,
    private readonly waitMs = 200,
  ) {}

  push(event: LiveEvent): void {
    const expected = this.next.get(event.stream);
    if (event.seq === 0 || (expected !== undefined && event.seq < expected)) return this.emit(event);
    if (expected === undefined || event.seq === expected) {
      this.emitInOrder(event);
      return;
    }
    const held = this.held.get(event.stream) ?? new Map<number, LiveEvent>();
    held.set(event.seq, event);
    this.held.set(event.stream, held);
    if (!this.timers.has(event.stream)) {
      this.timers.set(
        event.stream,
        setTimeout(() => void this.fillGap(event.stream), this.waitMs),
      );
    }
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
  }

  private emitInOrder(event: LiveEvent): void {
    if (this.next.size >= MAX_TRACKED_STREAMS) this.next.clear(); // forget idle streams; order restarts from the next event
    this.emit(event);
    this.next.set(event.stream, event.seq + 1);
    const held = this.held.get(event.stream);
    for (let seq = event.seq + 1; held?.has(seq); seq++) {
      this.emit(held.get(seq)!);
      held.delete(seq);
      this.next.set(event.stream, seq + 1);
    }
    if (held?.size === 0) this.forgetHeld(event.stream);
  }

  private async fillGap(stream: string): Promise<void> {
    this.timers.delete(stream);
    const held = this.held.get(stream);
    if (!held || held.size === 0) return;
    const expected = this.next.get(stream);
    if (expected === undefined) {
      // The order was forgotten (see MAX_TRACKED_STREAMS): release what is held, oldest first.
      for (const seq of [...held.keys()].sort((a, b) => a - b)) this.emitInOrder(held.get(seq)!);
      return;
    }
    const first = Math.min(...held.keys());
    const missing = await this.readLog(stream, expected - 1, first - expected).catch(() => []);
    for (const event of missing) if (event.seq >= (this.next.get(stream) ?? 0)) this.emitInOrder(event);
    const still = this.held.get(stream);
    if (!still || still.size === 0) return;
    if (still.has(first)) {
      // The gap we waited for could not be filled (pruned, say): skip it; clients can still sync.
      this.emitInOrder(still.get(Math.min(...still.keys()))!);
    } else if (!this.timers.has(stream)) {
      // A newer gap opened meanwhile: give it its own wait.
      this.timers.set(
        stream,
        setTimeout(() => void this.fillGap(stream), this.waitMs),
      );
    }
  }

  private forgetHeld(stream: string): void {
    this.held.delete(stream);
    clearTimeout(this.timers.get(stream));
    this.timers.delete(stream);
  }
}
