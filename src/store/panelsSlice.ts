import type { StateCreator } from 'zustand';
import { DEFAULT_SAMPLER } from '../engine/experiment/defaults';
import { SAMPLER_LABELS } from '../engine/samplers/catalog';
import { MAX_PANELS } from '../engine/experiment/defaults';

export { MAX_PANELS };

/** One sampler panel as the user configured it. */
export interface PanelSetting {
  /** Stable identity for React keys and the panel's worker (not part of the experiment). */
  readonly id: number;
  /** Sampler name (a key of SAMPLER_INFO). */
  readonly sampler: string;
  /** Overrides of the sampler's declared defaults, by parameter name. */
  readonly params: Readonly<Record<string, number | boolean | string>>;
}

/**
 * The 1 to MAX_PANELS panels, each run by its own worker (keyed by id). Changing a panel's sampler or
 * parameters restarts only that panel; adding, removing or duplicating one leaves the others
 * running.
 */
export interface PanelsSlice {
  panels: readonly PanelSetting[];
  addPanel: (sampler?: string) => void;
  removePanel: (index: number) => void;
  duplicatePanel: (index: number) => void;
  setPanelSampler: (index: number, sampler: string) => void;
  setPanelParam: (index: number, name: string, value: number | boolean | string) => void;
  resetPanelParams: (index: number) => void;
  /** Replace every panel (a link or a named preset): 1 to MAX_PANELS samplers with their overrides. */
  loadPanels: (panels: readonly Pick<PanelSetting, 'sampler' | 'params'>[]) => void;
}

/** Samplers offered first when a panel is added: the comparison a newcomer wants to see. */
const ADD_ORDER = ['etd-b', 'svgd', 'sgld', 'etd-ub-sg', 'mala', 'agf-svgd'];

let nextId = 1;
const makePanel = (sampler: string, params: PanelSetting['params'] = {}): PanelSetting => ({ id: nextId++, sampler, params });

/** The first sampler of ADD_ORDER (then of the catalog) that no panel uses yet. */
export function nextSampler(used: readonly string[]): string {
  const order = [...ADD_ORDER.filter((s) => SAMPLER_LABELS.includes(s)), ...SAMPLER_LABELS];
  return order.find((s) => !used.includes(s)) ?? order[0] ?? DEFAULT_SAMPLER;
}

export const initialPanels = (): PanelSetting[] => [
  makePanel(SAMPLER_LABELS.includes(DEFAULT_SAMPLER) ? DEFAULT_SAMPLER : (SAMPLER_LABELS[0] ?? DEFAULT_SAMPLER)),
];

const inRange = (panels: readonly PanelSetting[], i: number) => Number.isInteger(i) && i >= 0 && i < panels.length;

export const createPanelsSlice: StateCreator<PanelsSlice, [], [], PanelsSlice> = (set) => {
  const update = (index: number, fn: (p: PanelSetting) => PanelSetting) =>
    set((s) => {
      if (!inRange(s.panels, index)) return s;
      const old = s.panels[index];
      const p = fn(old);
      return p === old ? s : { panels: s.panels.map((q, k) => (k === index ? p : q)) };
    });
  return {
    panels: initialPanels(),
    addPanel: (sampler) =>
      set((s) =>
        s.panels.length >= MAX_PANELS ? s : { panels: [...s.panels, makePanel(sampler ?? nextSampler(s.panels.map((p) => p.sampler)))] },
      ),
    removePanel: (index) =>
      set((s) => (s.panels.length <= 1 || !inRange(s.panels, index) ? s : { panels: s.panels.filter((_, k) => k !== index) })),
    duplicatePanel: (index) =>
      set((s) => {
        if (s.panels.length >= MAX_PANELS || !inRange(s.panels, index)) return s;
        const src = s.panels[index];
        const panels = [...s.panels];
        panels.splice(index + 1, 0, makePanel(src.sampler, { ...src.params }));
        return { panels };
      }),
    setPanelSampler: (index, sampler) => update(index, (p) => (p.sampler === sampler ? p : { ...p, sampler, params: {} })),
    setPanelParam: (index, name, value) =>
      update(index, (p) => (Object.is(p.params[name], value) ? p : { ...p, params: { ...p.params, [name]: value } })),
    resetPanelParams: (index) => update(index, (p) => (Object.keys(p.params).length === 0 ? p : { ...p, params: {} })),
    loadPanels: (list) =>
      set((s) => {
        const next = list.slice(0, MAX_PANELS);
        if (next.length === 0) return s;
        // A panel that keeps its sampler and parameters keeps its identity (and is not restarted).
        const panels = next.map((p, i) => {
          const old = s.panels[i];
          const same = old && old.sampler === p.sampler && JSON.stringify(old.params) === JSON.stringify(p.params);
          return same ? old : makePanel(p.sampler, { ...p.params });
        });
        return panels.length === s.panels.length && panels.every((p, i) => p === s.panels[i]) ? s : { panels };
      }),
  };
};
