/**
 * Metric histories of every panel, remembered across frames that do not carry one (frames
 * include metricHistory only when asked for), and turned into chart series.
 */
import type { MetricHistory, PanelFrame } from '../../../workers/samplerApi';
import { chartMetricsOf, type ChartSet, type Series } from './chartScales';

export class HistoryBook {
  private readonly byPanel: (MetricHistory | null)[] = [];

  /** Take the newest histories; a panel whose iteration went back (reset, restart) forgets its old one. */
  update(panels: readonly PanelFrame[]): void {
    this.byPanel.length = panels.length;
    panels.forEach((p, i) => {
      const old = this.byPanel[i] ?? null;
      if (p.metricHistory) this.byPanel[i] = p.metricHistory;
      else if (old && old.steps.length && p.iteration < old.steps[old.steps.length - 1]) this.byPanel[i] = null;
      else this.byPanel[i] = old;
    });
  }

  /** Changes whenever any chart would change (per panel: records and last step). */
  signature(): string {
    return this.byPanel.map((h) => (h ? `${h.steps.length}:${h.steps[h.steps.length - 1] ?? -1}` : '-')).join('|');
  }

  /** Charted metrics of the set that some panel has recorded, in the set's order (CHART_METRICS for exact targets). */
  metrics(set: ChartSet = 'exact'): string[] {
    return chartMetricsOf(set).filter((m) => this.byPanel.some((h) => h && h.steps.length > 0 && h.values[m]));
  }

  series(metric: string): Series[] {
    const out: Series[] = [];
    this.byPanel.forEach((h, panel) => {
      const values = h?.values[metric];
      if (h && values && h.steps.length > 0) out.push({ panel, steps: h.steps, values });
    });
    return out;
  }
}

/** "panel: value" of every panel running MALA (its diagnostics carry the running acceptanceMean). */
export function malaAcceptance(panels: readonly PanelFrame[]): { panel: number; value: number }[] {
  const out: { panel: number; value: number }[] = [];
  panels.forEach((p, panel) => {
    const v = p.diagnostics.acceptanceMean;
    if (v !== undefined && Number.isFinite(v)) out.push({ panel, value: v });
  });
  return out;
}
