import { CreateStateMachineCommand, DescribeStateMachineCommand, ListTagsForResourceCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { ROLE, rejectionOf, uniqueName } from './state-machine-fixtures.ts';

const PASS = { StartAt: 'Hello', States: { Hello: { Type: 'Pass', Result: 'world', End: true } } };

describe('Step Functions: CreateStateMachine', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  const create = (name: string, definition: unknown, extra: Record<string, unknown> = {}) =>
    sfn.send(
      new CreateStateMachineCommand({ name, definition: typeof definition === 'string' ? definition : JSON.stringify(definition), roleArn: ROLE, ...extra }),
    );

  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('creates a state machine with its type, logging, tracing and tags', async () => {
    // Prepare
    const name = uniqueName('hello');
    // Act
    const created = await create(name, PASS, { type: 'STANDARD', tags: [{ key: 'team', value: 'images' }], tracingConfiguration: { enabled: true } });
    // Assess
    expect(created.stateMachineArn).toBe(`arn:aws:states:us-east-1:123456789012:stateMachine:${name}`);
    expect(created.creationDate?.getTime()).toBe(cloud.clock.now());
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    expect(described).toMatchObject({
      name,
      status: 'ACTIVE',
      type: 'STANDARD',
      roleArn: ROLE,
      definition: JSON.stringify(PASS),
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: true },
    });
    const tags = await sfn.send(new ListTagsForResourceCommand({ resourceArn: created.stateMachineArn }));
    expect(tags.tags).toEqual([{ key: 'team', value: 'images' }]);
  });

  it('answers the existing state machine for the same request, even with another role', async () => {
    // Prepare
    const name = uniqueName('same');
    const first = await create(name, PASS);
    // Act
    const again = await create(name, PASS, { roleArn: 'arn:aws:iam::123456789012:role/other' });
    // Assess
    expect(again.stateMachineArn).toBe(first.stateMachineArn);
    expect(again.creationDate?.getTime()).toBe(first.creationDate?.getTime());
  });

  it('rejects the same name with another definition with StateMachineAlreadyExists', async () => {
    // Prepare
    const name = uniqueName('taken');
    const first = await create(name, PASS);
    // Act
    const error = await rejectionOf(create(name, { ...PASS, Comment: 'changed' }));
    // Assess
    expect(error.name).toBe('StateMachineAlreadyExists');
    expect(error.message).toBe(`State Machine Already Exists: '${first.stateMachineArn}'`);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('rejects a name with a forbidden character with InvalidName', async () => {
    // Act
    const error = await rejectionOf(create('bad name', PASS));
    // Assess
    expect(error.name).toBe('InvalidName');
    expect(error.message).toBe("Invalid Name: 'bad name'");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('rejects a name longer than 80 characters with InvalidName', async () => {
    // Act
    const error = await rejectionOf(create('a'.repeat(81), PASS));
    // Assess
    expect(error.name).toBe('InvalidName');
    expect(error.message).toBe(`Invalid Name: '${'a'.repeat(81)}'`);
  });

  it('rejects a definition without States with InvalidDefinition', async () => {
    // Act
    const error = await rejectionOf(create(uniqueName('no-states'), { StartAt: 'A' }));
    // Assess
    expect(error.name).toBe('InvalidDefinition');
    expect(error.message).toBe("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('names a missing Next target and an unreachable state as AWS does', async () => {
    // Prepare
    const definition = { StartAt: 'pass1', States: { pass1: { Type: 'Pass', Next: 'pass3' }, pass2: { Type: 'Pass', End: true } } };
    // Act
    const error = await rejectionOf(create(uniqueName('broken'), definition));
    // Assess
    expect(error.message).toBe(
      "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable. at /States/pass2'",
    );
  });

  it('rejects a field the state type does not support', async () => {
    // Prepare
    const definition = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, TimeoutSeconds: 5, End: true } } };
    // Act
    const error = await rejectionOf(create(uniqueName('field'), definition));
    // Assess
    expect(error.message).toBe("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Field 'TimeoutSeconds' is not supported at /States/W'");
  });

  it('rejects definition text that is not JSON', async () => {
    // Act
    const error = await rejectionOf(create(uniqueName('text'), "{'StartAt': 'A'}"));
    // Assess
    expect(error.name).toBe('InvalidDefinition');
    expect(error.message).toBe(
      `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: Unexpected character (''' (code 39)): was expecting double-quote to start field name\n at [Source: (String)"{'StartAt': 'A'}"; line: 1, column: 3]'`,
    );
  });

  it('rejects an optimized integration with a pattern it does not have', async () => {
    // Prepare
    const resource = 'arn:aws:states:::sns:publish.sync';
    const definition = { StartAt: 'T', States: { T: { Type: 'Task', Resource: resource, End: true } } };
    // Act
    const error = await rejectionOf(create(uniqueName('resource'), definition));
    // Assess
    expect(error.message).toBe(
      `Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The resource provided ${resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at /States/T/Resource'`,
    );
  });

  it('rejects an invalid JSONPath', async () => {
    // Prepare
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', InputPath: 'not a path', End: true } } };
    // Act
    const error = await rejectionOf(create(uniqueName('path'), definition));
    // Assess
    expect(error.message).toBe(
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The value for the field 'InputPath' must be a valid JSONPath at /States/P/InputPath'",
    );
  });

  it('rejects an unknown type with ValidationException', async () => {
    // Act
    const error = await rejectionOf(create(uniqueName('type'), PASS, { type: 'QUICK' }));
    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value 'QUICK' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]",
    );
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('rejects logging without a destination with InvalidLoggingConfiguration', async () => {
    // Act
    const error = await rejectionOf(create(uniqueName('logging'), PASS, { loggingConfiguration: { level: 'ALL' } }));
    // Assess
    expect(error.name).toBe('InvalidLoggingConfiguration');
    expect(error.message).toBe('Invalid Logging Configuration: Must specify exactly one Log Destination.');
  });

  it('rejects a role that is no ARN with InvalidArn', async () => {
    // Act
    const error = await rejectionOf(create(uniqueName('role'), PASS, { roleArn: 'my-role' }));
    // Assess
    expect(error.name).toBe('InvalidArn');
    expect(error.message).toBe("Invalid Arn: 'Invalid ARN prefix: my-role'");
  });
});
