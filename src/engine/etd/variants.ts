import type { EtdParams } from './params';

/**
 * Paper-style ETD variants: each is a choice along the algorithm's axes, applied on top of the
 * defaults and under the user's overrides. `derive` ties a parameter to another when the user
 * did not set it (LRET-B's alpha = eps).
 */
export interface EtdVariant {
  readonly label: string;
  readonly doc: string;
  readonly base: Partial<EtdParams>;
  readonly derive?: (p: EtdParams, overridden: ReadonlySet<string>) => EtdParams;
  /** Its About card beside what every ETD card says (src/engine/samplers/etd.ts): what is particular, its rule in TeX, its own weaknesses. */
  readonly card: { readonly particular: string; readonly rule: string; readonly weaknesses?: readonly string[] };
}

/** The move and the plan's constraints of the balanced and the unbalanced variants, in TeX. */
const BALANCED_RULE = String.raw`x_i \leftarrow y_{j^*},\; j^* \sim \bar\gamma_{i\cdot},\qquad \gamma = \operatorname*{arg\,min}_{\gamma\mathbf 1 = a,\; \gamma^{\top}\mathbf 1 = b}\ \langle \gamma, C\rangle - \varepsilon H(\gamma)`;
const UNBALANCED_RULE = String.raw`x_i \leftarrow y_{j^*},\; j^* \sim \bar\gamma_{i\cdot},\qquad \gamma = \operatorname*{arg\,min}_{\gamma\mathbf 1 = a}\ \langle \gamma, C\rangle - \varepsilon H(\gamma) + \tau\,\mathrm{KL}(\gamma^{\top}\mathbf 1 \,\|\, b)`;
const SCORE_FREE_WEAK = 'Without the score, proposals are blind random steps: moving far (towards a distant mode) takes many more steps than with score guidance.';

export const ETD_VARIANTS: Readonly<Record<string, EtdVariant>> = {
  'etd-b': {
    label: 'ETD-B',
    doc: 'Balanced coupling, score-guided proposals.',
    base: { coupling: 'balanced', guidance: 'score' },
    card: { particular: 'ETD-B uses score-guided proposals and a balanced plan: every proposal receives exactly its weight.', rule: BALANCED_RULE },
  },
  'etd-ub-sg': {
    label: 'ETD-UB-SG',
    doc: 'Unbalanced coupling (rho = 1), score-guided proposals.',
    base: { coupling: 'unbalanced', guidance: 'score' },
    card: {
      particular:
        'ETD-UB-SG relaxes the proposal side of the plan (unbalanced, strength ρ = τ/ε): proposals may receive more or less than their weight, which makes the plan less rigid.',
      rule: UNBALANCED_RULE,
      weaknesses: ['The soft target marginal lets the cloud drift from the weights where the cost pulls hard; on improper targets (U2-U4 without confinement) it spreads without limit, as the paper shows.'],
    },
  },
  'etd-ub-sf': {
    label: 'ETD-UB-SF',
    doc: 'Unbalanced coupling, score-free proposals: only values of pi are used.',
    base: { coupling: 'unbalanced', guidance: 'score-free' },
    card: { particular: 'ETD-UB-SF is the unbalanced plan with score-free proposals: only values of the density are used, never its gradient.', rule: UNBALANCED_RULE, weaknesses: [SCORE_FREE_WEAK] },
  },
  'etd-b-sf': {
    label: 'ETD-B-SF',
    doc: 'Balanced coupling, score-free proposals.',
    base: { coupling: 'balanced', guidance: 'score-free' },
    card: { particular: 'ETD-B-SF is the balanced plan with score-free proposals: only values of the density are used.', rule: BALANCED_RULE, weaknesses: [SCORE_FREE_WEAK] },
  },
  'etd-sr': {
    label: 'ETD-SR',
    doc: 'Semi-relaxed (Gibbs) coupling in closed form, score-guided.',
    base: { coupling: 'semi-relaxed', guidance: 'score' },
    card: {
      particular: 'ETD-SR keeps only the particle side of the plan (semi-relaxed): the plan has a closed form, a softmax per row, so no Sinkhorn iterations are needed.',
      rule: String.raw`x_i \leftarrow y_{j^*},\; j^* \sim \bar\gamma_{i\cdot},\qquad \gamma_{ij} = a_i\,\operatorname{softmax}_j\!\Big(\log b_j - \frac{C_{ij}}{\varepsilon}\Big)`,
      weaknesses: ['Nothing forces the proposals to be shared out: many particles can pick the same heavy proposal, so the cloud can lose diversity.'],
    },
  },
  'lret-b': {
    label: 'LRET-B',
    doc: 'Balanced coupling with the Langevin-residual cost and alpha = eps.',
    base: { coupling: 'balanced', guidance: 'score', cost: 'langevin-residual' },
    derive: (p, overridden) => (overridden.has('alpha') ? p : { ...p, alpha: p.eps }),
    card: {
      particular: 'LRET-B measures the cost as the Langevin residual, so a proposal is cheap when it is where a Langevin step from x_i would go (the score step α equals ε).',
      rule: String.raw`x_i \leftarrow y_{j^*},\; j^* \sim \bar\gamma_{i\cdot},\qquad C_{ij} = \frac{\lVert y_j - x_i - \varepsilon s(x_i)\rVert^2}{4\varepsilon}`,
    },
  },
};
