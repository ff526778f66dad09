/** Best-of-`repeats` wall time of fn in ms (best, not mean: the machine is shared). */
export function bestMs(fn: () => void, repeats = 3): number {
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

