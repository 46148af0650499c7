/** A token bucket per socket: `limit` messages per `windowMs`, refilled continuously. */
export class RateLimiter {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 10_000,
  ) {
    this.tokens = limit;
  }

  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.limit, this.tokens + ((now - this.last) * this.limit) / this.windowMs);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
