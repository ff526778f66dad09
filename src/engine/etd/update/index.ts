import { lookup } from '../../lookup';
import { barycentricUpdate } from './barycentric';
import { categoricalUpdate } from './categorical';
import type { UpdateFn } from './types';

export const UPDATES = { categorical: categoricalUpdate, barycentric: barycentricUpdate } as const;
export const getUpdate = (name: string): UpdateFn => lookup('update', UPDATES, name);
export type { UpdateFn } from './types';
