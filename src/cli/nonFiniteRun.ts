import type { RunResult } from '../engine/experiment/run';
import { firstNonFinite } from '../engine/targets/nonFinite';
import type { Target } from '../engine/targets/types';

const fmt = (v: number): string => String(Number(v.toPrecision(6)));

/**
 * Why a run's output is broken, or null: the first checkpoint with non-finite positions (JSON
 * writes them as null), how many, and for the first such particle where it was at the previous
 * checkpoint and whether the target was already not finite there (with its explanation) or the
 * sampler's own step diverged.
 */
export function nonFiniteRunMessage(result: RunResult, target: Target): string | null {
  for (const panel of result.panels ?? [{ sampler: String(result.config.sampler), checkpoints: result.checkpoints }]) {
    const message = panelMessage(panel.checkpoints, panel.sampler, target);
    if (message) return message;
  }
  return null;
}

function panelMessage(cps: RunResult['checkpoints'], sampler: string, target: Target): string | null {
  const finite = (p: readonly number[]) => p.every(Number.isFinite);
  const k = cps.findIndex((c) => !c.positions.every(finite));
  if (k < 0) return null;
  const { step, positions } = cps[k];
  const bad = positions.filter((p) => !finite(p)).length;
  const head = `${bad} of ${positions.length} particles are not finite at step ${step} (${sampler} on ${target.name})`;
  if (k === 0) return head;
  const i = positions.findIndex((p) => !finite(p));
  const before = cps[k - 1].positions[i];
  const prev = cps[k - 1].step;
  if (!finite(before)) return head;
  // A d-dimensional target's view only evaluates the whole point: name where it was, not (x, y).
  if (before.length !== 2) return `${head}; particle ${i} was finite at step ${prev}: the sampler's steps diverged from there (try a smaller step size)`;
  const [x, y] = before;
  const point = Float64Array.of(x, y);
  const broken = firstNonFinite(target, point, target.logDensity(point), target.score(point));
  const was = `${head}; particle ${i} was at (x, y) = (${fmt(x)}, ${fmt(y)}) at step ${prev}`;
  if (broken) return `${was}, where ${broken.what} is not finite${broken.explanation ? `: ${broken.explanation.message}` : ''}`;
  return `${was}, where log pi and the score are finite: the sampler's steps diverged from there (try a smaller step size)`;
}
