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
}

export const ETD_VARIANTS: Readonly<Record<string, EtdVariant>> = {
  'etd-b': { label: 'ETD-B', doc: 'Balanced coupling, score-guided proposals.', base: { coupling: 'balanced', guidance: 'score' } },
  'etd-ub-sg': { label: 'ETD-UB-SG', doc: 'Unbalanced coupling (rho = 1), score-guided proposals.', base: { coupling: 'unbalanced', guidance: 'score' } },
  'etd-ub-sf': { label: 'ETD-UB-SF', doc: 'Unbalanced coupling, score-free proposals: only values of pi are used.', base: { coupling: 'unbalanced', guidance: 'score-free' } },
  'etd-b-sf': { label: 'ETD-B-SF', doc: 'Balanced coupling, score-free proposals.', base: { coupling: 'balanced', guidance: 'score-free' } },
  'etd-sr': { label: 'ETD-SR', doc: 'Semi-relaxed (Gibbs) coupling in closed form, score-guided.', base: { coupling: 'semi-relaxed', guidance: 'score' } },
  'lret-b': {
    label: 'LRET-B',
    doc: 'Balanced coupling with the Langevin-residual cost and alpha = eps.',
    base: { coupling: 'balanced', guidance: 'score', cost: 'langevin-residual' },
    derive: (p, overridden) => (overridden.has('alpha') ? p : { ...p, alpha: p.eps }),
  },
};
