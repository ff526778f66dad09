/** What the page says about eps = 0.01 (measured: docs/lab.md, "eps = 0.01"). */
export const SMALL_EPS_NOTE =
  "At eps = 0.01 Sinkhorn's row rests on a few target points (about 15 effective points of 1000 on the Swiss roll), so its own floor is large, and the learned models are not shown to reach it in this implementation: read each model's energy distance against the floor. Measurements: docs/lab.md, section 'eps = 0.01'.";
