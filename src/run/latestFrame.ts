import type { PanelFrame, PanelInfo, RunState, SessionInfo } from '../../workers/samplerApi';

/** The page's frame: every panel's newest frame in panel order (one worker each), and the run state. */
export interface PageFrame {
  readonly panels: readonly PanelFrame[];
  readonly run: RunState;
}

/** What the page's panels share (box, heatmap, dimension, backend) and each panel's info, in panel order. */
export type PageInfo = Omit<SessionInfo, 'panel'> & { readonly panels: readonly PanelInfo[] };

/**
 * The newest page frame, kept out of React: the controller writes it, the render loops read it
 * and redraw when `version` changed.
 */
export const latestFrame: { current: PageFrame | null; version: number } = { current: null, version: 0 };

export function setLatestFrame(frame: PageFrame | null): void {
  latestFrame.current = frame;
  latestFrame.version++;
}
