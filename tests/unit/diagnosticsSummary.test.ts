import { describe, expect, it } from 'vitest';
import { summariseDiagnostics } from '../../src/ui/diagnosticsSummary';

describe('summariseDiagnostics', () => {
  it('keeps primary values in order, drops NaN, quiet keys and zero counters', () => {
    const items = summariseDiagnostics({
      escaped: 0,
      ess: 527,
      acceptance: NaN,
      sinkhornIterations: 50,
      converged: 0,
      costScale: 4.61,
      rowError: 0.00707,
      residual: 0.0123,
      omega: 1.5,
    });
    expect(items.map((i) => [i.label, i.text])).toEqual([
      ['Sinkhorn iters', '50'],
      ['ESS', '527'],
      ['marginal residual', '0.0123'],
    ]);
  });

  it('flags non-zero problem counters', () => {
    const items = summariseDiagnostics({ ess: 3, nonFiniteParticles: 2 });
    expect(items.at(-1)).toMatchObject({ key: 'nonFiniteParticles', text: '2', warn: true });
  });
});
