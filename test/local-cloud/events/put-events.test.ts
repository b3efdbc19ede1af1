import { CreateEventBusCommand, EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';

const ACCOUNT = '123456789012';
const STATE_MACHINE = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:release`;
const FUNCTION = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:await-image`;

describe('EventBridge: PutEvents and delivery', () => {
  let cloud: TestCloud;
  let events: EventBridgeClient;
  const deliveries = () => cloud.runtime.services.events.deliveries(ACCOUNT, 'us-east-1');

  beforeAll(async () => {
    cloud = await startTestCloud();
    events = new EventBridgeClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('answers an event id per entry and fails the invalid ones as AWS does', async () => {
    // Act
    const result = await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'goldsmith', DetailType: 'Release Requested', Detail: '{"pipeline":"web"}' },
          { DetailType: 'No Source', Detail: '{}' },
          { Source: 'goldsmith', Detail: '{}' },
          { Source: 'goldsmith', DetailType: 'No Detail' },
          { Source: 'goldsmith', DetailType: 'Bad Detail', Detail: '[1,2]' },
          { Source: 'aws.imagebuilder', DetailType: 'Spoofed', Detail: '{}' },
          { Source: 'goldsmith', DetailType: 'Lost', Detail: '{}', EventBusName: 'missing-bus' },
        ],
      }),
    );
    // Assess
    expect(result.FailedEntryCount).toBe(6);
    expect(result.Entries?.[0].EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.Entries?.slice(1)).toEqual([
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
      { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus missing-bus does not exist.' },
    ]);
  });

  it('rejects more than ten entries', async () => {
    // Act
    const entries = Array.from({ length: 11 }, () => ({ Source: 'goldsmith', DetailType: 'x', Detail: '{}' }));
    const error = await events.send(new PutEventsCommand({ Entries: entries })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    expect((error as Error).message).toMatch(
      /^1 validation error detected: Value '.*' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10$/,
    );
  });

  it('rejects entries over 256 KB in total', async () => {
    // Act
    const detail = JSON.stringify({ blob: 'x'.repeat(140_000) });
    const error = await events
      .send(new PutEventsCommand({ Entries: [1, 2].map(() => ({ Source: 'goldsmith', DetailType: 'big', Detail: detail })) }))
      .catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ValidationException', message: 'Total size of the entries in the request is over the limit.' });
  });

  it('starts a state machine execution with the matching event as input', async () => {
    // Prepare
    await events.send(
      new PutRuleCommand({ Name: 'release-requested', EventPattern: JSON.stringify({ source: ['goldsmith'], 'detail-type': ['Release Requested'] }) }),
    );
    await events.send(new PutTargetsCommand({ Rule: 'release-requested', Targets: [{ Id: 'release', Arn: STATE_MACHINE }] }));
    const before = cloud.runtime.calls.length;
    // Act
    const { Entries } = await events.send(
      new PutEventsCommand({ Entries: [{ Source: 'goldsmith', DetailType: 'Release Requested', Detail: '{"pipeline":"web"}' }] }),
    );
    await vi.waitFor(() => expect(deliveries().some((d) => d.eventId === Entries?.[0].EventId)).toBe(true));
    const call = cloud.runtime.calls.slice(before).find((c) => c.service === 'states');
    const delivery = deliveries().find((d) => d.eventId === Entries?.[0].EventId);
    // Assess
    expect(call).toMatchObject({ operation: 'StartExecution', caller: 'events', accountId: ACCOUNT, region: 'us-east-1' });
    expect(JSON.parse(delivery?.input ?? '{}')).toMatchObject({
      version: '0',
      id: Entries?.[0].EventId,
      'detail-type': 'Release Requested',
      source: 'goldsmith',
      account: ACCOUNT,
      region: 'us-east-1',
      resources: [],
      detail: { pipeline: 'web' },
    });
    expect(delivery).toMatchObject({ ruleName: 'release-requested', targetId: 'release', targetArn: STATE_MACHINE });
  });

  it('routes an Image Builder state change from the runtime to an asynchronous Lambda invoke, transformed', async () => {
    // Prepare
    await events.send(
      new PutRuleCommand({
        Name: 'image-state',
        EventPattern: JSON.stringify({
          source: ['aws.imagebuilder'],
          'detail-type': ['EC2 Image Builder Image State Change'],
          detail: { state: { status: ['AVAILABLE', 'FAILED'] } },
        }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'image-state',
        Targets: [
          {
            Id: 'await-image',
            Arn: FUNCTION,
            InputTransformer: {
              InputPathsMap: { image: '$.resources[0]', status: '$.detail.state.status' },
              InputTemplate: '{"imageArn": <image>, "status": <status>, "text": "<image> is <status>", "rule": <aws.events.rule-name>}',
            },
          },
        ],
      }),
    );
    const before = cloud.runtime.calls.length;
    // Act
    const building = cloud.runtime.emitEvent({
      source: 'aws.imagebuilder',
      'detail-type': 'EC2 Image Builder Image State Change',
      detail: { 'previous-state': { status: 'CREATING' }, state: { status: 'BUILDING' } },
      resources: [`arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/web/1.0.0/1`],
      account: ACCOUNT,
      region: 'us-east-1',
    });
    const available = cloud.runtime.emitEvent({
      source: 'aws.imagebuilder',
      'detail-type': 'EC2 Image Builder Image State Change',
      detail: { 'previous-state': { status: 'INTEGRATING' }, state: { status: 'AVAILABLE' } },
      resources: [`arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/web/1.0.0/1`],
      account: ACCOUNT,
      region: 'us-east-1',
    });
    await vi.waitFor(() => expect(deliveries().some((d) => d.eventId === available.id)).toBe(true));
    const delivery = deliveries().find((d) => d.eventId === available.id);
    // Assess
    expect(deliveries().some((d) => d.eventId === building.id)).toBe(false);
    expect(cloud.runtime.calls.slice(before).filter((c) => c.service === 'lambda')).toEqual([
      expect.objectContaining({ operation: 'Invoke', caller: 'events' }),
    ]);
    expect(JSON.parse(delivery?.input ?? '')).toEqual({
      imageArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/web/1.0.0/1`,
      status: 'AVAILABLE',
      text: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/web/1.0.0/1 is AVAILABLE`,
      rule: 'image-state',
    });
  });

  it('sends the target its constant Input, or the part InputPath selects', async () => {
    // Prepare
    await events.send(new PutRuleCommand({ Name: 'inputs', EventPattern: JSON.stringify({ source: ['goldsmith.inputs'] }) }));
    await events.send(
      new PutTargetsCommand({
        Rule: 'inputs',
        Targets: [
          { Id: 'constant', Arn: STATE_MACHINE, Input: '{"fixed":true}' },
          { Id: 'path', Arn: FUNCTION, InputPath: '$.detail' },
        ],
      }),
    );
    // Act
    const { Entries } = await events.send(new PutEventsCommand({ Entries: [{ Source: 'goldsmith.inputs', DetailType: 'x', Detail: '{"wave":2}' }] }));
    await vi.waitFor(() => expect(deliveries().filter((d) => d.eventId === Entries?.[0].EventId)).toHaveLength(2));
    const byTarget = Object.fromEntries(
      deliveries()
        .filter((d) => d.eventId === Entries?.[0].EventId)
        .map((d) => [d.targetId, d.input]),
    );
    // Assess
    expect(byTarget).toEqual({ constant: '{"fixed":true}', path: '{"wave":2}' });
  });

  it('forwards events to another bus, whose own rules route them', async () => {
    // Prepare
    await events.send(new CreateEventBusCommand({ Name: 'central' }));
    await events.send(new PutRuleCommand({ Name: 'forward', EventPattern: JSON.stringify({ source: ['goldsmith.forward'] }) }));
    await events.send(new PutTargetsCommand({ Rule: 'forward', Targets: [{ Id: 'bus', Arn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/central` }] }));
    await events.send(new PutRuleCommand({ Name: 'on-central', EventBusName: 'central', EventPattern: JSON.stringify({ source: ['goldsmith.forward'] }) }));
    await events.send(new PutTargetsCommand({ Rule: 'on-central', EventBusName: 'central', Targets: [{ Id: 'sfn', Arn: STATE_MACHINE }] }));
    // Act
    const { Entries } = await events.send(new PutEventsCommand({ Entries: [{ Source: 'goldsmith.forward', DetailType: 'x', Detail: '{}' }] }));
    await vi.waitFor(() => expect(deliveries().filter((d) => d.eventId === Entries?.[0].EventId)).toHaveLength(2));
    const routes = deliveries()
      .filter((d) => d.eventId === Entries?.[0].EventId)
      .map((d) => `${d.eventBusName}/${d.ruleName}->${d.targetId}`);
    // Assess
    expect(routes.sort()).toEqual(['central/on-central->sfn', 'default/forward->bus']);
  });

  it('does not deliver to a disabled rule', async () => {
    // Prepare
    await events.send(new PutRuleCommand({ Name: 'off', State: 'DISABLED', EventPattern: JSON.stringify({ source: ['goldsmith.off'] }) }));
    await events.send(new PutTargetsCommand({ Rule: 'off', Targets: [{ Id: 'sfn', Arn: STATE_MACHINE }] }));
    await events.send(new PutRuleCommand({ Name: 'on', EventPattern: JSON.stringify({ source: ['goldsmith.off'] }) }));
    await events.send(new PutTargetsCommand({ Rule: 'on', Targets: [{ Id: 'sfn', Arn: STATE_MACHINE }] }));
    // Act
    const { Entries } = await events.send(new PutEventsCommand({ Entries: [{ Source: 'goldsmith.off', DetailType: 'x', Detail: '{}' }] }));
    await vi.waitFor(() => expect(deliveries().some((d) => d.eventId === Entries?.[0].EventId)).toBe(true));
    // Assess
    expect(
      deliveries()
        .filter((d) => d.eventId === Entries?.[0].EventId)
        .map((d) => d.ruleName),
    ).toEqual(['on']);
  });
});
