import { describe, expect, it } from 'vitest';
import { LR_START_POINTS, type LabeledPoint } from '../../src/engine/targets/logistic2d';
import { useAppStore } from '../../src/store';
import { initialTargetState } from '../../src/store/targetSlice';
import { experimentOf, sharedParts } from '../../src/url/storeBridge';

const s = () => useAppStore.getState();

describe('target slice: logistic regression you can see', () => {
  it('runs the posterior of the data panel\'s points, keeps the last good data set on a bad edit, and round-trips through the experiment', () => {
    useAppStore.setState(initialTargetState());
    s().pickLogistic();
    expect(s().targetSource).toBe('logistic');
    expect(s().targetSpec).toEqual({ kind: 'logistic2d', points: LR_START_POINTS });
    const more: LabeledPoint[] = [...LR_START_POINTS, [4, -4, 0]];
    s().setLogisticPoints(more);
    expect(s().targetSpec).toEqual({ kind: 'logistic2d', points: more });
    s().setLogisticPoints([[9, 0, 1]]); // outside the data plane: refused, the previous data keep running
    expect(s().targetProblem?.message).toMatch(/point 1: coordinate 9/);
    expect(s().targetSpec).toEqual({ kind: 'logistic2d', points: more });
    s().setLogisticPoints([]); // no data: the prior, a proper target
    expect(s().targetProblem).toBeNull();
    expect(s().targetSpec).toEqual({ kind: 'logistic2d', points: [] });
    s().pickPreset('banana');
    s().setTargetSpec({ kind: 'logistic2d', points: [[1, 1, 1]] });
    expect(s().targetSource).toBe('logistic');
    expect(experimentOf(sharedParts(s())).target).toEqual({ kind: 'logistic2d', points: [[1, 1, 1]] });
  });
});
