import { getCost, getCostScale, type CostFn, type CostScaleFn } from './costs';
import { getCoupling, type CouplingFn } from './coupling';
import { getMutation, type MutationFn } from './mutation';
import { type EtdParams } from './params';
import { freeScores, guidedScores, type ScoreFn } from './proposals/scores';
import { getUpdate, type UpdateFn } from './update';
import { lookup } from '../registry';

/** One function per algorithm axis: an ETD variant is a choice of each. */
export interface EtdComponents {
  readonly scores: ScoreFn;
  readonly cost: CostFn;
  readonly costScale: CostScaleFn;
  readonly coupling: CouplingFn;
  readonly update: UpdateFn;
  readonly mutation: MutationFn;
}

const SCORES: Record<string, ScoreFn> = { score: guidedScores, 'score-free': freeScores };

export function etdComponents(p: EtdParams): EtdComponents {
  return {
    scores: lookup('guidance', SCORES, p.guidance),
    cost: getCost(p.cost),
    costScale: getCostScale(p.costScale),
    coupling: getCoupling(p.coupling, { rho: p.rho }),
    update: getUpdate(p.update),
    mutation: getMutation(p.mutation),
  };
}
