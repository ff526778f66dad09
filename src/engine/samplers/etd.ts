import { ETD_PARAMS } from '../etd/params';
import { etdParamsFor } from '../etd/variantParams';
import { ETD_VARIANTS, type EtdVariant } from '../etd/variants';
import { EtdSampler } from './etdSampler';
import { etdStepMs, numberOr } from './stepCost';
import type { SamplerModule } from './types';

/** What every ETD card says (docs/algorithms.md §1); each variant adds what is particular to it (../etd/variants.ts). */
const ETD_DOES =
  'Entropic Transport Descent treats every step as a transport problem: each particle proposes M Langevin moves, all proposals are pooled and weighted by how much the target wants them, and Sinkhorn finds a plan that sends the particles onto the weighted pool. Each particle then takes one proposal drawn from its row of the plan, so a particle in one mode can take a proposal born in another.';

const ETD_WHERE =
  'y_j are the pooled proposals (mean x_i + α s_i, noise σ), b_j ∝ π(y_j)/q(y_j) their importance weights, C_ij the normalised cost, ε the entropic blur and γ̄_i row i of the plan normalised to sum 1.';

const ETD_WEAK = [
  'Each step costs N × N·M kernel entries: a few hundred particles is interactive, thousands are not.',
  'Small ε makes the plan sharp but Sinkhorn slow (it may stop at its iteration cap; the diagnostics say so).',
  'The importance weights degenerate when few proposals land where the target has mass (far starts, high dimensions): the effective sample size drops.',
  'With the barycentric update each particle moves to its row average, which lands between modes and collapses the spread.',
];

/** Every ETD parameter in the words a teacher would say. */
export const ETD_WORDS: { readonly [K in keyof typeof ETD_PARAMS]: string } = {
  guidance: 'Proposal guidance (score-guided or score-free)',
  eps: 'Entropic blur ε (relative to a typical cost)',
  M: 'Proposals per particle',
  alpha: 'Score step size α',
  fdr: 'Langevin noise tied to the step (σ = √(2α))',
  sigma: 'Proposal noise σ',
  clip: 'Longest score allowed (longer ones are shortened)',
  coupling: 'Transport constraint (balanced, unbalanced or semi-relaxed)',
  rho: 'Softness of the target marginal ρ (large = exact)',
  update: 'How a particle moves (draw one proposal, or the row average)',
  eta: 'Damping η (fraction of the way each particle moves)',
  maxIter: 'Most Sinkhorn iterations per step',
  tol: 'Sinkhorn stopping tolerance (marginal error)',
  relax: 'Sinkhorn over-relaxation',
  warmStart: "Start Sinkhorn from the previous step's potentials",
  cost: 'Transport cost (squared distance or Langevin residual)',
  costScale: 'What ε is relative to (median or mean cost)',
  precond: "Preconditioner (none, the particles' covariance, or a diagonal from squared scores)",
  precondProposals: 'Preconditioner shapes the proposals',
  precondCost: 'Preconditioner whitens the transport cost',
  precondShrink: 'Shrinkage of the covariance towards its diagonal',
  precondEma: 'Memory of the covariance average (0 = fresh each step)',
  precondBeta: 'Memory of the squared-score average (diagonal)',
  precondMutation: 'MCMC moves use the covariance factor too',
  mutation: 'Extra MCMC moves after the transport step',
  mutationSteps: 'MCMC moves per particle per step',
  mutationStep: 'MCMC step size',
};

/** One ETD variant as a sampler module: the shared step with the variant's choices. */
function etdModule(name: string, v: EtdVariant): SamplerModule<typeof ETD_PARAMS> {
  const defaults = etdParamsFor(v);
  return {
    name,
    label: v.label,
    family: 'etd',
    doc: v.doc,
    params: ETD_PARAMS,
    defaults,
    create: (init) => new EtdSampler(name, v, init),
    stepMs: (n, params, d, worst) =>
      etdStepMs(n, { M: numberOr(params, 'M', defaults.M), maxIter: numberOr(params, 'maxIter', defaults.maxIter), coupling: String(params.coupling ?? defaults.coupling) }, d, worst),
    card: { does: `${ETD_DOES} ${v.card.particular}`, rule: v.card.rule, where: ETD_WHERE, weaknesses: [...ETD_WEAK, ...(v.card.weaknesses ?? [])] },
    words: ETD_WORDS,
  };
}

/** The paper's ETD variants (../etd/variants.ts), in its order. */
export const ETD_SAMPLERS: readonly SamplerModule[] = Object.entries(ETD_VARIANTS).map(([name, v]) => etdModule(name, v));
