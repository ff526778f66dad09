/**
 * "About this sampler": what each sampler does, its update rule as one formula (TeX), and what it
 * is known to get wrong. Written for a lecture, checked against docs/algorithms.md; the
 * parameters are described from their declarations (src/ui/text/paramWords.ts), not here.
 */
export interface SamplerCard {
  /** What it does, in two or three sentences. */
  readonly does: string;
  /** Its update rule, one display formula in TeX. */
  readonly rule: string;
  /** What the symbols in the rule are. */
  readonly where: string;
  /** What it is known to get wrong. */
  readonly weaknesses: readonly string[];
}

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

const balancedRule = String.raw`x_i \leftarrow y_{j^*},\; j^* \sim \bar\gamma_{i\cdot},\qquad \gamma = \operatorname*{arg\,min}_{\gamma\mathbf 1 = a,\; \gamma^{\top}\mathbf 1 = b}\ \langle \gamma, C\rangle - \varepsilon H(\gamma)`;
const unbalancedRule = String.raw`x_i \leftarrow y_{j^*},\; j^* \sim \bar\gamma_{i\cdot},\qquad \gamma = \operatorname*{arg\,min}_{\gamma\mathbf 1 = a}\ \langle \gamma, C\rangle - \varepsilon H(\gamma) + \tau\,\mathrm{KL}(\gamma^{\top}\mathbf 1 \,\|\, b)`;

const etd = (extra: string, rule: string, weak: readonly string[] = []): SamplerCard => ({
  does: `${ETD_DOES} ${extra}`,
  rule,
  where: ETD_WHERE,
  weaknesses: [...ETD_WEAK, ...weak],
});

const SCORE_FREE_WEAK = 'Without the score, proposals are blind random steps: moving far (towards a distant mode) takes many more steps than with score guidance.';

