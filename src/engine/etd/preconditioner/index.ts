import { lookup } from '../../lookup';
import { createCholesky } from './cholesky';
import { createDiagonal } from './diagonal';
import type { PreconditionerFactory } from './types';

/** The preconditioner axis by name: none (the isotropic ETD), the authors' Cholesky factor, or their diagonal RMSProp. */
export const PRECONDITIONERS = {
  none: () => null,
  cholesky: createCholesky,
  diagonal: createDiagonal,
} as const satisfies Record<string, PreconditionerFactory>;

export const getPreconditioner = (name: string): PreconditionerFactory => lookup<PreconditionerFactory>('preconditioner', PRECONDITIONERS, name);
export type { PrecondSettings, Preconditioner, PreconditionerFactory, StepShape } from './types';
export { driftAll } from './types';
