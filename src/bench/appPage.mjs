// Helpers that look at the app the way a person does: buttons, the counter, canvas pixels.

export const sel = {
  play: '[data-testid="play"]',
  step: '[data-testid="step"]',
  reset: '[data-testid="reset"]',
  iteration: '[data-testid="iteration"]',
  canvas: '[data-testid="panel-canvas"]',
  error: '[data-testid="error"]',
  n: '[data-testid="n"]',
  panel: '.panel',
};

export const assert = (ok, message) => {
  if (!ok) throw new Error(message);
};

/** Wait until the panel's run is ready (heatmap and iteration-0 particles shown). */
export async function waitReady(page, timeout = 60_000) {
  await page.waitForSelector(`${sel.panel}[data-status="ready"]`, { timeout });
}

/** Open the app and, if n is given, set the particle count and wait for the restarted run. */
export async function openApp(page, baseUrl, { n } = {}) {
  await page.goto(baseUrl);
  await waitReady(page);
  if (n !== undefined) {
    await page.fill(sel.n, String(n));
    await page.press(sel.n, 'Enter'); // commit at once (a valid value would also commit after a pause)
    await page.waitForSelector(`${sel.panel}[data-status="loading"]`, { timeout: 5_000 }).catch(() => undefined);
    await waitReady(page);
  }
  await page.waitForTimeout(200); // let the render loop draw the first frame
}

/** The furthest panel's iteration (the top bar shows a range when the panels differ). */
export async function readIteration(page) {
  return Number(await page.getAttribute(sel.iteration, 'data-max'));
}

/** Wait until the furthest panel is at `value` (data-max of the top bar's counter, which shows a range when panels differ). */
export async function waitForIteration(page, value, timeout = 60_000) {
  await page.waitForFunction(
    ([s, v]) => document.querySelector(s)?.getAttribute('data-max') === String(v),
    [sel.iteration, value],
    { timeout },
  );
}

/** Wait until no panel has a command (step, run, pause, restart) in flight or its result unshown. */
export async function waitIdle(page, timeout = 60_000) {
  await page.waitForFunction(
    (s) => {
      const panels = document.querySelectorAll(s);
      return panels.length > 0 && [...panels].every((p) => p.getAttribute('data-busy') === 'false');
    },
    sel.panel,
    { timeout },
  );
}

/** Keep a copy of the pixels of a canvas (default: the first panel's) under `key`. Returns the canvas size. */
export async function snapshotCanvas(page, key, selector = sel.canvas) {
  return page.evaluate(
    ([s, k]) => {
      const c = document.querySelector(s);
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      (window.__snapshots ??= {})[k] = data;
      return { width: c.width, height: c.height };
    },
    [selector, key],
  );
}

/** Pixel statistics of a snapshot: near-white (particle) pixels and distinct coarse colours. */
export async function canvasStats(page, key) {
  return page.evaluate((k) => {
    const d = window.__snapshots[k];
    let white = 0;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] > 235 && d[i + 1] > 235 && d[i + 2] > 235) white++;
      colours.add(((d[i] >> 4) << 8) | ((d[i + 1] >> 4) << 4) | (d[i + 2] >> 4));
    }
    return { white, colours: colours.size, pixels: d.length / 4 };
  }, key);
}

/** Number of pixels that differ between two snapshots. */
export async function pixelDiff(page, a, b) {
  return page.evaluate(
    ([ka, kb]) => {
      const x = window.__snapshots[ka];
      const y = window.__snapshots[kb];
      if (x.length !== y.length) return Infinity;
      let n = 0;
      for (let i = 0; i < x.length; i += 4) {
        if (x[i] !== y[i] || x[i + 1] !== y[i + 1] || x[i + 2] !== y[i + 2]) n++;
      }
      return n;
    },
    [a, b],
  );
}