export const SAMPLER_CARDS: Readonly<Record<string, SamplerCard>> = {
  'etd-b': etd('ETD-B uses score-guided proposals and a balanced plan: every proposal receives exactly its weight.', balancedRule),
  'etd-ub-sg': etd(
    'ETD-UB-SG relaxes the proposal side of the plan (unbalanced, strength ρ = τ/ε): proposals may receive more or less than their weight, which makes the plan less rigid.',
    unbalancedRule,
    ['The soft target marginal lets the cloud drift from the weights where the cost pulls hard; on improper targets (U2-U4 without confinement) it spreads without limit, as the paper shows.'],
  ),
  'etd-ub-sf': etd('ETD-UB-SF is the unbalanced plan with score-free proposals: only values of the density are used, never its gradient.', unbalancedRule, [SCORE_FREE_WEAK]),
  'etd-b-sf': etd('ETD-B-SF is the balanced plan with score-free proposals: only values of the density are used.', balancedRule, [SCORE_FREE_WEAK]),
  'etd-sr': etd(
    'ETD-SR keeps only the particle side of the plan (semi-relaxed): the plan has a closed form, a softmax per row, so no Sinkhorn iterations are needed.',
    String.raw`x_i \leftarrow y_{j^*},\; j^* \sim \bar\gamma_{i\cdot},\qquad \gamma_{ij} = a_i\,\operatorname{softmax}_j\!\Big(\log b_j - \frac{C_{ij}}{\varepsilon}\Big)`,
    ['Nothing forces the proposals to be shared out: many particles can pick the same heavy proposal, so the cloud can lose diversity.'],
  ),
  'lret-b': etd(
    'LRET-B measures the cost as the Langevin residual, so a proposal is cheap when it is where a Langevin step from x_i would go (the score step α equals ε).',
    String.raw`x_i \leftarrow y_{j^*},\; j^* \sim \bar\gamma_{i\cdot},\qquad C_{ij} = \frac{\lVert y_j - x_i - \varepsilon s(x_i)\rVert^2}{4\varepsilon}`,
  ),
  svgd: {
    does: 'Stein variational gradient descent moves every particle along a smoothed score: the target’s pull averaged over nearby particles, plus a kernel repulsion that keeps the particles apart. It is deterministic and needs the score of the target.',
    rule: String.raw`x_i \leftarrow x_i + \epsilon\,\phi(x_i),\qquad \phi(x_i) = \frac1N\sum_{j} \Big[k(x_j, x_i)\, \nabla \log \pi(x_j) + \nabla_{x_j} k(x_j, x_i)\Big]`,
    where: 'k(x, y) = exp(−‖x − y‖²/h) with the median-heuristic bandwidth h; the step ε is scaled per coordinate by AdaGrad with momentum.',
    weaknesses: [
      'The repulsion weakens as the dimension grows, so the cloud’s variance collapses in high dimensions.',
      'Particles stay in the modes near where they start: distant modes are missed or get the wrong share.',
      'One bandwidth for the whole cloud: too wide on multimodal targets, too narrow inside one mode.',
    ],
  },
  'gf-svgd': {
    does: 'Gradient-free SVGD replaces the target’s score by the score of a surrogate density built from the particles, and reweights each particle by how over-crowded its spot is compared with the target, so only values of the density are needed.',
    rule: String.raw`\phi(x_i) = \sum_j w_j \Big[k(x_j, x_i)\,\nabla\log\rho(x_j) + \nabla_{x_j} k(x_j, x_i)\Big],\qquad w_j \propto \frac{\rho(x_j)}{\pi(x_j)}`,
    where: 'ρ is the surrogate density (a kernel density estimate of the particles), w_j sum to 1.',
    weaknesses: [
      'When the surrogate is far from the target, a few weights dominate and the update follows those few particles.',
      'Inherits SVGD’s loss of variance and its attachment to the starting modes.',
    ],
  },
  'agf-svgd': {
    does: 'Annealed gradient-free SVGD fades the target in: it first aims at the particles’ own starting spread and moves the goal towards the target over the first steps, so the weights stay tame. No gradient of the density is needed.',
    rule: String.raw`\pi_\beta = \pi^{\beta}\,\rho_0^{\,1-\beta},\quad \beta: 0 \to 1,\qquad w_j \propto \frac{\rho(x_j)}{\pi_\beta(x_j)}`,
    where: 'ρ₀ is the initial particle distribution, β rises linearly over the annealing steps, then the update is GF-SVGD’s.',
    weaknesses: [
      'Results depend on the annealing length: too short and the weights degenerate, too long and it has not reached the target when you look.',
      'After annealing it behaves like GF-SVGD, with the same loss of variance.',
    ],
  },
  sgld: {
    does: 'Stochastic gradient Langevin dynamics: each particle takes a Langevin step (half the step along the score, plus Gaussian noise of that variance) with a step that shrinks over time; the particles do not interact.',
    rule: String.raw`x \leftarrow x + \frac{\epsilon_t}{2}\,\hat s(x) + \sqrt{\epsilon_t}\,\xi,\qquad \epsilon_t = \epsilon_0 \Big(\frac{b}{b+t}\Big)^{\gamma}`,
    where: 'ŝ is the clipped score (plus optional noise standing in for minibatches), ξ ~ N(0, I).',
    weaknesses: [
      'The shrinking step slows mixing: particles rarely cross between modes, so mode shares keep their starting proportions.',
      'Biased at any finite step size; the bias fades only as the step decays.',
    ],
  },
  ula: {
    does: 'The unadjusted Langevin algorithm: each particle steps along the clipped score and adds Gaussian noise, with no accept/reject; the particles do not interact.',
    rule: String.raw`x \leftarrow x + h\, s(x) + \sqrt{2h}\,\xi,\qquad \xi \sim \mathcal N(0, I)`,
    where: 's(x) = ∇ log π(x), shortened to the clip length when longer.',
    weaknesses: [
      'A finite step h leaves a bias of order h: the cloud is slightly too wide.',
      'Crossing between separated modes takes exponentially long.',
    ],
  },
  mala: {
    does: 'Metropolis-adjusted Langevin: a Langevin step is proposed for each particle and accepted or rejected so that each chain targets π exactly.',
    rule: String.raw`y = x + h\,s(x) + \sqrt{2h}\,\xi,\qquad \text{accept with } \min\!\Big(1, \frac{\pi(y)\,q(x\mid y)}{\pi(x)\,q(y\mid x)}\Big)`,
    where: 'q(y | x) = N(y; x + h s(x), 2h I); the acceptance rate is in the diagnostics.',
    weaknesses: [
      'Large h gives many rejections (particles stand still); small h moves slowly.',
      'Exact in the limit, but like ULA it rarely crosses between separated modes.',
    ],
  },
  mppi: {
    does: 'MPPI, from sampling-based control: each particle draws random candidates around itself and moves to their average weighted by a softmax of the density. It climbs towards the nearest mode.',
    rule: String.raw`x_i \leftarrow \sum_m w_{im}\, y_{im},\qquad w_{im} = \operatorname{softmax}_m\!\Big(\frac{\log \pi(y_{im})}{T}\Big),\quad y_{im} = x_i + \sigma\xi_{im}`,
    where: 'T is the temperature, σ the candidates’ spread.',
    weaknesses: [
      'It optimises rather than samples: the cloud shrinks onto the modes instead of spreading like the target.',
      'Each particle only sees its own neighbourhood, so modes far from the start are never found.',
    ],
  },  gvi: {
    does: 'Gaussian variational inference moves a whole Gaussian q = N(μ, SSᵀ), not particles: each step draws K samples of q, asks the target for its score there and nudges the mean and the shape of q to lower KL(q ‖ π). This gradient step is the forward Euler step of the Bures-Wasserstein gradient flow (Yi & Liu 2023). The dots are draws of q with fixed noise, so they move with the ellipse.',
    rule: String.raw`\mu \leftarrow \mu + \frac hK \sum_{k} g_k\qquad S \leftarrow S + \frac hK \sum_{k} g_k\,\xi_k^{\top}\qquad g_k = \nabla\log\pi(z_k) + S^{-\top}\xi_k\qquad z_k = \mu + S\,\xi_k`,
    where: 'ξ_k ~ N(0, I) are the K base draws of a step; S^{-⊤}ξ_k = −∇ log q(z_k) with q held fixed (the path-derivative gradient), so only the score of π is needed. In expectation the step is μ′ = E[∇ log π], S′ = (E[∇² log π] + Σ⁻¹) S. The ellipses are 1 and 2 standard deviations of q.',
    weaknesses: [
      'It minimises KL(q ‖ π), which is mode-seeking: on a multimodal target the Gaussian settles on one mode (or straddles a few) and reports far too little spread.',
      'A single Gaussian cannot fit curved, heavy-tailed or multimodal shapes (banana, donut, mixtures) however long it runs.',
      'The step h must stay below about 1 / (largest curvature of −log π): the default 0.01 is safe up to curvature ~100, but it makes broad targets converge slowly (hundreds of steps); too large an h makes q blow up and the panel stops.',
    ],
  },
  'gvi-mixture': {
    does: 'Mixture VI fits an equal-weight mixture of C Gaussians: every component draws its own K samples and moves by its own path-derivative gradient of the mixture’s KL(q ‖ π), where log q is the whole mixture, so components that overlap push each other apart. Each dot belongs to one component for the whole run.',
    rule: String.raw`\mu_c \leftarrow \mu_c + \frac hK \sum_{k} g_{ck}\qquad S_c \leftarrow S_c + \frac hK \sum_{k} g_{ck}\,\xi_{ck}^{\top}\qquad g_{ck} = \nabla\log\pi(z_{ck}) - \nabla\log q(z_{ck})\qquad z_{ck} = \mu_c + S_c\,\xi_{ck}`,
    where: 'q = (1/C) Σ_j N(μ_j, S_j S_jᵀ), held fixed inside ∇ log q; each component’s gradient is taken per unit weight, so it moves like a single Gaussian. The weights stay 1/C: the Wasserstein flow moves components, not weights.',
    weaknesses: [
      'Still mode-seeking: components start near the initial cloud, and a mode that none of them reaches is never found.',
      'Equal weights: when modes carry unequal mass the mixture can only match it by stacking components in one mode.',
      'Cost grows with C² (every sample evaluates every component).',
    ],
  },
};

/** A rule's parts (separated by \qquad) stacked, so the formula fits a phone's width. */
export const stackedRule = (tex: string): string =>
  String.raw`\begin{gathered}` + tex.split(String.raw`\qquad`).join(String.raw`\\[0.3em]`) + String.raw`\end{gathered}`;
