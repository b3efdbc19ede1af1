import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetImageCommand, ImagebuilderClient, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestCloud } from '../harness.ts';
import { DEFAULT_BUILD_MS, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: builds across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'goldsmith-imagebuilder-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('resumes a build in flight from the saved state and finishes it on time', async () => {
    // Prepare
    const first = await startImageBuilderTestCloud({ dataDir });
    const setup = await first.pipeline();
    const { imageBuildVersionArn } = await first.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    const startedAt = first.cloud.clock.now();
    first.cloud.clock.advance(DEFAULT_BUILD_MS / 2);
    await first.cloud.stop();
    // Act
    const second = await startTestCloud({ dataDir });
    const ib = new ImagebuilderClient(second.config());
    const resumed = await ib.send(new GetImageCommand({ imageBuildVersionArn }));
    second.clock.advanceTo(startedAt + DEFAULT_BUILD_MS - 1);
    const almost = await ib.send(new GetImageCommand({ imageBuildVersionArn }));
    second.clock.advance(1);
    const done = await ib.send(new GetImageCommand({ imageBuildVersionArn }));
    await second.stop();
    // Assess
    expect(resumed.image?.state?.status).toBe('BUILDING');
    expect(almost.image?.state?.status).toBe('INTEGRATING');
    expect(done.image?.state?.status).toBe('AVAILABLE');
    expect(done.image?.outputResources?.amis).toHaveLength(1);
    const changes = second.runtime.events
      .filter((e) => e.resources.includes(imageBuildVersionArn as string))
      .map((e) => (e.detail.state as { status: string }).status);
    expect(changes).toEqual(['TESTING', 'DISTRIBUTING', 'INTEGRATING', 'AVAILABLE']);
  });
});
