import { describe, expect, it } from 'vitest';
import { DrawScheduler } from '../../src/ui/draw/drawScheduler';

/** A scheduler on a fake clock: frames run when frame() is called; each draw costs `cost` ms. */
function setup(budget: number, cost: number) {
  let t = 0;
  let next: (() => void) | null = null;
  const s = new DrawScheduler(budget, () => t, (cb) => ((next = cb), 1), () => void (next = null));
  const drawn: string[] = [];
  const job = (name: string) => {
    let dirty = true;
    const stop = s.register({
      pending: () => dirty,
      draw: () => {
        drawn.push(name);
        t += cost;
        dirty = false;
      },
    });
    return { touch: () => void (dirty = true), stop };
  };
  const frame = () => {
    const cb = next;
    next = null;
    cb?.();
  };
  return { job, frame, drawn, running: () => next !== null };
}

describe('DrawScheduler', () => {
  it('draws changed pictures until the frame budget is spent, the longest waiting first', () => {
    const { job, frame, drawn } = setup(12, 10);
    const a = job('a');
    const b = job('b');
    const c = job('c');
    frame(); // 10 ms after a: over budget after two
    expect(drawn).toEqual(['a', 'b']);
    a.touch();
    frame(); // c has waited longer than a
    expect(drawn).toEqual(['a', 'b', 'c', 'a']);
    frame();
    expect(drawn).toHaveLength(4); // nothing pending: nothing drawn
    b.touch();
    c.touch();
    a.stop();
    frame();
    expect(drawn.slice(4)).toEqual(['b', 'c']);
  });

  it('always draws one picture a frame even when it alone exceeds the budget, and stops its loop when empty', () => {
    const { job, frame, drawn, running } = setup(5, 50);
    const a = job('a');
    const b = job('b');
    frame();
    frame();
    expect(drawn).toEqual(['a', 'b']);
    a.stop();
    b.stop();
    expect(running()).toBe(false);
  });
});
