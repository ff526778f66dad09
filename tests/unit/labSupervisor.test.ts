import { describe, expect, it } from 'vitest';
import { SupervisedCancel, SupervisedLoss, Supervisor, SupervisorLog, type Spawned, type SupervisorEvent } from '../../src/run/supervisor';

/** An in-process stand-in for a worker: answers `ping` after `delayMs`, or never when hung; can die. */
class FakeWorker {
  hung = false;
  terminated = false;
  delayMs = 1;
  private die!: (e: Error) => void;
  readonly dead = new Promise<never>((_, reject) => (this.die = reject));
  constructor() {
    this.dead.catch(() => undefined);
  }
  readonly api = {
    ping: (v: number) => new Promise<number>((resolve) => {
      if (!this.hung) setTimeout(() => resolve(v), this.delayMs);
    }),
  };
  crash(message: string) {
    this.die(new Error(message));
  }
}

function setup(maxRestarts = 2) {
  const workers: FakeWorker[] = [];
  const events: SupervisorEvent[] = [];
  const log = new SupervisorLog();
  const sup = new Supervisor<FakeWorker['api']>({
    site: 'test',
    maxRestarts,
    log,
    onEvent: (e) => events.push(e),
    spawn: (): Spawned<FakeWorker['api']> => {
      const w = new FakeWorker();
      workers.push(w);
      return { api: w.api, dead: w.dead, terminate: () => (w.terminated = true) };
    },
  });
  return { sup, workers, events, log };
}

const call = (sup: Supervisor<FakeWorker['api']>, v: number, allowanceMs = 200) => sup.call((api) => api.ping(v), { name: 'a ping', allowanceMs });

describe('the generic worker supervisor', () => {
  it('spawns lazily, answers calls on one worker, and logs its start', async () => {
    const { sup, workers, log } = setup();
    expect(workers).toHaveLength(0);
    expect(await call(sup, 1)).toBe(1);
    expect(await call(sup, 2)).toBe(2);
    expect(workers).toHaveLength(1);
    expect(log.live()).toEqual({ test: 1 });
  });

  it('a worker that dies during a call: the call rejects with the loss, the worker is ended, the next call gets a new one', async () => {
    const { sup, workers, events, log } = setup();
    await call(sup, 1);
    workers[0].hung = true;
    const pending = call(sup, 2, 5_000);
    workers[0].crash('boom');
    const e = await pending.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SupervisedLoss);
    expect((e as SupervisedLoss).message).toBe('the test worker died (boom)');
    expect(workers[0].terminated).toBe(true);
    expect(events.find((x) => x.kind === 'lost')).toMatchObject({ pending: 1, gaveUp: false });
    expect(await call(sup, 3)).toBe(3);
    expect(workers).toHaveLength(2);
    expect(log.live()).toEqual({ test: 1 });
  });

  it('a silent worker is called hung after the allowance and replaced', async () => {
    const { sup, workers } = setup();
    await call(sup, 1);
    workers[0].hung = true;
    const t0 = performance.now();
    const e = await call(sup, 2, 60).catch((x: unknown) => x);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
    expect(e).toBeInstanceOf(SupervisedLoss);
    expect((e as SupervisedLoss).cause).toMatchObject({ kind: 'hung', call: 'a ping' });
    expect((e as SupervisedLoss).message).toMatch(/^the test worker did not answer a ping for 0\.\d s$/);
    expect(workers[0].terminated).toBe(true);
    expect(await call(sup, 4)).toBe(4);
  });

  it('a worker dying between calls is reported with no pending call', async () => {
    const { sup, workers, events } = setup();
    await call(sup, 1);
    workers[0].crash('idle death');
    await new Promise((r) => setTimeout(r, 0));
    expect(events.filter((x) => x.kind === 'lost')).toEqual([expect.objectContaining({ pending: 0, cause: { kind: 'dead', message: 'idle death' } })]);
    expect(sup.running).toBe(false);
  });

  it('cancel ends the worker and rejects its calls with SupervisedCancel; dispose refuses later calls', async () => {
    const { sup, workers, log } = setup();
    await call(sup, 1);
    workers[0].hung = true;
    const pending = call(sup, 2, 5_000);
    sup.cancel();
    expect(await pending.catch((x: unknown) => x)).toBeInstanceOf(SupervisedCancel);
    expect(workers[0].terminated).toBe(true);
    expect(await call(sup, 3)).toBe(3);
    sup.dispose();
    expect(workers[1].terminated).toBe(true);
    await expect(call(sup, 4)).rejects.toBeInstanceOf(SupervisedCancel);
    expect(log.live()).toEqual({ test: 0 });
  });

  it('gives up after maxRestarts losses in a row (until reset); an answered call resets the count', async () => {
    const { sup, workers } = setup(1);
    const lose = async () => {
      const p = call(sup, 0, 5_000);
      workers.at(-1)!.crash('again');
      return (await p.then(() => { throw new Error("the call should have failed"); }, (x: unknown) => x)) as SupervisedLoss;
    };
    expect((await lose()).gaveUp).toBe(false);
    expect(await call(sup, 1)).toBe(1); // answered: the count starts over
    expect((await lose()).gaveUp).toBe(false);
    expect((await lose()).gaveUp).toBe(true);
    await expect(call(sup, 2)).rejects.toMatchObject({ gaveUp: true });
    sup.reset();
    expect(await call(sup, 3)).toBe(3);
  });
});
