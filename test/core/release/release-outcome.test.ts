import { describe, expect, it } from 'vitest';
import { recordOutcome } from '../../../core/release/release-outcome.ts';
import { MemoryHistory } from './fakes.ts';

const amis = [{ region: 'eu-central-1', imageId: 'ami-0aaaaaaaaaaaaaaaa' }];

async function running(action: 'build' | 'rollback' = 'build') {
  const history = new MemoryHistory();
  await history.putRelease({
    pipeline: 'web',
    releaseId: 'r2',
    executionArn: 'arn:aws:states:eu-central-1:123456789012:execution:release:r2',
    trigger: { kind: action === 'rollback' ? 'rollback' : 'scheduled' },
    action,
    reason: 'x',
    startedAt: 1_000_000,
    status: 'running',
    fingerprint: 'fp-2',
    parentImageId: 'ami-0ppppppppppppppp1',
  });
  return history;
}

describe('Core: release outcome', () => {
  it('records a success once, with the fingerprint the next release compares against and the time to stable', async () => {
    // Prepare
    const history = await running();
    // Act
    const first = await recordOutcome({ pipeline: 'web', releaseId: 'r2', outcome: 'succeeded', amis }, 1_600_000, { history });
    const again = await recordOutcome({ pipeline: 'web', releaseId: 'r2', outcome: 'succeeded', amis }, 1_700_000, { history });
    // Assess
    expect(first).toEqual({ firstTime: true, timeToStableSeconds: 600 });
    expect(again).toEqual({ firstTime: false });
    expect(history.successes).toEqual([expect.objectContaining({ releaseId: 'r2', fingerprint: 'fp-2', parentImageId: 'ami-0ppppppppppppppp1', amis })]);
    expect(history.releases.get('web/r2')?.status).toBe('succeeded');
  });

  it('never moves a finished release back: a late failure after success changes nothing', async () => {
    // Prepare
    const history = await running();
    await recordOutcome({ pipeline: 'web', releaseId: 'r2', outcome: 'succeeded', amis }, 2, { history });
    // Act
    const late = await recordOutcome({ pipeline: 'web', releaseId: 'r2', outcome: 'failed', error: { Error: 'X' } }, 3, { history });
    // Assess
    expect(late.firstTime).toBe(false);
    expect(history.releases.get('web/r2')?.status).toBe('succeeded');
  });

  it('marks the image a rollback replaced, so a second rollback does not bring it back', async () => {
    // Prepare
    const history = await running('rollback');
    await history.addSuccess({ pipeline: 'web', releaseId: 'r1', succeededAt: 1, amis: [{ region: 'eu-central-1', imageId: 'ami-0bad0bad0bad0bad0' }] });
    // Act
    await recordOutcome({ pipeline: 'web', releaseId: 'r2', outcome: 'succeeded', amis }, 2_000_000, { history });
    // Assess
    expect(history.successes.find((s) => s.releaseId === 'r2')?.replacedImageIds).toEqual(['ami-0bad0bad0bad0bad0']);
  });

  it('records nothing for outcomes that do not end a release', async () => {
    // Prepare
    const history = await running();
    // Act
    const result = await recordOutcome({ pipeline: 'web', releaseId: 'r2', outcome: 'started' }, 2, { history });
    // Assess
    expect(result).toEqual({ firstTime: false });
    expect(history.releases.get('web/r2')?.status).toBe('running');
  });
});
