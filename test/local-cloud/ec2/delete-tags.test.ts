import { DeleteTagsCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: DeleteTags', () => {
  let t: Ec2TestCloud;
  beforeAll(async () => {
    t = await startEc2TestCloud();
  });
  afterAll(() => t.cloud.stop());

  const tagsOf = async (imageId: string) => (await t.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0]?.Tags;

  it('deletes a key, and a key with a value only when the value matches', async () => {
    // Prepare
    const { imageId } = t.registerImage({ tags: { a: '1', b: '2', c: '3' } });
    // Act
    await t.ec2.send(new DeleteTagsCommand({ Resources: [imageId], Tags: [{ Key: 'a' }, { Key: 'b', Value: 'other' }, { Key: 'c', Value: '3' }] }));
    // Assess
    expect(await tagsOf(imageId)).toEqual([{ Key: 'b', Value: '2' }]);
  });

  it('deletes every tag when none are named', async () => {
    // Prepare
    const { imageId } = t.registerImage({ tags: { a: '1', b: '2' } });
    // Act
    await t.ec2.send(new DeleteTagsCommand({ Resources: [imageId] }));
    // Assess
    expect(await tagsOf(imageId)).toBeUndefined();
  });

  it('refuses a snapshot that does not exist', async () => {
    // Act
    const call = t.ec2.send(new DeleteTagsCommand({ Resources: ['snap-0123456789abcdef0'], Tags: [{ Key: 'a' }] }));
    // Assess
    await expectEc2Error(call, 'InvalidSnapshot.NotFound', "The snapshot 'snap-0123456789abcdef0' does not exist.");
  });
});
