import { afterEach, describe, expect, it } from 'vitest';
import { SimClock } from '../../local-cloud/clock.ts';

describe('Local cloud: SimClock', () => {
  let clock: SimClock;
  afterEach(() => clock.dispose());

  it('stays frozen at time scale 0 until advanced', async () => {
    // Prepare
    clock = new SimClock({ timeScale: 0, start: 1_000_000 });
    // Act
    await new Promise((r) => setTimeout(r, 20));
    // Assess
    expect(clock.now()).toBe(1_000_000);
    clock.advance(5_000);
    expect(clock.now()).toBe(1_005_000);
  });

  it('fires due timers in order while advancing, and not the ones beyond', () => {
    // Prepare
    clock = new SimClock({ timeScale: 0, start: 0 });
    const fired: Array<[string, number]> = [];
    clock.setTimeout(() => fired.push(['b', clock.now()]), 2_000);
    clock.setTimeout(() => fired.push(['a', clock.now()]), 1_000);
    clock.setTimeout(() => fired.push(['c', clock.now()]), 10_000);
    // Act
    clock.advance(5_000);
    // Assess
    expect(fired).toEqual([
      ['a', 1_000],
      ['b', 2_000],
    ]);
    expect(clock.now()).toBe(5_000);
  });

  it('fires timers scheduled by timers within the same advance', () => {
    // Prepare
    clock = new SimClock({ timeScale: 0, start: 0 });
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 1_000);
    }, 1_000);
    // Act
    clock.advance(3_000);
    // Assess
    expect(fired).toEqual([1_000, 2_000]);
  });

  it('does not fire cancelled timers', () => {
    clock = new SimClock({ timeScale: 0, start: 0 });
    let fired = false;
    clock
      .setTimeout(() => {
        fired = true;
      }, 100)
      .cancel();
    clock.advance(1_000);
    expect(fired).toBe(false);
  });

  it('runs simulated time faster than real time at a time scale', async () => {
    // Prepare
    clock = new SimClock({ timeScale: 1_000, start: 0 });
    // Act
    await clock.sleep(30_000);
    // Assess: 30 simulated seconds pass in about 30 real ms.
    expect(clock.now()).toBeGreaterThanOrEqual(30_000);
  });

  it('rejects a sleep when its signal aborts', async () => {
    clock = new SimClock({ timeScale: 0, start: 0 });
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    controller.abort(new Error('stopped'));
    await expect(sleeping).rejects.toThrow('stopped');
  });

  it('throws on a negative advance or time scale', () => {
    clock = new SimClock({ timeScale: 0 });
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.setTimeScale(-2)).toThrow('timeScale must be a number ≥ 0 (got -2)');
  });
});
