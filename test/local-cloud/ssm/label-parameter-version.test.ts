import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  UnlabelParameterVersionCommand,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, NO_MESSAGE, type SsmTestCloud, startSsmTestCloud } from './ssm-test-cloud.ts';

describe('SSM: LabelParameterVersion', () => {
  let t: SsmTestCloud;
  beforeAll(async () => {
    t = await startSsmTestCloud();
    await t.ssm.send(new PutParameterCommand({ Name: '/labels/app', Value: 'one', Type: 'String' }));
    await t.ssm.send(new PutParameterCommand({ Name: '/labels/app', Value: 'two', Overwrite: true }));
  });
  afterAll(() => t.cloud.stop());

  const labelsByVersion = async () => (await t.ssm.send(new GetParameterHistoryCommand({ Name: '/labels/app' }))).Parameters?.map((p) => [p.Version, p.Labels]);

  it('labels the latest version by default and moves a label to another version', async () => {
    // Act
    const first = await t.ssm.send(new LabelParameterVersionCommand({ Name: '/labels/app', Labels: ['candidate'] }));
    const moved = await t.ssm.send(new LabelParameterVersionCommand({ Name: '/labels/app', ParameterVersion: 1, Labels: ['candidate'] }));
    // Assess
    expect(first).toMatchObject({ ParameterVersion: 2, InvalidLabels: [] });
    expect(moved).toMatchObject({ ParameterVersion: 1, InvalidLabels: [] });
    expect(await labelsByVersion()).toEqual([
      [1, ['candidate']],
      [2, []],
    ]);
    const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: '/labels/app:candidate' }));
    expect(Parameter?.Value).toBe('one');
  });

  it('returns labels of an invalid format as InvalidLabels and attaches the rest', async () => {
    // Act
    const result = await t.ssm.send(
      new LabelParameterVersionCommand({ Name: '/labels/app', ParameterVersion: 2, Labels: ['1st', 'awsy', 'ok-label', 'bad label'] }),
    );
    // Assess
    expect(result.InvalidLabels).toEqual(['1st', 'awsy', 'bad label']);
    expect((await labelsByVersion())?.[1]).toEqual([2, ['ok-label']]);
  });

  it('emits a LabelParameterVersion change event', async () => {
    // Prepare
    const before = t.cloud.runtime.events.length;
    // Act
    await t.ssm.send(new LabelParameterVersionCommand({ Name: '/labels/app', ParameterVersion: 2, Labels: ['evented'] }));
    // Assess
    const event = t.cloud.runtime.events.slice(before).find((e) => e['detail-type'] === 'Parameter Store Change');
    expect(event?.detail).toMatchObject({ name: '/labels/app', operation: 'LabelParameterVersion', labels: ['evented'] });
  });

  it('throws ParameterVersionLabelLimitExceeded past 10 labels on a version', async () => {
    // Prepare
    await t.ssm.send(new PutParameterCommand({ Name: '/labels/full', Value: 'x', Type: 'String' }));
    await t.ssm.send(new LabelParameterVersionCommand({ Name: '/labels/full', Labels: Array.from({ length: 10 }, (_, i) => `l${i}`) }));
    // Act
    const call = t.ssm.send(new LabelParameterVersionCommand({ Name: '/labels/full', Labels: ['eleventh'] }));
    // Assess
    await expectAwsError(
      call,
      'ParameterVersionLabelLimitExceeded',
      'A parameter version can have maximum 10 labels.Move one or more labels to another version and try again.',
    );
  });

  it('throws ParameterVersionNotFound for an unknown version', async () => {
    // Act
    const call = t.ssm.send(new LabelParameterVersionCommand({ Name: '/labels/app', ParameterVersion: 7, Labels: ['x'] }));
    // Assess
    await expectAwsError(call, 'ParameterVersionNotFound', 'Systems Manager could not find version 7 of /labels/app. Verify the version and try again.');
  });

  it('throws ParameterNotFound for an unknown parameter', async () => {
    // Act
    const call = t.ssm.send(new LabelParameterVersionCommand({ Name: '/labels/none', Labels: ['x'] }));
    // Assess
    await expectAwsError(call, 'ParameterNotFound', NO_MESSAGE);
  });
});

describe('SSM: UnlabelParameterVersion', () => {
  let t: SsmTestCloud;
  beforeAll(async () => {
    t = await startSsmTestCloud();
    await t.ssm.send(new PutParameterCommand({ Name: '/unlabel/app', Value: 'one', Type: 'String' }));
    await t.ssm.send(new LabelParameterVersionCommand({ Name: '/unlabel/app', Labels: ['a', 'b'] }));
  });
  afterAll(() => t.cloud.stop());

  it('removes the labels attached and reports the others as invalid', async () => {
    // Act
    const result = await t.ssm.send(new UnlabelParameterVersionCommand({ Name: '/unlabel/app', ParameterVersion: 1, Labels: ['a', 'zzz'] }));
    // Assess
    expect(result).toMatchObject({ RemovedLabels: ['a'], InvalidLabels: ['zzz'] });
    const { Parameters } = await t.ssm.send(new GetParameterHistoryCommand({ Name: '/unlabel/app' }));
    expect(Parameters?.[0]?.Labels).toEqual(['b']);
  });

  it('throws ParameterVersionNotFound for an unknown version', async () => {
    // Act
    const call = t.ssm.send(new UnlabelParameterVersionCommand({ Name: '/unlabel/app', ParameterVersion: 3, Labels: ['b'] }));
    // Assess
    await expectAwsError(call, 'ParameterVersionNotFound', 'Systems Manager could not find version 3 of /unlabel/app. Verify the version and try again.');
  });
});
