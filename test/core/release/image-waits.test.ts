import { describe, expect, it } from 'vitest';
import { BuildFailedError, BuildTimedOutError } from '../../../core/release/errors.ts';
import { onImageEvent } from '../../../core/release/on-image-event.ts';
import type { ImageView } from '../../../core/release/ports.ts';
import { reconcileImage } from '../../../core/release/reconcile-image.ts';
import { WAIT_BACKOFF } from '../../../core/release/release-settings.ts';
import { waitForImage } from '../../../core/release/wait-for-image.ts';
import { waitKeys } from '../../../core/release/waiting-tasks.ts';
import { awsError, FakeImageBuilder, FakeStarter, FakeTasks, MemoryHistory, MemoryTokens } from './fakes.ts';
import { ACCOUNT, HOME, releaseConfigOf } from './release-fixture.ts';

const PIPELINE_ARN = `arn:aws:imagebuilder:${HOME}:${ACCOUNT}:image-pipeline/acme-platform-web-server`;
const ARN = `arn:aws:imagebuilder:${HOME}:${ACCOUNT}:image/acme-platform-web-server/1.0.5/1`;
const available: ImageView = {
  arn: ARN,
  status: 'AVAILABLE',
  pipelineArn: PIPELINE_ARN,
  dateCreated: 0,
  amis: [
    { region: HOME, imageId: 'ami-0aaaaaaaaaaaaaaaa' },
    { region: 'eu-west-1', imageId: 'ami-0bbbbbbbbbbbbbbbb' },
  ],
};

function setup(image?: ImageView) {
  const deps = {
    tokens: new MemoryTokens(),
    tasks: new FakeTasks(),
    imageBuilder: new FakeImageBuilder(),
    starter: new FakeStarter(),
    history: new MemoryHistory(),
    config: releaseConfigOf(),
    accountId: ACCOUNT,
  };
  if (image) deps.imageBuilder.images.set(image.arn, image);
  return deps;
}

