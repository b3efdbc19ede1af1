import { DescribeImagesCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseConfigOf } from '../core/release/release-fixture.ts';
import { ACCOUNT, type FunctionCloud, failure, invoke, REGION, startFunctionCloud } from './function-harness.ts';
import { buildImage, type DeployedPipeline, deployPipeline } from './release-fixtures.ts';

const config = releaseConfigOf();
const smokeTest = {
  commands: ['systemctl is-active nginx'],
  instanceType: 't3.small',
  instanceProfile: 'acme-platform-build',
  timeoutSeconds: 300,
  documentName: 'AWS-RunShellScript',
};

describe('Handlers: validation', () => {
  let fc: FunctionCloud;
  let deployed: DeployedPipeline;
  let ec2: EC2Client;
  let gateFindings: typeof import('../../functions/gate-findings.ts').handler;
  let launch: typeof import('../../functions/launch-test-instance.ts').handler;
  let check: typeof import('../../functions/check-test-instance.ts').handler;
  let runSmoke: typeof import('../../functions/run-smoke-tests.ts').handler;
  let checkSmoke: typeof import('../../functions/check-smoke-tests.ts').handler;
  let terminate: typeof import('../../functions/terminate-test-instances.ts').handler;
  let reject: typeof import('../../functions/reject-image.ts').handler;
  const ami = () => ({ region: REGION, imageId: fc.cloud.runtime.services.ec2.registerImage(ACCOUNT, REGION, { name: `golden-${Math.random()}` }).imageId });
  const instance = async (instanceId: string) =>
    (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))).Reservations?.[0]?.Instances?.[0];
  const now = () => new Date(fc.cloud.clock.now()).toISOString();

  beforeAll(async () => {
    fc = await startFunctionCloud(JSON.stringify(config));
    ec2 = new EC2Client(fc.sdk);
    deployed = await deployPipeline(fc, config);
    ({ handler: gateFindings } = await import('../../functions/gate-findings.ts'));
    ({ handler: launch } = await import('../../functions/launch-test-instance.ts'));
    ({ handler: check } = await import('../../functions/check-test-instance.ts'));
    ({ handler: runSmoke } = await import('../../functions/run-smoke-tests.ts'));
    ({ handler: checkSmoke } = await import('../../functions/check-smoke-tests.ts'));
    ({ handler: terminate } = await import('../../functions/terminate-test-instances.ts'));
    ({ handler: reject } = await import('../../functions/reject-image.ts'));
  });
  afterAll(() => fc.stop());

  describe('Handler: gate-findings', () => {
    it('passes an image within its thresholds, and fails one over them, naming each severity', async () => {
      // Prepare
      fc.cloud.setScenario({ builds: { '*': { findings: { CRITICAL: 1, HIGH: 3, LOW: 5 } } } });
      const { arn } = await buildImage(fc, deployed.pipelineArn);
      // Act
      const passed = await invoke(gateFindings, { imageBuildVersionArn: arn, thresholds: { critical: 1, high: 3 } });
      const failed = invoke(gateFindings, { imageBuildVersionArn: arn, thresholds: { critical: 0, high: 2 } });
      // Assess
      expect(passed.counts).toEqual({ critical: 1, high: 3, low: 5 });
      await expect(failed).rejects.toMatchObject({
        name: 'ValidationGateError',
        message: expect.stringContaining('has 1 critical finding (at most 0 allowed) and 3 high findings (at most 2 allowed)'),
      });
      fc.cloud.setScenario({});
    });

    it('throws InvalidInputError naming the field', async () => {
      // Act
      const attempt = invoke(gateFindings, { imageBuildVersionArn: 'arn:x', thresholds: { critical: -1 } });
      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('thresholds.critical:') });
    });
  });

  describe('Handlers: launch-test-instance, check-test-instance, terminate-test-instances', () => {
    it('launches one tagged IMDSv2 instance, reports it ready once its agent is online, and terminates it by tag', async () => {
      // Prepare
      const input = { releaseId: 'web-server-2026-11-scheduled', pipeline: 'web-server', ami: ami(), smokeTest };
      // Act
      const launched = await invoke(launch, input);
      const retried = await invoke(launch, input);
      const early = await invoke(check, { ...launched, checkedAt: now() });
      fc.cloud.clock.advance(120_000);
      const ready = await invoke(check, { ...launched, checkedAt: now() });
      const terminated = await invoke(terminate, { releaseId: input.releaseId, region: REGION });
      // Assess
      expect(retried).toEqual(launched);
      expect(early.ready).toBe(false);
      expect(ready.ready).toBe(true);
      expect(terminated.terminated).toEqual([launched.instanceId]);
      const described = await instance(launched.instanceId);
      expect(described?.MetadataOptions?.HttpTokens).toBe('required');
      expect(described?.State?.Name).toMatch(/shutting-down|terminated/);
      expect(Object.fromEntries((described?.Tags ?? []).map((t) => [t.Key, t.Value]))).toMatchObject({
        'goldsmith:managed': 'true',
        'goldsmith:release': input.releaseId,
        'goldsmith:role': 'test-instance',
      });
    });

    it('throws TestInstanceNotReadyError once the instance overran its bound', async () => {
      // Prepare
      const launched = await invoke(launch, {
        releaseId: 'r-bound',
        pipeline: 'web-server',
        ami: ami(),
        smokeTest: { ...smokeTest, instanceProfile: undefined },
      });
      // Act
      const attempt = invoke(check, { ...launched, checkedAt: new Date(fc.cloud.clock.now() + 901_000).toISOString() });
      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'TestInstanceNotReadyError' });
      await invoke(terminate, { releaseId: 'r-bound', region: REGION });
    });

    it('throws InvalidInputError naming the field, and launches nothing', async () => {
      // Prepare
      const before = (await ec2.send(new DescribeInstancesCommand({}))).Reservations?.length;
      // Act
      const attempt = invoke(launch, { releaseId: 'r', pipeline: 'web-server', ami: { region: REGION, imageId: 'ubuntu' }, smokeTest });
      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('ami.imageId:') });
      expect((await ec2.send(new DescribeInstancesCommand({}))).Reservations?.length).toBe(before);
    });
  });

  describe('Handlers: run-smoke-tests, check-smoke-tests', () => {
    it('runs the commands on the instance and reports Success, or SmokeTestFailedError with the output', async () => {
      // Prepare
      fc.cloud.setScenario({ commands: [{ commandContains: 'curl', status: 'Failed', output: 'connection refused' }] });
      const launched = await invoke(launch, { releaseId: 'r-smoke', pipeline: 'web-server', ami: ami(), smokeTest });
      fc.cloud.clock.advance(120_000);
      // Act
      const passing = await invoke(runSmoke, { ...launched, commands: ['systemctl is-active nginx'], timeoutSeconds: 300 });
      const failing = await invoke(runSmoke, { ...launched, commands: ['curl -fsS localhost'], timeoutSeconds: 300, documentName: 'AWS-RunShellScript' });
      const pending = await invoke(checkSmoke, passing);
      fc.cloud.clock.advance(10_000);
      const done = await invoke(checkSmoke, passing);
      const failed = invoke(checkSmoke, failing);
      // Assess
      expect(pending.done).toBe(false);
      expect(done).toMatchObject({ done: true, status: 'Success' });
      await expect(failed).rejects.toMatchObject({ name: 'SmokeTestFailedError', message: expect.stringContaining('connection refused') });
      fc.cloud.setScenario({});
      await invoke(terminate, { releaseId: 'r-smoke', region: REGION });
    });

    it('throws InvalidInputError naming the field', async () => {
      // Act
      const run = await failure(invoke(runSmoke, { instanceId: 'i-0123456789abcdef0', region: REGION, commands: [], timeoutSeconds: 300 }));
      const poll = await failure(invoke(checkSmoke, { commandId: 'c', instanceId: 'i-0123456789abcdef0' }));
      // Assess
      expect(run).toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('commands:') });
      expect(poll).toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('region:') });
    });
  });

  describe('Handler: reject-image', () => {
    it('tags the AMIs rejected and deprecates them in every region', async () => {
      // Prepare
      const amis = [
        ami(),
        { region: 'eu-west-1', imageId: fc.cloud.runtime.services.ec2.registerImage(ACCOUNT, 'eu-west-1', { name: 'golden-west' }).imageId },
      ];
      // Act
      await invoke(reject, { releaseId: 'r-bad', amis, reason: 'ValidationGateError', now: now() });
      // Assess
      for (const { region, imageId } of amis) {
        const [image] =
          (await new EC2Client({ ...fc.sdk, region }).send(new DescribeImagesCommand({ ImageIds: [imageId], IncludeDeprecated: true }))).Images ?? [];
        expect(Object.fromEntries((image.Tags ?? []).map((t) => [t.Key, t.Value]))).toMatchObject({
          'goldsmith:status': 'rejected',
          'goldsmith:release': 'r-bad',
        });
        expect(Date.parse(image.DeprecationTime as string)).toBeLessThanOrEqual(fc.cloud.clock.now() + 60_000);
      }
    });

    it('throws InvalidInputError naming the field', async () => {
      // Act
      const attempt = invoke(reject, { releaseId: 'r', amis: [], reason: 'x'.repeat(2000) });
      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('reason:') });
    });
  });
});
