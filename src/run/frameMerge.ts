import type { PanelFrame } from '../../workers/samplerApi';

/**
 * A new frame as the panel shows it: a frame without a plan or history keeps the last ones (unless
 * the panel went back: a reset or restart); a plan of the same step keeps its object, so views that
 * compare by identity skip it.
 */
export function mergeFrame(prev: PanelFrame, frame: PanelFrame): PanelFrame {
  const current = <T extends { iteration: number }>(p: T | undefined): p is T => !!p && p.iteration <= frame.iteration;
  let plan = frame.plan ?? (current(prev.plan) ? prev.plan : undefined);
  if (plan && prev.plan && plan !== prev.plan && prev.plan.iteration === plan.iteration && prev.iteration <= frame.iteration) plan = prev.plan;
  const lastRecorded = prev.metricHistory ? prev.metricHistory.steps[prev.metricHistory.steps.length - 1] ?? 0 : -1;
  const metricHistory = frame.metricHistory ?? (prev.metricHistory && lastRecorded <= frame.iteration ? prev.metricHistory : undefined);
  return plan === frame.plan && metricHistory === frame.metricHistory ? frame : { ...frame, plan, metricHistory };
}
