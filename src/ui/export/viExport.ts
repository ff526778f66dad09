/**
 * "Variational q (JSON)": every variational panel's q (Gaussian or mixture VI) in all d
 * coordinates, asked of each panel's worker: weights, means and covariances of the components,
 * with the panel's sampler, parameters and iteration and the experiment's target, N and seed.
 */
import { latestFrame } from '../../run/latestFrame';
import { viParameters } from '../../run/pagePool';
import { useAppStore } from '../../store';
import { ExportError } from './composeFigure';
import { download, exportFileName } from './exportFiles';
import { targetName } from './figureLabels';

/** Panels (0-based) that draw a variational q now. */
const viPanels = (): number[] => (latestFrame.current?.panels ?? []).flatMap((p, k) => (p.gaussians ? [k] : []));

/** Why there is nothing to export, or null. */
export function viUnavailable(): string | null {
  return viPanels().length ? null : 'No variational panel: add a Gaussian VI or mixture VI panel.';
}

export async function exportViParameters(): Promise<void> {
  const panels = viPanels();
  if (panels.length === 0) throw new ExportError(viUnavailable()!);
  const s = useAppStore.getState();
  const qs = await Promise.all(
    panels.map(async (k) => {
      const q = await viParameters(k);
      return { panel: k + 1, params: { ...s.panels[k]?.params }, ...q };
    }),
  );
  const doc = {
    what: 'q = sum_c weight_c N(mean_c, covariance_c) of every variational panel, in all d coordinates (covariance = S S^T of the component\'s scale S)',
    target: targetName(s.targetSpec),
    targetSpec: s.targetSpec,
    n: s.settings.n,
    seed: s.settings.seed,
    panels: qs,
  };
  download(exportFileName('vi-parameters', 'json', new Date()), new Blob([JSON.stringify(doc, null, 1) + '\n'], { type: 'application/json' }));
}
