import { describe, expect, it } from 'vitest';
import { NOT_CONVERGED_STEPS, newTracker, panelAlert } from '../../src/run/panelHealth';
import { MAX_SPEED, MIN_SPEED, sliderFromSpeed, speedFromSlider } from '../../src/run/speed';
import { useAppStore } from '../../src/store';
import { nextSampler } from '../../src/store/panelsSlice';
import { MAX_PANELS } from '../../src/engine/experiment/defaults';
import { shortcutFor } from '../../src/ui/shortcuts';
import { speedAfterKey } from '../../src/ui/SpeedControl';

const ok = (iteration: number, diagnostics: Record<string, number> = {}) => ({ iteration, status: 'ok' as const, diagnostics });

describe('panelAlert', () => {
  it('reports a failed panel and NaN particles as errors, escapes as a warning', () => {
    expect(panelAlert(newTracker(), { iteration: 3, status: 'failed', error: 'step 4: boom', diagnostics: {} })).toEqual({ severity: 'error', message: 'step 4: boom' });
    expect(panelAlert(newTracker(), ok(3, { nonFiniteParticles: 2 }))?.severity).toBe('error');
    expect(panelAlert(newTracker(), ok(3, { escaped: 0.5 }))).toMatchObject({ severity: 'warning' });
    expect(panelAlert(newTracker(), ok(3, { escaped: 0.1, nonFiniteParticles: 0 }))).toBeNull();
  });

  it('names the cause: non-finite scores, no finite density, a collapsed coupling', () => {
    expect(panelAlert(newTracker(), ok(3, { nonFiniteScores: 4 }))?.message).toMatch(/score .* NaN or infinite at 4 particles.*score-free/);
    expect(panelAlert(newTracker(), ok(3, { degenerateWeights: 1, nonFiniteDensity: 0 }))?.message).toMatch(/no proposal had a positive density/);
    expect(panelAlert(newTracker(), ok(3, { ess: 1.02, distinct: 0.6 }))?.message).toMatch(/coupling has collapsed: coupling ESS 1\.0/);
    expect(panelAlert(newTracker(), ok(3, { ess: 40, distinct: 0.004 }))?.message).toMatch(/0% distinct particles/);
    expect(panelAlert(newTracker(), ok(3, { ess: 40, distinct: 0.7, nonFiniteScores: 0, degenerateWeights: 0 }))).toBeNull();
  });

  it('says Sinkhorn is not converging only after enough consecutive non-converged steps, with the residual', () => {
    const t = newTracker();
    expect(panelAlert(t, ok(5, { converged: 0, residual: 0.05 }))).toBeNull();
    expect(panelAlert(t, ok(5 + NOT_CONVERGED_STEPS - 2, { converged: 0, residual: 0.05 }))).toBeNull();
    expect(panelAlert(t, ok(5 + NOT_CONVERGED_STEPS - 1, { converged: 0, residual: 0.05 }))?.message).toBe(
      `Sinkhorn has not converged for ${NOT_CONVERGED_STEPS} steps: marginal residual 0.050 above tol after maxIter iterations (raise maxIter, tol or eps)`,
    );
    // One converged step ends the run.
    expect(panelAlert(t, ok(40, { converged: 1 }))).toBeNull();
    expect(panelAlert(t, ok(41, { converged: 0, residual: 0.05 }))).toBeNull();
  });
});

describe('speed slider', () => {
  it('maps [0, 1] onto MIN..MAX steps per second on a log scale and back', () => {
    expect(speedFromSlider(0)).toBe(MIN_SPEED);
    expect(speedFromSlider(1)).toBe(MAX_SPEED);
    expect(speedFromSlider(0.5)).toBe(Math.round(Math.sqrt(MIN_SPEED * MAX_SPEED)));
    expect(speedFromSlider(sliderFromSpeed(30))).toBe(30);
  });
});

