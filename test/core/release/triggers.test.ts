import { describe, expect, it } from 'vitest';
import { InvalidReleaseRequestError, ParentImageNotFoundError, UnknownPipelineError } from '../../../core/release/errors.ts';
import { TriggerReleaseInput } from '../../../core/release/events.ts';
import { triggerRelease } from '../../../core/release/trigger-release.ts';
import { watchUpstream } from '../../../core/release/watch-upstream.ts';
import { FakeParameters, FakeStarter, MemoryHistory } from './fakes.ts';
import { HOME, pipelineInput, releaseConfigOf } from './release-fixture.ts';

const PARENT = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
const config = releaseConfigOf([
  pipelineInput({ upstreamWatch: { expression: 'rate(1 day)' } }),
  pipelineInput({ name: 'api-server', parentImage: 'pipeline:web-server', schedule: undefined, rollout: { waves: [] } }),
]);
const event = (detailType: string, detail: Record<string, unknown>, id = 'evt-1') => ({
  version: '0',
  id,
  'detail-type': detailType,
  source: 'goldsmith',
  account: '123456789012',
  time: '2026-11-10T04:47:12Z',
  region: HOME,
  resources: [],
  detail,
});
const parse = (value: unknown) => TriggerReleaseInput.parse(value);

describe('Core: trigger-release', () => {
  it('starts one scheduled release per pipeline and month, however often the schedule fires', async () => {
    // Prepare
    const starter = new FakeStarter();
    const input = parse({ kind: 'scheduled', pipeline: 'web-server', scheduledTime: '2026-11-10T02:00:00Z', id: 'a' });
    // Act
    const first = await triggerRelease(input, { config, starter });
    starter.executions.get('web-server-2026-11-scheduled')!.status = 'SUCCEEDED';
    const again = await triggerRelease(parse({ kind: 'scheduled', pipeline: 'web-server', scheduledTime: '2026-11-10T02:00:30Z', id: 'b' }), {
      config,
      starter,
    });
    // Assess
    expect(first.releases).toEqual([expect.objectContaining({ releaseId: 'web-server-2026-11-scheduled', outcome: 'started' })]);
    expect(again.releases).toEqual([expect.objectContaining({ releaseId: 'web-server-2026-11-scheduled', outcome: 'already-done', status: 'SUCCEEDED' })]);
    expect(starter.executions.get('web-server-2026-11-scheduled')?.input.trigger.kind).toBe('scheduled');
  });

  it('starts a release per request id, forcing it when asked', async () => {
    // Prepare
    const starter = new FakeStarter();
    // Act
    const result = await triggerRelease(parse(event('Release Requested', { pipeline: 'web-server', requestId: 'ci-42', force: true })), { config, starter });
    // Assess
    expect(result.releases[0].releaseId).toMatch(/^web-server-req-[0-9a-f]{10}$/);
    expect([...starter.executions.values()][0].input).toMatchObject({ force: true, trigger: { kind: 'requested', detail: 'request ci-42' } });
  });

  it('starts the chained pipelines of a published pipeline, once per parent release', async () => {
    // Prepare
    const starter = new FakeStarter();
    const published = event('Goldsmith Image Published', { pipeline: 'web-server', releaseId: 'web-server-2026-11-scheduled', amis: [], channel: '/x' });
    // Act
    const first = await triggerRelease(parse(published), { config, starter });
    const duplicate = await triggerRelease(parse({ ...published, id: 'evt-2' }), { config, starter });
    // Assess
    expect(first.releases).toEqual([expect.objectContaining({ pipeline: 'api-server', outcome: 'started' })]);
    expect(duplicate.releases).toEqual([expect.objectContaining({ pipeline: 'api-server', outcome: 'already-running' })]);
  });

  it('throws UnknownPipelineError naming detail.pipeline, and starts nothing', async () => {
    // Prepare
    const starter = new FakeStarter();
    // Act
    const attempt = triggerRelease(parse(event('Release Requested', { pipeline: 'nope' })), { config, starter });
    // Assess
    await expect(attempt).rejects.toThrow(UnknownPipelineError);
    await expect(attempt).rejects.toThrow(/^detail\.pipeline: /);
    expect(starter.executions.size).toBe(0);
  });

  it('refuses malformed input, naming the field', () => {
    // Act
    const missing = TriggerReleaseInput.safeParse({ kind: 'scheduled', pipeline: 'web-server' });
    const unknownType = TriggerReleaseInput.safeParse(event('Something Else', {}));
    // Assess
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0].path).toEqual(['scheduledTime']);
    expect(unknownType.error?.issues[0].path).toEqual(['detail-type']);
  });
});

describe('Core: watch-upstream', () => {
  it('starts <pipeline>-upstream-<ami> when the parent image changed since the last success', async () => {
    // Prepare
    const parameters = new FakeParameters();
    parameters.set(HOME, PARENT, 'ami-0bbbbbbbbbbbbbbbb');
    const history = new MemoryHistory();
    await history.addSuccess({ pipeline: 'web-server', releaseId: 'r1', succeededAt: 1, amis: [], parentImageId: 'ami-0aaaaaaaaaaaaaaaa' });
    const starter = new FakeStarter();
    // Act
    const result = await watchUpstream({ pipeline: 'web-server' }, { config, parameters, history, starter });
    // Assess
    expect(result).toMatchObject({ action: 'started', releaseId: 'web-server-upstream-ami-0bbbbbbbbbbbbbbbb', previousParentImageId: 'ami-0aaaaaaaaaaaaaaaa' });
  });

  it('does nothing when the last success was built on the same parent image', async () => {
    // Prepare
    const parameters = new FakeParameters();
    parameters.set(HOME, PARENT, 'ami-0aaaaaaaaaaaaaaaa');
    const history = new MemoryHistory();
    await history.addSuccess({ pipeline: 'web-server', releaseId: 'r1', succeededAt: 1, amis: [], parentImageId: 'ami-0aaaaaaaaaaaaaaaa' });
    const starter = new FakeStarter();
    // Act
    const result = await watchUpstream({ pipeline: 'web-server' }, { config, parameters, history, starter });
    // Assess
    expect(result).toMatchObject({ action: 'unchanged', releasedWith: 'r1' });
    expect(starter.executions.size).toBe(0);
  });

  it('refuses a chained pipeline, and a parent parameter that does not exist', async () => {
    // Prepare
    const deps = { config, parameters: new FakeParameters(), history: new MemoryHistory(), starter: new FakeStarter() };
    // Act
    const chained = watchUpstream({ pipeline: 'api-server' }, deps);
    const missing = watchUpstream({ pipeline: 'web-server' }, deps);
    // Assess
    await expect(chained).rejects.toThrow(InvalidReleaseRequestError);
    await expect(missing).rejects.toThrow(ParentImageNotFoundError);
  });
});
