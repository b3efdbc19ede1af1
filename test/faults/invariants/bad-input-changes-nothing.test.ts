import { describe, expect, it } from 'vitest';
import { emptyHistory } from '../history.ts';
import { badInputChangesNothing } from './bad-input-changes-nothing.ts';

const probe = {
  target: 'trigger-release',
  description: 'an event without detail.pipeline',
  expectFields: ['detail.pipeline'],
  stateBefore: 'a\nb',
  stateAfter: 'a\nb',
};

describe('Invariant: bad-input-changes-nothing', () => {
  it('passes a clear error that changed nothing', () => {
    // Prepare
    const history = emptyHistory({ probes: [{ ...probe, error: 'detail.pipeline: Required' }] });

    // Act
    const problems = badInputChangesNothing.check(history);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports accepted input, an error that names no field, and a changed state', () => {
    // Prepare
    const history = emptyHistory({
      probes: [
        { ...probe, error: undefined },
        { ...probe, error: 'Invalid input', stateAfter: 'a\nc' },
      ],
    });

    // Act
    const problems = badInputChangesNothing.check(history);

    // Assess
    expect(problems).toEqual([
      'trigger-release given an event without detail.pipeline was accepted',
      "trigger-release given an event without detail.pipeline answered an error that does not name 'detail.pipeline': Invalid input",
      "trigger-release given an event without detail.pipeline changed state: 'b' became 'c'",
    ]);
  });
});

describe('Invariant: bad-input-changes-nothing, ignorable events', () => {
  it('passes a foreign event that was ignored and changed nothing', () => {
    // Prepare
    const history = emptyHistory({ probes: [{ ...probe, ignorable: true, error: undefined }] });

    // Act
    const problems = badInputChangesNothing.check(history);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports a foreign event that was ignored but changed state', () => {
    // Prepare
    const history = emptyHistory({ probes: [{ ...probe, ignorable: true, error: undefined, stateAfter: 'a' }] });

    // Act
    const problems = badInputChangesNothing.check(history);

    // Assess
    expect(problems).toEqual(["trigger-release given an event without detail.pipeline changed state: 'b' became ''"]);
  });
});
