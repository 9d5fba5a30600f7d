/**
 * Remembers ids seen recently (bounded, oldest forgotten first): Slack retries an event it thinks was
 * not delivered, and delivers one message as both `app_mention` and `message`. Per process: with
 * several HTTP replicas a retry may land on another one (see the Slack section of README.md).
 */
export class RecentIds {
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly maxSize: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Records the id; returns false when it was already seen within the window. */
  firstTime(id: string): boolean {
    const now = this.clock();
    const seenAt = this.#seen.get(id);
    if (seenAt !== undefined && now - seenAt < this.windowMs) return false;
    this.#seen.delete(id);
    this.#seen.set(id, now);
    while (this.#seen.size > this.maxSize) {
      const oldest = this.#seen.keys().next().value;
      if (oldest === undefined) break;
      this.#seen.delete(oldest);
    }
    return true;
  }

  has(id: string): boolean {
    const seenAt = this.#seen.get(id);
    return seenAt !== undefined && this.clock() - seenAt < this.windowMs;
  }

  forget(id: string): void {
    this.#seen.delete(id);
  }
}
