import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetImageCommand, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  buildDocument,
  DEFAULT_BUILD_MS,
  type ImageBuilderTestCloud,
  REGION,
  startImageBuilderTestCloud,
  testDocument,
} from './imagebuilder-test-cloud.ts';

const statusesOf = (events: Array<{ detail: Record<string, unknown> }>) => events.map((e) => (e.detail.state as { status: string }).status);

describe('Image Builder: image build lifecycle', () => {
  let t: ImageBuilderTestCloud;
  let ec2: EC2Client;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
    ec2 = new EC2Client(t.cloud.config());
  });
  afterAll(() => t.cloud.stop());

  it('goes from PENDING to AVAILABLE in 45 simulated minutes, emitting each state change in AWS’s shape', async () => {
    // Prepare
    const setup = await t.pipeline();
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    const arn = imageBuildVersionArn as string;
    // Act
    t.cloud.clock.advance(DEFAULT_BUILD_MS - 1);
    const before = await t.ib.send(new GetImageCommand({ imageBuildVersionArn: arn }));
    t.cloud.clock.advance(1);
    const after = await t.ib.send(new GetImageCommand({ imageBuildVersionArn: arn }));
    // Assess
    expect(before.image?.state?.status).toBe('INTEGRATING');
    expect(after.image?.state).toEqual({ status: 'AVAILABLE' });
    const events = t.stateChanges(arn);
    expect(statusesOf(events)).toEqual(['CREATING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'INTEGRATING', 'AVAILABLE']);
    expect(events.map((e) => (e.detail['previous-state'] as { status: string }).status)).toEqual([
      'PENDING',
      'CREATING',
      'BUILDING',
      'TESTING',
      'DISTRIBUTING',
      'INTEGRATING',
    ]);
    expect(events.at(-1)).toEqual({
      version: '0',
      id: expect.any(String),
      'detail-type': 'EC2 Image Builder Image State Change',
      source: 'aws.imagebuilder',
      account: ACCOUNT,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: REGION,
      resources: [arn],
      detail: { 'previous-state': { status: 'INTEGRATING' }, state: { status: 'AVAILABLE' } },
    });
  });

  it('registers an AMI per distribution region and target account, named, described, encrypted and tagged as Image Builder does', async () => {
    // Prepare
    const kmsKeyId = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const setup = await t.pipeline({
      recipe: { description: 'Web fleet' },
      distribution: {
        distributions: [
          {
            region: REGION,
            amiDistributionConfiguration: {
              name: 'web-{{ imagebuilder:buildVersion }}-{{ imagebuilder:buildDate }}',
              kmsKeyId,
              amiTags: { channel: 'candidate' },
            },
          },
          { region: 'eu-west-1', amiDistributionConfiguration: { name: 'web-{{imagebuilder:buildDate}}', targetAccountIds: ['444455556666', '777788889999'] } },
        ],
      },
    });
    const startedAt = t.cloud.clock.now();
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    // Act
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
    const { image } = await t.ib.send(new GetImageCommand({ imageBuildVersionArn }));
    // Assess
    const date = new Date(startedAt).toISOString().replace(/:/g, '-');
    const amis = image?.outputResources?.amis ?? [];
    expect(amis.map((a) => ({ region: a.region, accountId: a.accountId, name: a.name, description: a.description, state: a.state }))).toEqual([
      { region: REGION, accountId: ACCOUNT, name: `web-1-${date}`, description: 'Web fleet', state: { status: 'AVAILABLE' } },
      { region: 'eu-west-1', accountId: '444455556666', name: `web-${date}`, description: undefined, state: { status: 'AVAILABLE' } },
      { region: 'eu-west-1', accountId: '777788889999', name: `web-${date}`, description: undefined, state: { status: 'AVAILABLE' } },
    ]);
    const { Images } = await ec2.send(new DescribeImagesCommand({ ImageIds: [amis[0].image as string] }));
    expect(Images?.[0]).toMatchObject({ Name: `web-1-${date}`, Description: 'Web fleet', State: 'available' });
    expect(Images?.[0].BlockDeviceMappings?.[0].Ebs).toMatchObject({ Encrypted: true, KmsKeyId: kmsKeyId });
    expect(Images?.[0].Tags).toEqual(
      expect.arrayContaining([
        { Key: 'Ec2ImageBuilderArn', Value: imageBuildVersionArn },
        { Key: 'CreatedBy', Value: 'EC2 Image Builder' },
        { Key: 'channel', Value: 'candidate' },
      ]),
    );
  });

  it('names the AMI after the recipe and the build date when there is no distribution configuration', async () => {
    // Prepare
    const setup = await t.pipeline({ distribution: null });
    const startedAt = t.cloud.clock.now();
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    // Act
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
    const { image } = await t.ib.send(new GetImageCommand({ imageBuildVersionArn }));
    // Assess
    expect(image?.outputResources?.amis).toEqual([
      expect.objectContaining({ region: REGION, accountId: ACCOUNT, name: `${setup.name} ${new Date(startedAt).toISOString().replace(/:/g, '-')}` }),
    ]);
  });

  it('takes as long as the scenario says for the pipeline', async () => {
    // Prepare
    const setup = await t.pipeline();
    t.cloud.setScenario({ builds: { [setup.name]: { durationSeconds: 600 } } });
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    // Act
    t.cloud.clock.advance(600_000);
    const { image } = await t.ib.send(new GetImageCommand({ imageBuildVersionArn }));
    // Assess
    expect(image?.state?.status).toBe('AVAILABLE');
    t.cloud.setScenario({});
  });

  it('skips TESTING when the pipeline’s tests are off', async () => {
    // Prepare
    const setup = await t.pipeline({ pipeline: { imageTestsConfiguration: { imageTestsEnabled: false } } });
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    // Act
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
    // Assess
    expect(statusesOf(t.stateChanges(imageBuildVersionArn as string))).toEqual(['CREATING', 'BUILDING', 'DISTRIBUTING', 'INTEGRATING', 'AVAILABLE']);
  });

  it('builds from the AMI an SSM parameter holds when the build starts', async () => {
    // Prepare
    const setup = await t.pipeline({ recipe: { parentImage: 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64' } });
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    // Act
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
    const { image } = await t.ib.send(new GetImageCommand({ imageBuildVersionArn }));
    // Assess
    expect(image?.state?.status).toBe('AVAILABLE');
    expect(image?.osVersion).toBe('Amazon Linux 2023');
    const { Images } = await ec2.send(new DescribeImagesCommand({ ImageIds: [image?.outputResources?.amis?.[0].image as string] }));
    expect(Images?.[0].Architecture).toBe('arm64');
  });

  it('fails while BUILDING at the component the scenario names, with a reason naming it', async () => {
    // Prepare
    const setup = await t.pipeline({
      components: [
        { name: 'first-step-a', data: buildDocument('InstallFirst') },
        { name: 'install-nginx-b', data: buildDocument('InstallNginx') },
      ],
    });
    t.cloud.setScenario({ builds: { [setup.name]: { failAtComponent: 'install-nginx-b' } } });
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    // Act
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
    const { image } = await t.ib.send(new GetImageCommand({ imageBuildVersionArn }));
    // Assess
    const reason = 'Image Builder failed to execute component install-nginx-b: step InstallNginx exited with code 1';
    expect(image?.state).toEqual({ status: 'FAILED', reason });
    expect(image?.outputResources?.amis).toEqual([]);
    expect(t.stateChanges(imageBuildVersionArn as string).at(-1)?.detail).toEqual({
      'previous-state': { status: 'BUILDING' },
      state: { status: 'FAILED', reason },
    });
    t.cloud.setScenario({});
  });

  it('fails while TESTING when the scenario fails the tests', async () => {
    // Prepare
    const setup = await t.pipeline({
      components: [
        { name: 'install-web', data: buildDocument() },
        { name: 'smoke-test', data: testDocument('CurlHome') },
      ],
    });
    t.cloud.setScenario({ builds: { '*': { failTests: true } } });
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    // Act
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
    const { image } = await t.ib.send(new GetImageCommand({ imageBuildVersionArn }));
    // Assess
    expect(image?.state).toEqual({ status: 'FAILED', reason: 'Image Builder failed to execute component smoke-test: test step CurlHome exited with code 1' });
    expect(statusesOf(t.stateChanges(imageBuildVersionArn as string))).toEqual(['CREATING', 'BUILDING', 'TESTING', 'FAILED']);
    t.cloud.setScenario({});
  });

  it('fails while CREATING when the parent AMI does not exist', async () => {
    // Prepare
    const setup = await t.pipeline({ recipe: { parentImage: 'ami-0000000000000dead' } });
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    // Act
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
    const { image } = await t.ib.send(new GetImageCommand({ imageBuildVersionArn }));
    // Assess
    expect(image?.state?.status).toBe('FAILED');
    expect(image?.state?.reason).toMatch(/^The parent image 'ami-0000000000000dead' cannot be used: /);
    expect(statusesOf(t.stateChanges(imageBuildVersionArn as string))).toEqual(['CREATING', 'FAILED']);
  });

  it('publishes the image to the infrastructure configuration’s topic when the build ends', async () => {
    // Prepare
    const topic = 'arn:aws:sns:us-east-1:123456789012:golden-builds';
    const setup = await t.pipeline({ infrastructure: { snsTopicArn: topic } });
    await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    const before = t.cloud.runtime.calls.length;
    // Act
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
    await new Promise((resolve) => setImmediate(resolve));
    // Assess
    const published = t.cloud.runtime.calls.slice(before).filter((c) => c.service === 'sns' && c.operation === 'Publish');
    expect(published).toEqual([expect.objectContaining({ caller: 'imagebuilder', accountId: ACCOUNT, region: REGION })]);
  });
});
