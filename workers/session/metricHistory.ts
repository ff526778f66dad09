import type { MetricHistory as MetricHistorySnapshot } from '../samplerApi';

/** Most records kept; past it the history is thinned to every other record. */
export const HISTORY_CAPACITY = 1024;

/**
 * Metrics of one panel over its iterations, evenly spaced and bounded: records arrive every
 * `every` steps; when the capacity is reached every other record is dropped and from then on
 * only every (2 * stride)-th step is kept, so a long run stays a fixed-size chart.
 */
export class MetricRecorder {
  private steps: number[] = [];
  private readonly values = new Map<string, number[]>();
  private stride: number;

  constructor(
    private readonly every: number,
    private readonly capacity = HISTORY_CAPACITY,
  ) {
    this.stride = Math.max(1, every);
  }

  /** Records of an earlier run up to step `upTo` (a resumed panel keeps its chart), as if pushed again. */
  restore(history: MetricHistorySnapshot, upTo: number): void {
    const names = Object.keys(history.values);
    history.steps.forEach((step, t) => {
      if (step > upTo) return;
      const record: Record<string, number> = {};
      for (const name of names) if (!Number.isNaN(history.values[name][t])) record[name] = history.values[name][t];
      this.push(step, record);
    });
  }

  get length(): number {
    return this.steps.length;
  }

  push(step: number, metrics: Readonly<Record<string, number>>): void {
    if (step % this.stride !== 0) return;
    if (this.steps.length >= this.capacity) this.thin();
    if (step % this.stride !== 0) return;
    const t = this.steps.length;
    this.steps.push(step);
    for (const [name, v] of Object.entries(metrics)) {
      let column = this.values.get(name);
      if (!column) this.values.set(name, (column = new Array<number>(t).fill(NaN)));
      column.push(v);
    }
    for (const column of this.values.values()) if (column.length < t + 1) column.push(NaN);
  }

  snapshot(): MetricHistorySnapshot {
    const values: Record<string, Float32Array> = {};
    for (const [name, column] of this.values) values[name] = Float32Array.from(column);
    return { steps: Float32Array.from(this.steps), values };
  }

  private thin(): void {
    this.stride *= 2;
    const keep = this.steps.map((s) => s % this.stride === 0);
    const pick = <T>(a: T[]) => a.filter((_, i) => keep[i]);
    this.steps = pick(this.steps);
    for (const [name, column] of this.values) this.values.set(name, pick(column));
  }
}
