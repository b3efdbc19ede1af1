import { describe, expect, it } from 'vitest';
import { EnvironmentBudget } from '../../../local-cloud/lambda/environment-budget.ts';

/** A budget whose idle environments record when they are ended, as a pool's would. */
function budgetWithIdle(limit: number, idleCount: number) {
  const budget = new EnvironmentBudget(limit);
  const ended: string[] = [];
  for (let i = 0; i < idleCount; i++) {
    const environment = { name: `idle-${i}` };
    expect(budget.tryReserve()).toBe(true);
    budget.idleNow(environment, () => {
      ended.push(environment.name);
      budget.released(environment);
    });
  }
  return { budget, ended };
}

describe('Lambda: environment budget', () => {
  it('ends the longest-idle environment of any function to make room when every place is taken', () => {
    // Prepare
    const { budget, ended } = budgetWithIdle(2, 2);
    // Act
    const reserved = budget.tryReserve();
    // Assess
    expect(reserved).toBe(true);
    expect(ended).toEqual(['idle-0']);
  });

  it('makes a start wait while every environment is busy, and runs it when one ends', () => {
    // Prepare
    const budget = new EnvironmentBudget(1);
    const busy = {};
    budget.tryReserve();
    let started = 0;
    // Act
    budget.whenFree(() => started++);
    const beforeRelease = { started, contended: budget.contended };
    budget.released(busy);
    // Assess
    expect(beforeRelease).toEqual({ started: 0, contended: true });
    expect(started).toBe(1);
    expect(budget.contended).toBe(false);
  });

  it('keeps an environment that is busy again out of reach of eviction', () => {
    // Prepare
    const { budget, ended } = budgetWithIdle(1, 0);
    const environment = {};
    budget.tryReserve();
    budget.idleNow(environment, () => ended.push('reused'));
    // Act
    budget.busyAgain(environment);
    const reserved = budget.tryReserve();
    // Assess
    expect(reserved).toBe(false);
    expect(ended).toEqual([]);
  });
});
