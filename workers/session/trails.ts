/**
 * Past positions of every particle as a ring buffer: slot `head` holds the newest, and the
 * `count` valid slots run backwards from it. Stored in float32, as frames carry them.
 */
export class TrailBuffer {
  private readonly data: Float32Array; // (length, n, 2)
  private headSlot = -1;
  private filled = 0;

  constructor(
    readonly length: number,
    readonly n: number,
  ) {
    this.data = new Float32Array(length * n * 2);
  }

  get head(): number {
    return this.headSlot;
  }

  get count(): number {
    return this.filled;
  }

  /** Record positions x: (n, 2) as the newest slot. */
  push(x: Float64Array): void {
    this.headSlot = (this.headSlot + 1) % this.length;
    this.data.set(x, this.headSlot * this.n * 2);
    this.filled = Math.min(this.filled + 1, this.length);
  }

  /** A fresh copy of the newest positions (n, 2). */
  latest(): Float32Array {
    const size = this.n * 2;
    return this.data.slice(this.headSlot * size, (this.headSlot + 1) * size);
  }

  /** A fresh copy of the whole ring (length, n, 2). */
  snapshot(): Float32Array {
    return this.data.slice();
  }

  clear(): void {
    this.headSlot = -1;
    this.filled = 0;
  }
}
