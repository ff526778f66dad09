/**
 * What the mounted views need in each frame besides positions and trails: the plan image
 * (an O(n P) pass per step in the worker) only while a plan view is on screen, the metric
 * history only while a chart is. Views register on mount and unregister on unmount.
 */
const counts = { plan: 0, history: 0 };

export type FrameNeed = keyof typeof counts;

/** Register a need; returns the function that drops it again. */
export function needInFrames(need: FrameNeed): () => void {
  counts[need]++;
  let dropped = false;
  return () => {
    if (dropped) return;
    dropped = true;
    counts[need]--;
  };
}

export const framesNeed = (need: FrameNeed): boolean => counts[need] > 0;
