import { DescribeImagesCommand, EC2Client, EnableImageDeprecationCommand, ModifyImageAttributeCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

const OTHER = '111122223333';

describe('EC2: DescribeImages', () => {
  let t: Ec2TestCloud;
  let other: EC2Client;
  let golden1: string;
  let golden2: string;
  let armImage: string;
  let amazonImage: string;
  let sharedImage: string;
  let privateOther: string;
  let deprecatedImage: string;
  let deprecatedAt: string;
  beforeAll(async () => {
    t = await startEc2TestCloud();
    other = new EC2Client({ ...t.cloud.config(), credentials: { accessKeyId: OTHER, secretAccessKey: 'x' } });
    const register = (account: string, params: Parameters<Ec2TestCloud['registerImage']>[0]) =>
      t.cloud.runtime.services.ec2.registerImage(account, 'us-east-1', { name: 'unnamed', ...params }).imageId;
    golden1 = t.registerImage({ name: 'golden-web-2024.01', tags: { pipeline: 'web', channel: 'stable' } }).imageId;
    t.cloud.clock.advance(1000);
    golden2 = t.registerImage({ name: 'golden-web-2024.02', tags: { pipeline: 'web' } }).imageId;
    t.cloud.clock.advance(1000);
    armImage = t.registerImage({ name: 'golden-api-2024.02', architecture: 'arm64' }).imageId;
    amazonImage = register(OTHER, { name: 'al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64', ownerAlias: 'amazon' });
    sharedImage = register(OTHER, { name: 'shared-base' });
    privateOther = register(OTHER, { name: 'private-base' });
    deprecatedImage = register(OTHER, { name: 'old-public', public: true });
    await other.send(new ModifyImageAttributeCommand({ ImageId: sharedImage, LaunchPermission: { Add: [{ UserId: '123456789012' }] } }));
    await other.send(new EnableImageDeprecationCommand({ ImageId: deprecatedImage, DeprecateAt: t.cloud.clock.date() }));
    deprecatedAt = new Date(Math.round(t.cloud.clock.now() / 60_000) * 60_000).toISOString();
    // EC2 rounds the time to the nearest minute, which may be just ahead.
    t.cloud.clock.advance(60_000);
  });
  afterAll(() => t.cloud.stop());

  const ids = (output: { Images?: Array<{ ImageId?: string }> }) => output.Images?.map((i) => i.ImageId);

  it('describes own, public and shared images, but neither private ones of others nor deprecated public ones', async () => {
    // Act
    const all = await t.ec2.send(new DescribeImagesCommand({}));
    // Assess
    expect(ids(all)).toEqual(expect.arrayContaining([golden1, golden2, armImage, amazonImage, sharedImage]));
    expect(ids(all)).not.toContain(privateOther);
    expect(ids(all)).not.toContain(deprecatedImage);
  });

  it('includes deprecated images when asked, when named by id, and for their owner', async () => {
    // Act
    const included = await t.ec2.send(new DescribeImagesCommand({ IncludeDeprecated: true }));
    const byId = await t.ec2.send(new DescribeImagesCommand({ ImageIds: [deprecatedImage] }));
    const asOwner = await other.send(new DescribeImagesCommand({ Owners: ['self'] }));
    // Assess
    expect(ids(included)).toContain(deprecatedImage);
    expect(byId.Images?.[0]).toMatchObject({ ImageId: deprecatedImage, DeprecationTime: deprecatedAt });
    expect(ids(asOwner)).toContain(deprecatedImage);
  });

  it('scopes by owner: self, amazon and an account id', async () => {
    // Act
    const self = await t.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }));
    const amazon = await t.ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
    const account = await t.ec2.send(new DescribeImagesCommand({ Owners: [OTHER] }));
    // Assess
    expect(ids(self)).toEqual([golden1, golden2, armImage]);
    expect(amazon.Images).toMatchObject([{ ImageId: amazonImage, ImageOwnerAlias: 'amazon', OwnerId: '137112412989', Public: true }]);
    expect(ids(account)).toEqual([sharedImage]);
  });

  it('scopes by executable users', async () => {
    // Act
    const self = await t.ec2.send(new DescribeImagesCommand({ ExecutableUsers: ['self'], Owners: [OTHER] }));
    const all = await t.ec2.send(new DescribeImagesCommand({ ExecutableUsers: ['all'] }));
    // Assess
    expect(ids(self)).toEqual([sharedImage]);
    expect(ids(all)).toEqual([amazonImage]);
  });

  it('filters by name wildcards, tags, architecture, state and visibility', async () => {
    // Prepare
    const query = (Filters: Array<{ Name: string; Values: string[] }>) => t.ec2.send(new DescribeImagesCommand({ Owners: ['self', 'amazon'], Filters }));
    // Act
    const byName = await query([{ Name: 'name', Values: ['golden-web-*'] }]);
    const bySingleChar = await query([{ Name: 'name', Values: ['golden-???-2024.02'] }]);
    const byTag = await query([{ Name: 'tag:channel', Values: ['stable'] }]);
    const byTagKey = await query([{ Name: 'tag-key', Values: ['pipeline'] }]);
    const byArch = await query([
      { Name: 'architecture', Values: ['arm64'] },
      { Name: 'state', Values: ['available'] },
    ]);
    const publicOnes = await query([{ Name: 'is-public', Values: ['true'] }]);
    const byAlias = await query([{ Name: 'owner-alias', Values: ['amazon'] }]);
    const byOwner = await query([
      { Name: 'owner-id', Values: ['123456789012'] },
      { Name: 'image-id', Values: [golden2, amazonImage] },
    ]);
    // Assess
    expect(ids(byName)).toEqual([golden1, golden2]);
    expect(ids(bySingleChar)).toEqual([golden2, armImage]);
    expect(ids(byTag)).toEqual([golden1]);
    expect(ids(byTagKey)).toEqual([golden1, golden2]);
    expect(ids(byArch)).toEqual([armImage]);
    expect(ids(publicOnes)).toEqual([amazonImage]);
    expect(ids(byAlias)).toEqual([amazonImage]);
    expect(ids(byOwner)).toEqual([golden2]);
  });

  it('returns images in the SDK shape', async () => {
    // Act
    const described = await t.ec2.send(new DescribeImagesCommand({ ImageIds: [golden1] }));
    // Assess
    expect(described.Images?.[0]).toMatchObject({
      ImageId: golden1,
      Name: 'golden-web-2024.01',
      State: 'available',
      OwnerId: '123456789012',
      Public: false,
      ImageType: 'machine',
      RootDeviceType: 'ebs',
      RootDeviceName: '/dev/xvda',
      VirtualizationType: 'hvm',
      Tags: [
        { Key: 'pipeline', Value: 'web' },
        { Key: 'channel', Value: 'stable' },
      ],
    });
  });

  it('refuses image ids that do not exist or are not visible', async () => {
    // Act
    const call = t.ec2.send(new DescribeImagesCommand({ ImageIds: [golden1, privateOther] }));
    // Assess
    await expectEc2Error(call, 'InvalidAMIID.NotFound', `The image id '[${privateOther}]' does not exist`);
  });

  it('refuses a malformed image id', async () => {
    // Act
    const call = t.ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-123'] }));
    // Assess
    await expectEc2Error(call, 'InvalidAMIID.Malformed', 'Invalid id: "ami-123" (expecting "ami-...")');
  });

  it('refuses an unknown filter', async () => {
    // Act
    const call = t.ec2.send(new DescribeImagesCommand({ Filters: [{ Name: 'colour', Values: ['gold'] }] }));
    // Assess
    await expectEc2Error(call, 'InvalidParameterValue', "The filter 'colour' is invalid");
  });
});
