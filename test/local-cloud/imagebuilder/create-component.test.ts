import { CreateComponentCommand, GetComponentCommand, ListComponentBuildVersionsCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocument, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud, testDocument } from './imagebuilder-test-cloud.ts';

describe('Image Builder: CreateComponent', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('creates build 1 of a component under a lowercased, hyphenated name', async () => {
    // Act
    const created = await t.ib.send(
      new CreateComponentCommand({ name: 'Install Nginx_Web', semanticVersion: '1.2.3', platform: 'Linux', data: buildDocument(), tags: { team: 'platform' } }),
    );
    // Assess
    expect(created.componentBuildVersionArn).toBe('arn:aws:imagebuilder:us-east-1:123456789012:component/install-nginx-web/1.2.3/1');
    expect(created.clientToken).toBeDefined();
    const { component } = await t.ib.send(new GetComponentCommand({ componentBuildVersionArn: created.componentBuildVersionArn }));
    expect(component).toMatchObject({ name: 'Install Nginx_Web', version: '1.2.3', type: 'BUILD', platform: 'Linux', tags: { team: 'platform' } });
  });

  it('adds a build when the name and version exist already', async () => {
    // Prepare
    const first = await t.ib.send(new CreateComponentCommand({ name: 'rebuilt', semanticVersion: '2.0.0', platform: 'Linux', data: buildDocument() }));
    // Act
    const second = await t.ib.send(new CreateComponentCommand({ name: 'rebuilt', semanticVersion: '2.0.0', platform: 'Linux', data: buildDocument('Other') }));
    // Assess
    expect(first.componentBuildVersionArn).toMatch(/\/2\.0\.0\/1$/);
    expect(second.componentBuildVersionArn).toMatch(/\/2\.0\.0\/2$/);
  });

  it('types a document with only a test phase as a TEST component', async () => {
    // Act
    const created = await t.ib.send(new CreateComponentCommand({ name: 'smoke', semanticVersion: '1.0.0', platform: 'Linux', data: testDocument() }));
    // Assess
    const { component } = await t.ib.send(new GetComponentCommand({ componentBuildVersionArn: created.componentBuildVersionArn }));
    expect(component?.type).toBe('TEST');
  });

  it('answers the first response again for a repeated client token, and creates nothing', async () => {
    // Prepare
    const request = { name: 'once', semanticVersion: '1.0.0', platform: 'Linux' as const, data: buildDocument(), clientToken: 'create-once' };
    const first = await t.ib.send(new CreateComponentCommand(request));
    // Act
    const again = await t.ib.send(new CreateComponentCommand(request));
    // Assess
    expect(again.componentBuildVersionArn).toBe(first.componentBuildVersionArn);
    expect(again.clientToken).toBe('create-once');
    const builds = await t.ib.send(new ListComponentBuildVersionsCommand({ componentVersionArn: first.componentBuildVersionArn?.replace(/\/1$/, '') }));
    expect(builds.componentSummaryList).toHaveLength(1);
  });

  it('refuses a client token reused with other parameters', async () => {
    // Prepare
    await t.ib.send(new CreateComponentCommand({ name: 'token', semanticVersion: '1.0.0', platform: 'Linux', data: buildDocument(), clientToken: 'reused' }));
    // Act
    const call = t.ib.send(
      new CreateComponentCommand({ name: 'token', semanticVersion: '1.0.1', platform: 'Linux', data: buildDocument(), clientToken: 'reused' }),
    );
    // Assess
    await expectImageBuilderError(
      call,
      'IdempotentParameterMismatchException',
      "The client token 'reused' was already used in a previous request with different parameters. Use a new client token for a different request.",
    );
  });

  it('refuses a document that is not valid YAML', async () => {
    // Act
    const call = t.ib.send(new CreateComponentCommand({ name: 'broken', semanticVersion: '1.0.0', platform: 'Linux', data: 'phases: [\n  - name: build' }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      /^The value supplied for parameter 'data' is not valid\. The document is not valid YAML or JSON: /,
    );
  });

  it('refuses a step whose action needs inputs but has none', async () => {
    // Prepare
    const data = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Download\n        action: S3Download\n';
    // Act
    const call = t.ib.send(new CreateComponentCommand({ name: 'no-inputs', semanticVersion: '1.0.0', platform: 'Linux', data }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'data' is not valid. Parsing step 'Download' in phase 'build' failed. Error: Action S3Download has no inputs; it requires an 'inputs'",
    );
  });

  it('refuses an action AWSTOE does not have', async () => {
    // Prepare
    const data = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Run\n        action: RunShell\n        inputs: {}\n';
    // Act
    const call = t.ib.send(new CreateComponentCommand({ name: 'bad-action', semanticVersion: '1.0.0', platform: 'Linux', data }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'data' is not valid. Parsing step 'Run' in phase 'build' failed. Error: Action RunShell is not a supported action.",
    );
  });

  it('refuses a version that is not major.minor.patch', async () => {
    // Act
    const call = t.ib.send(new CreateComponentCommand({ name: 'bad-version', semanticVersion: '1.0', platform: 'Linux', data: buildDocument() }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'semanticVersion' is not valid. semanticVersion must match pattern ^[0-9]+\\.[0-9]+\\.[0-9]+$",
    );
  });

  it('refuses a version node above 2^30 - 1', async () => {
    // Act
    const call = t.ib.send(new CreateComponentCommand({ name: 'big-version', semanticVersion: '1073741824.0.0', platform: 'Linux', data: buildDocument() }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidVersionNumberException',
      "The value supplied for parameter 'semanticVersion' is not valid. Version '1073741824.0.0' is out of bounds: each of the major, minor and patch nodes must be between 0 and 1073741823.",
    );
  });

  it('refuses a platform Image Builder does not know', async () => {
    // Act
    const call = t.ib.send(
      new CreateComponentCommand({ name: 'bad-platform', semanticVersion: '1.0.0', platform: 'Solaris' as 'Linux', data: buildDocument() }),
    );
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'platform' is not valid. platform must be one of the following values: Windows, Linux, macOS",
    );
  });

  it('refuses both data and uri', async () => {
    // Act
    const call = t.ib.send(
      new CreateComponentCommand({ name: 'both', semanticVersion: '1.0.0', platform: 'Linux', data: buildDocument(), uri: 's3://bucket/c.yaml' }),
    );
    // Assess
    await expectImageBuilderError(call, 'InvalidParameterCombinationException', "You can specify either 'data' or 'uri' for a component, not both.");
  });
});
