/** What the page says about eps = 0.01 (measured: docs/lab.md, "eps = 0.01"). */
export const SMALL_EPS_NOTE = 'TODO';
