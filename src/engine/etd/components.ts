import { getCost, getCostScale, type CostFn, type CostScaleFn } from './costs';
import { couplingAxis, type Coupling } from './coupling';
import { getMutation, type MutationFn } from './mutation';
import { type EtdParams } from './params';
import { SCORES, type ScoreFn } from './proposals/scores';
import { getUpdate, type UpdateFn } from './update';
import { lookup } from '../lookup';

/** One function per algorithm axis: an ETD variant is a choice of each. */
export interface EtdComponents {
  readonly scores: ScoreFn;
  readonly cost: CostFn;
  readonly costScale: CostScaleFn;
  readonly coupling: Coupling;
  readonly update: UpdateFn;
  readonly mutation: MutationFn;
}


export function etdComponents(p: EtdParams): EtdComponents {
  return {
    scores: lookup('guidance', SCORES, p.guidance),
    cost: getCost(p.cost),
    costScale: getCostScale(p.costScale),
    coupling: couplingAxis(p.coupling, { rho: p.rho }),
    update: getUpdate(p.update),
    mutation: getMutation(p.mutation),
  };
}