describe('Core: image waits', () => {
  it('stores the token and keeps waiting while the image builds', async () => {
    // Prepare
    const deps = setup({ ...available, status: 'BUILDING' });
    // Act
    const result = await waitForImage({ taskToken: 't1', imageBuildVersionArn: ARN }, 5, deps);
    // Assess
    expect(result).toEqual({ status: 'BUILDING', completion: 'waiting' });
    expect(deps.tokens.tasks.get(waitKeys.image(ARN))?.token).toBe('t1');
    expect(deps.tasks.sent).toEqual([]);
  });

  it('completes the wait at once when the build ended before the token was stored', async () => {
    // Prepare
    const deps = setup(available);
    // Act
    const result = await waitForImage({ taskToken: 't1', imageBuildVersionArn: ARN }, 5, deps);
    // Assess
    expect(result.completion).toBe('completed');
    expect(deps.tasks.sent).toEqual([{ token: 't1', kind: 'success', output: { imageBuildVersionArn: ARN, status: 'AVAILABLE', amis: available.amis } }]);
  });

  it('completes the waiting release once, however often the event comes', async () => {
    // Prepare
    const deps = setup({ ...available, status: 'BUILDING' });
    await waitForImage({ taskToken: 't1', imageBuildVersionArn: ARN }, 5, deps);
    deps.imageBuilder.images.set(ARN, available);
    // Act
    const first = await onImageEvent({ imageBuildVersionArn: ARN, status: 'AVAILABLE' }, 6, deps);
    const duplicate = await onImageEvent({ imageBuildVersionArn: ARN, status: 'AVAILABLE' }, 7, deps);
    // Assess
    expect(first).toMatchObject({ action: 'completed', completion: 'completed' });
    expect(duplicate).toMatchObject({ action: 'ignored' });
    expect(deps.tasks.sent).toHaveLength(1);
  });

  it('ignores a late event of an earlier status, and an event GetImage does not confirm', async () => {
    // Prepare
    const deps = setup({ ...available, status: 'TESTING' });
    await waitForImage({ taskToken: 't1', imageBuildVersionArn: ARN }, 5, deps);
    // Act
    const late = await onImageEvent({ imageBuildVersionArn: ARN, status: 'BUILDING' }, 6, deps);
    const early = await onImageEvent({ imageBuildVersionArn: ARN, status: 'AVAILABLE' }, 6, deps);
    // Assess
    expect(late).toMatchObject({ action: 'ignored' });
    expect(early).toMatchObject({ action: 'ignored', reason: expect.stringContaining('TESTING') });
    expect(deps.tasks.sent).toEqual([]);
  });

  it('fails the wait with BuildFailedError and the build reason when the image failed', async () => {
    // Prepare
    const deps = setup({ ...available, status: 'BUILDING' });
    await waitForImage({ taskToken: 't1', imageBuildVersionArn: ARN }, 5, deps);
    deps.imageBuilder.images.set(ARN, { ...available, status: 'FAILED', reason: 'component install-nginx failed', amis: [] });
    // Act
    await onImageEvent({ imageBuildVersionArn: ARN, status: 'FAILED' }, 6, deps);
    // Assess
    expect(deps.tasks.sent).toEqual([
      { token: 't1', kind: 'failure', error: 'BuildFailedError', cause: expect.stringContaining('component install-nginx failed') },
    ]);
  });

  it('gives the claim back when the completion cannot be sent, so the retry sends it', async () => {
    // Prepare
    const deps = setup({ ...available, status: 'BUILDING' });
    await waitForImage({ taskToken: 't1', imageBuildVersionArn: ARN }, 5, deps);
    deps.imageBuilder.images.set(ARN, available);
    deps.tasks.failNext = awsError('ThrottlingException');
    // Act
    const failed = onImageEvent({ imageBuildVersionArn: ARN, status: 'AVAILABLE' }, 6, deps);
    await expect(failed).rejects.toThrow('ThrottlingException');
    const retried = await onImageEvent({ imageBuildVersionArn: ARN, status: 'AVAILABLE' }, 7, deps);
    // Assess
    expect(retried).toMatchObject({ action: 'completed', completion: 'completed' });
    expect(deps.tasks.sent).toHaveLength(1);
  });

  it('gives back a claim whose write answered an error, so the retried event completes the wait', async () => {
    // Prepare
    const deps = setup({ ...available, status: 'BUILDING' });
    await waitForImage({ taskToken: 't1', imageBuildVersionArn: ARN }, 5, deps);
    deps.imageBuilder.images.set(ARN, available);
    const claim = deps.tokens.claim.bind(deps.tokens);
    deps.tokens.claim = async (...args) => {
      await claim(...args);
      deps.tokens.claim = claim;
      throw awsError('InternalServerError', 'the claim was written, its answer lost');
    };
    // Act
    await expect(onImageEvent({ imageBuildVersionArn: ARN, status: 'AVAILABLE' }, 6, deps)).rejects.toMatchObject({ name: 'InternalServerError' });
    const retried = await onImageEvent({ imageBuildVersionArn: ARN, status: 'AVAILABLE' }, 7, deps);
    // Assess
    expect(retried).toMatchObject({ action: 'completed', completion: 'completed' });
    expect(deps.tasks.sent).toHaveLength(1);
  });

  it('starts a release from validation for a build of a managed pipeline that nobody waits on', async () => {
    // Prepare
    const deps = setup(available);
    // Act
    const result = await onImageEvent({ imageBuildVersionArn: ARN, status: 'AVAILABLE' }, 6, deps);
    const again = await onImageEvent({ imageBuildVersionArn: ARN, status: 'AVAILABLE' }, 7, deps);
    // Assess
    expect(result).toMatchObject({ action: 'external-build', pipeline: 'web-server', outcome: 'started' });
    expect(again).toMatchObject({ action: 'external-build', outcome: 'already-running' });
    const [started] = deps.starter.executions.values();
    expect(started.input).toMatchObject({ trigger: { kind: 'external-build' }, imageBuildVersionArn: ARN });
    expect(deps.starter.executions.size).toBe(1);
  });

  it('starts nothing for a replayed event of a build older than the last release that reached stable', async () => {
    // Prepare
    const deps = setup({ ...available, dateCreated: 1_000 });
    await deps.history.addSuccess({ pipeline: 'web-server', releaseId: 'web-server-2026-11-scheduled', succeededAt: 2_000, amis: [] });
    // Act
    const result = await onImageEvent({ imageBuildVersionArn: ARN, status: 'AVAILABLE' }, 3_000, deps);
    // Assess
    expect(result).toMatchObject({ action: 'ignored', reason: expect.stringContaining('move web-server backwards') });
    expect(deps.starter.executions.size).toBe(0);
  });

  it('ignores a build of a pipeline Goldsmith does not manage', async () => {
    // Prepare
    const deps = setup({ ...available, pipelineArn: `arn:aws:imagebuilder:${HOME}:${ACCOUNT}:image-pipeline/someone-else` });
    // Act
    const result = await onImageEvent({ imageBuildVersionArn: ARN, status: 'AVAILABLE' }, 6, deps);
    // Assess
    expect(result).toMatchObject({ action: 'ignored' });
    expect(deps.starter.executions.size).toBe(0);
  });

  it("ignores an image of another recipe under the project's prefix without reading it, since the rule matches the whole prefix", async () => {
    // Prepare
    const other = `arn:aws:imagebuilder:${HOME}:${ACCOUNT}:image/acme-platform-legacy-batch/2.0.0/1`;
    const deps = setup({ ...available, arn: other });
    const read = deps.imageBuilder.getImage.bind(deps.imageBuilder);
    const reads: string[] = [];
    deps.imageBuilder.getImage = async (arn: string) => {
      reads.push(arn);
      return read(arn);
    };
    // Act
    const result = await onImageEvent({ imageBuildVersionArn: other, status: 'AVAILABLE' }, 6, deps);
    // Assess
    expect(result).toEqual({ action: 'ignored', reason: 'the image is not of a recipe Goldsmith manages' });
    expect(reads).toEqual([]);
    expect(deps.starter.executions.size).toBe(0);
    expect(deps.tasks.sent).toEqual([]);
  });

  it('reconciles a lost event: ready, still pending within the bound, or overdue', async () => {
    // Prepare
    const deps = setup({ ...available, status: 'BUILDING' });
    // Act
    const pending = await reconcileImage({ imageBuildVersionArn: ARN, boundSeconds: 3600, waitSeconds: 600 }, 1_000_000, deps);
    const overdue = reconcileImage({ imageBuildVersionArn: ARN, boundSeconds: 3600, waitSeconds: 600 }, 3_601_000, deps);
    deps.imageBuilder.images.set(ARN, available);
    const ready = await reconcileImage({ imageBuildVersionArn: ARN, boundSeconds: 3600, waitSeconds: 600 }, 3_601_000, deps);
    // Assess
    expect(pending).toEqual({ imageBuildVersionArn: ARN, status: 'PENDING', waitSeconds: 600 * WAIT_BACKOFF });
    await expect(overdue).rejects.toThrow(BuildTimedOutError);
    expect(ready).toMatchObject({ status: 'AVAILABLE', amis: available.amis });
  });

  it('waits until just past the bound when the grown wait would overrun it', async () => {
    // Prepare
    const deps = setup({ ...available, status: 'BUILDING' });
    // Act
    const pending = await reconcileImage({ imageBuildVersionArn: ARN, boundSeconds: 3600, waitSeconds: 1800 }, 3_000_000, deps);
    // Assess
    expect(pending).toEqual({ imageBuildVersionArn: ARN, status: 'PENDING', waitSeconds: 3600 - 3000 + 1 });
  });

  it('reconciles a failed build into BuildFailedError', async () => {
    // Prepare
    const deps = setup({ ...available, status: 'CANCELLED', amis: [] });
    // Act
    const attempt = reconcileImage({ imageBuildVersionArn: ARN, boundSeconds: 3600, waitSeconds: 600 }, 1, deps);
    // Assess
    await expect(attempt).rejects.toThrow(BuildFailedError);
  });
});
