import { etdComponents, type EtdComponents } from '../etd/components';
import type { EtdParams } from '../etd/params';
import { etdParamsFor } from '../etd/variantParams';
import { etdStep, etdStepAsync, type EtdState } from '../etd/step';
import { getPreconditioner } from '../etd/preconditioner';
import { precondSettings } from '../etd/preconditioner/params';
import type { StageClock } from '../etd/stageClock';
import type { StepRecorder } from '../etd/stages/record';
import { gpuCoupling } from '../gpu/gpuCoupling';
import type { GpuSinkhorn } from '../gpu/sinkhornGpu';
import type { EtdVariant } from '../etd/variants';
import { Rng, STREAM } from '../random/rng';
import { dimOf, type Target } from '../targets/types';
import { distinctFraction, particleHealth } from './health';
import type { Diagnostics, Sampler, SamplerInit } from './types';

export { etdParamsFor };

export class EtdSampler implements Sampler {
  readonly n: number;
  /** d, the dimension of the target and of every particle. */
  readonly dim: number;
  readonly params: EtdParams;
  private readonly state: EtdState;
  private readonly components: EtdComponents;
  private readonly rng: Rng;
  private steps = 0;

  constructor(
    readonly label: string,
    variant: EtdVariant,
    private readonly init: SamplerInit,
  ) {
    const d = (this.dim = dimOf(init.target));
    if (init.initial.length < d || init.initial.length % d) throw new Error(`invalid initial cloud: need (n, ${d}) coordinates, got ${init.initial.length} numbers`);
    this.params = etdParamsFor(variant, init.params);
    this.components = etdComponents(this.params);
    this.n = init.initial.length / d;
    const x = Float64Array.from(init.initial);
    // The first factor comes from the initial cloud (the authors' init), kept in the sampler's state.
    const precond = getPreconditioner(this.params.precond)(x, d, precondSettings(this.params));
    this.state = { x, warm: null, last: null, precond };
    this.rng = new Rng(init.seed, STREAM.sampler);
  }

  get iteration(): number {
    return this.steps;
  }

  positions(): Float64Array {
    return this.state.x;
  }

  /** The last transport problem and plan (null before the first step). */
  lastCoupling(): EtdState['last'] {
    return this.state.last;
  }

  /**
   * One step (on the CPU path); a clock, when given, receives the time of each stage (benchmarks),
   * a recorder every intermediate (the stage-by-stage view).
   */
  step(clock?: StageClock, rec?: StepRecorder): Diagnostics {
    const d = etdStep(this.state, this.init.target, this.params, this.components, this.rng, clock, rec);
    this.steps++;
    return { ...d, ...this.health() };
  }

  private health(): Diagnostics {
    const { box, unboundedX } = this.init.target;
    return { distinct: distinctFraction(this.state.x, this.dim), ...particleHealth(this.state.x, box, unboundedX, this.dim) };
  }

  /** Whether stepAsync(gpu) would solve the coupling on the GPU (the closed-form coupling never does). */
  couplesOn(gpu: GpuSinkhorn | null): boolean {
    return gpu !== null && this.components.coupling.lamB !== null;
  }

  /**
   * One step with the Sinkhorn iterations on the fused GPU kernels (when given and the
   * coupling iterates); otherwise the same as step(). Same random stream either way.
   */
  async stepAsync(gpu: GpuSinkhorn | null): Promise<Diagnostics> {
    const lamB = this.components.coupling.lamB;
    if (!gpu || lamB === null) return this.step();
    const d = await etdStepAsync(this.state, this.init.target, this.params, this.components, this.rng, gpuCoupling(gpu, lamB));
    this.steps++;
    return { ...d, gpu: 1, ...this.health() };
  }
}
