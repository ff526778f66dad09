/** What the page says about eps = 0.01 (measured: docs/lab.md, "Measured"). */
export const SMALL_EPS_NOTE =
  "At eps = 0.01 Sinkhorn's row rests on a few target points (15-30 effective points of 1000 on the Swiss roll), so its own floor is large. Measured with the runner (seed 1, five points): LightSB's samples came within the floor (0.12x at the median), VarEOT's did not (14x; 3000 steps without the stopping rule did no better). Read each model's energy distance against the floor. Details: docs/lab.md.";
