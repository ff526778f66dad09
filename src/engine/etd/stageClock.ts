/** The stages of one ETD step, in order, as `npm run bench` reports them. */
export const ETD_STAGES = [
  'scores',
  'proposals',
  'target density',
  'mixture density',
  'cost scale',
  'kernel build',
  'sinkhorn iterations',
  'final row pass',
  'update',
  'mutation',
  'preconditioner',
] as const;

export type EtdStage = (typeof ETD_STAGES)[number];

/**
 * Splits a step's time into stages: mark(stage) charges the time since the previous mark to
 * that stage. Optional everywhere (undefined in normal runs: no clock reads at all).
 */
export class StageClock {
  readonly totals = new Map<EtdStage, number>();
  private last = performance.now();

  start(): void {
    this.last = performance.now();
  }

  mark(stage: EtdStage): void {
    const t = performance.now();
    this.totals.set(stage, (this.totals.get(stage) ?? 0) + (t - this.last));
    this.last = t;
  }
}
