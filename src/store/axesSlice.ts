import type { StateCreator } from 'zustand';
import { DEFAULT_AXES, type Axes } from '../engine/targets/ndSpec';

/**
 * The two coordinates of a d-dimensional target that every panel draws (0-based). A view choice,
 * not part of the experiment: changing it redraws without restarting the samplers. A pair past a
 * smaller new dimension reads as (0, 1) (axesFor).
 */
export interface AxesSlice {
  axes: Axes;
  setAxes: (axes: Axes) => void;
}

export const createAxesSlice: StateCreator<AxesSlice, [], [], AxesSlice> = (set) => ({
  axes: DEFAULT_AXES,
  setAxes: (axes) => set((s) => (s.axes[0] === axes[0] && s.axes[1] === axes[1] ? s : { axes: [axes[0], axes[1]] })),
});
