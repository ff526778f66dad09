import { lookup } from '../../lookup';
import { euclideanCost } from './euclidean';
import { langevinResidualCost } from './langevinResidual';
import { meanCostScale, medianCostScale } from './scale';
import type { CostFn, CostScaleFn } from './types';

export const COSTS = { euclidean: euclideanCost, 'langevin-residual': langevinResidualCost } as const;
export const COST_SCALES = { median: medianCostScale, mean: meanCostScale } as const;

export const getCost = (name: string): CostFn => lookup('cost', COSTS, name);
export const getCostScale = (name: string): CostScaleFn => lookup('cost normalisation', COST_SCALES, name);
export type { CostFn, CostScaleFn, QuadraticCost } from './types';
