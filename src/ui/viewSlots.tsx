/**
 * The plan view, metric charts and marginal histograms as panel slots: each registers what it
 * needs in worker frames (plan images, metric history) while it is mounted.
 */
import { useEffect } from 'react';
import { needInFrames } from '../run/frameNeeds';
import { MarginalHistograms } from './metrics/MarginalHistograms';
import { MetricsArea } from './metrics/MetricsArea';
import { PlanView } from './plan/PlanView';

/** Ask for `need` in every frame while mounted. */
function useFrameNeed(need: 'plan' | 'history'): void {
  useEffect(() => needInFrames(need), [need]);
}

export function PlanSlot({ panel }: { panel: number }) {
  useFrameNeed('plan');
  return <PlanView panel={panel} />;
}

export function MetricsSlot() {
  useFrameNeed('history');
  return <MetricsArea />;
}

export function HistogramsSlot({ panel }: { panel: number }) {
  return <MarginalHistograms panel={panel} />;
}
