/**
 * Every sampler parameter in words, for people who do not read the code: the name a teacher
 * would say. Keyed by the declared parameter name (src/engine/.../*_PARAMS); a test checks
 * that every declared parameter has one.
 */
export const PARAM_WORDS: Readonly<Record<string, string>> = {
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
  lr: 'Step size (learning rate)',
  step: 'How steps are scaled (AdaGrad with momentum, or plain)',
  annealSteps: 'Steps over which the target is faded in',
  e0: 'First step size ε₀',
  b: 'Step-decay offset b',
  gamma: 'Step-decay power γ',
  tau: 'Gradient noise τ (minibatch stand-in)',
  h: 'Step size h',
  T: 'Softmax temperature T',
  K: 'Samples of q per step',
  s0: 'Initial width of q (times the initial cloud’s spread)',
  C: 'Gaussian components (equal weights)',
};

/** The words for a parameter, or its declared name when none are written (never empty). */
export const paramWords = (name: string): string => (Object.hasOwn(PARAM_WORDS, name) ? PARAM_WORDS[name] : name);