describe('panels slice', () => {
  it('adds, duplicates and removes panels within 1..MAX_PANELS, outside React', () => {
    const s = () => useAppStore.getState();
    expect(s().panels).toHaveLength(1);
    s().addPanel();
    s().addPanel();
    expect(s().panels.map((p) => p.sampler)).toEqual(['etd-b', 'svgd', 'sgld']);
    s().setPanelParam(1, 'clip', 0.5);
    s().duplicatePanel(1);
    expect(s().panels[2]).toMatchObject({ sampler: 'svgd', params: { clip: 0.5 } });
    expect(new Set(s().panels.map((p) => p.id)).size).toBe(4);
    while (s().panels.length < MAX_PANELS) s().addPanel();
    s().addPanel(); // at the cap: nothing happens
    expect(s().panels).toHaveLength(MAX_PANELS);
    for (let k = 0; k < MAX_PANELS + 1; k++) s().removePanel(0);
    expect(s().panels).toHaveLength(1);
    s().setPanelSampler(0, 'mala');
    expect(s().panels[0]).toMatchObject({ sampler: 'mala', params: {} });
  });

  it('offers a sampler no panel uses yet', () => {
    expect(nextSampler(['etd-b'])).toBe('svgd');
    expect(nextSampler(['etd-b', 'svgd'])).toBe('sgld');
  });
});

describe('shortcutFor', () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });
  it('maps the documented keys', () => {
    expect(shortcutFor(key(' '), null)).toEqual({ kind: 'play' });
    expect(shortcutFor(key('s'), { tagName: 'BUTTON' })).toEqual({ kind: 'step' });
    expect(shortcutFor(key('R'), null)).toEqual({ kind: 'reset' });
    expect(shortcutFor(key('f'), null)).toEqual({ kind: 'fastForward' });
    expect(shortcutFor(key('3'), null)).toEqual({ kind: 'focusPanel', panel: 2 });
    expect(shortcutFor(key('?'), null)).toEqual({ kind: 'help' });
    expect(shortcutFor(key('x'), null)).toBeNull();
  });
  it('ignores typing in fields and modified keys', () => {
    expect(shortcutFor(key('s'), { tagName: 'INPUT' })).toBeNull();
    expect(shortcutFor(key(' '), { tagName: 'SELECT' })).toBeNull();
    expect(shortcutFor(key('r'), { tagName: 'DIV', isContentEditable: true })).toBeNull();
    expect(shortcutFor(key('r', { ctrlKey: true }), null)).toBeNull();
  });
  it('leaves Space to a focused button, link or button-like element (it presses them)', () => {
    const el = (tagName: string, role: string | null = null) => ({ tagName, getAttribute: (n: string) => (n === 'role' ? role : null) });
    expect(shortcutFor(key(' '), el('BUTTON'))).toBeNull();
    expect(shortcutFor(key(' '), el('A'))).toBeNull();
    expect(shortcutFor(key(' '), el('DIV', 'button'))).toBeNull();
    expect(shortcutFor(key(' '), el('DIV'))).toEqual({ kind: 'play' });
    expect(shortcutFor(key(' '), el('CANVAS'))).toEqual({ kind: 'play' });
  });
});

describe('speedAfterKey', () => {
  it('moves the speed by a visible amount per arrow key, within the slider range', () => {
    expect(speedAfterKey(30, 'ArrowRight')).toBeGreaterThan(30);
    expect(speedAfterKey(30, 'ArrowUp')).toBe(speedAfterKey(30, 'ArrowRight'));
    expect(speedAfterKey(30, 'ArrowLeft')).toBeLessThan(30);
    expect(speedAfterKey(1, 'ArrowRight')).toBe(2); // small speeds still move by one
    expect(speedAfterKey(2, 'ArrowLeft')).toBe(1);
    expect(speedAfterKey(1, 'ArrowLeft')).toBe(MIN_SPEED);
    expect(speedAfterKey(MAX_SPEED, 'ArrowRight')).toBe(MAX_SPEED);
    expect(speedAfterKey(30, 'PageUp')).toBe(60);
    expect(speedAfterKey(30, 'Home')).toBe(MIN_SPEED);
    expect(speedAfterKey(30, 'End')).toBe(MAX_SPEED);
    expect(speedAfterKey(30, 'a')).toBeNull();
  });
});
