import { describe, expect, it } from 'vitest';
import { useAppStore } from '../../src/store';
import { DEFAULT_FORMULA, initialTargetState } from '../../src/store/targetSlice';

const s = () => useAppStore.getState();

describe('target slice', () => {
  it('runs the last runnable target: presets, drawings with mass, formulas that are finite on the box', () => {
    useAppStore.setState(initialTargetState());
    s().pickPreset('gmm-ring-8');
    expect(s().targetSpec).toEqual({ kind: 'preset', name: 'gmm-ring-8', confine: true });
    s().setTargetSource('drawn');
    expect(s().targetProblem?.message).toMatch(/draw some mass first/);
    expect(s().targetSpec).toMatchObject({ name: 'gmm-ring-8' }); // still running the preset
    s().addStroke([[0, 0, 0.4, 0.16]]);
    s().addStroke([[1, 1, 0.4, 0.16]]);
    expect(s().targetSpec).toEqual({ kind: 'drawn', box: s().drawing.box, bumps: [[0, 0, 0.4, 0.16], [1, 1, 0.4, 0.16]] });
    s().undoStroke();
    expect(s().targetSpec).toMatchObject({ bumps: [[0, 0, 0.4, 0.16]] });
    s().redoStroke();
    expect(s().drawing.strokes).toHaveLength(2);
    s().setTargetSource('formula'); // the default formula is valid: it runs at once
    expect(s().targetSpec).toMatchObject({ kind: 'formula', formula: DEFAULT_FORMULA });
    s().setFormulaText('sinn(x) + y^2');
    expect(s().targetProblem).toMatchObject({ column: 1, length: 4 });
    expect(s().targetSpec).toMatchObject({ formula: DEFAULT_FORMULA }); // a typo keeps the last good one running
    s().setFormulaText('log(x)');
    expect(s().targetProblem?.message).toMatch(/not finite/);
    s().setFormulaText('0.5*(x^2+y^2)');
    expect(s().targetProblem).toBeNull();
    expect(s().targetSpec).toEqual({ kind: 'formula', formula: '0.5*(x^2+y^2)', box: s().formula.box });
  });

  it('setTargetSpec loads any TargetSpec into its editor', () => {
    useAppStore.setState(initialTargetState());
    const box = { xmin: -2, xmax: 2, ymin: -1, ymax: 3 };
    s().setTargetSpec({ kind: 'drawn', box, bumps: [[0, 1, 0.3, 0.1]] });
    expect(s()).toMatchObject({ targetSource: 'drawn', drawing: { box, strokes: [[[0, 1, 0.3, 0.1]]], redo: [] } });
    expect(s().targetSpec).toEqual({ kind: 'drawn', box, bumps: [[0, 1, 0.3, 0.1]] });
    s().setTargetSpec({ kind: 'formula', formula: 'x^2 + y^2', box });
    expect(s()).toMatchObject({ targetSource: 'formula', formula: { text: 'x^2 + y^2', box } });
    s().setTargetSpec({ kind: 'preset', name: 'u3', confine: false });
    expect(s().targetSpec).toEqual({ kind: 'preset', name: 'u3', confine: false });
    s().setTargetSpec({ kind: 'preset', name: 'nope' });
    expect(s().targetProblem?.message).toMatch(/unknown preset target 'nope' \(valid: u1, /);
    expect(s().targetSpec).toMatchObject({ name: 'u3' });
  });
});
