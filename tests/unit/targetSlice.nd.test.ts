import { describe, expect, it } from 'vitest';
import { axesFor } from '../../src/engine/targets/ndSpec';
import { useAppStore } from '../../src/store';
import { initialTargetState } from '../../src/store/targetSlice';
import { experimentOf, sharedParts } from '../../src/url/storeBridge';
import { encodeExperiment } from '../../src/url/encode';

const s = () => useAppStore.getState();

describe('d-dimensional targets in the store', () => {
  it('runs a family at the chosen dimension; a bad dimension keeps the last good one running, with the reason', () => {
    useAppStore.setState(initialTargetState());
    s().pickNd('gmm-d');
    expect(s().targetSpec).toEqual({ kind: 'nd', name: 'gmm-d', dim: 10 });
    s().setDim(30);
    expect(s().targetSpec).toEqual({ kind: 'nd', name: 'gmm-d', dim: 30 });
    s().setDim(101);
    expect(s().targetProblem?.message).toBe('invalid dim: 101 (must be an integer >= 2 and <= 100)');
    expect(s().targetSpec).toEqual({ kind: 'nd', name: 'gmm-d', dim: 30 });
    s().setDim(4);
    expect(s().targetProblem).toBeNull();
    expect(encodeExperiment(experimentOf(sharedParts(s())))).toMatch(/^v=1&t=gmm-d&dim=4&/);
    s().pickPreset('u2'); // the dimension is kept for the next d-dimensional pick
    expect(s().targetSpec).toMatchObject({ kind: 'preset', name: 'u2' });
    s().pickNd('iso-gaussian');
    expect(s().targetSpec).toEqual({ kind: 'nd', name: 'iso-gaussian', dim: 4 });
    s().setTargetSpec({ kind: 'nd', name: 'aniso-gaussian', dim: 77 });
    expect([s().targetSource, s().nd]).toEqual(['nd', { name: 'aniso-gaussian', dim: 77 }]);
  });

  it('keeps the drawn pair while it fits the dimension, and falls back to (0, 1) when it does not', () => {
    s().setAxes([3, 1]);
    expect(s().axes).toEqual([3, 1]);
    expect(axesFor(s().axes, 5)).toEqual([3, 1]);
    expect(axesFor(s().axes, 3)).toEqual([0, 1]);
    expect(axesFor([2, 2], 5)).toEqual([0, 1]);
  });
});
