import { CreateComponentCommand, ListComponentsCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocument, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud, testDocument } from './imagebuilder-test-cloud.ts';

describe('Image Builder: ListComponents', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
    for (const [name, version, data] of [
      ['alpha', '1.0.0', buildDocument()],
      ['alpha', '1.0.0', buildDocument()],
      ['alpha', '2.0.0', buildDocument()],
      ['beta', '1.0.0', testDocument()],
    ])
      await t.ib.send(new CreateComponentCommand({ name, semanticVersion: version, platform: 'Linux', data }));
  });
  afterAll(() => t.cloud.stop());

  it('lists one entry per version of the account’s components, with version ARNs', async () => {
    // Act
    const { componentVersionList } = await t.ib.send(new ListComponentsCommand({}));
    // Assess
    expect(componentVersionList?.map((c) => c.arn)).toEqual([
      'arn:aws:imagebuilder:us-east-1:123456789012:component/alpha/1.0.0',
      'arn:aws:imagebuilder:us-east-1:123456789012:component/alpha/2.0.0',
      'arn:aws:imagebuilder:us-east-1:123456789012:component/beta/1.0.0',
    ]);
    expect(componentVersionList?.[2]).toMatchObject({ name: 'beta', version: '1.0.0', type: 'TEST', platform: 'Linux', owner: '123456789012' });
  });

  it('filters by name and type', async () => {
    // Act
    const byName = await t.ib.send(new ListComponentsCommand({ filters: [{ name: 'name', values: ['alpha'] }] }));
    const byType = await t.ib.send(new ListComponentsCommand({ filters: [{ name: 'type', values: ['TEST'] }] }));
    // Assess
    expect(byName.componentVersionList?.map((c) => c.version)).toEqual(['1.0.0', '2.0.0']);
    expect(byType.componentVersionList?.map((c) => c.name)).toEqual(['beta']);
  });

  it('lists the newest version of each name by name', async () => {
    // Act
    const { componentVersionList } = await t.ib.send(new ListComponentsCommand({ byName: true }));
    // Assess
    expect(componentVersionList?.map((c) => `${c.name}@${c.version}`)).toEqual(['alpha@2.0.0', 'beta@1.0.0']);
  });

  it('lists Amazon-managed components for the Amazon owner', async () => {
    // Act
    const { componentVersionList } = await t.ib.send(new ListComponentsCommand({ owner: 'Amazon', filters: [{ name: 'name', values: ['update-linux'] }] }));
    // Assess
    expect(componentVersionList).toHaveLength(1);
    expect(componentVersionList?.[0]).toMatchObject({ owner: 'Amazon', platform: 'Linux' });
    expect(componentVersionList?.[0].arn).toMatch(/^arn:aws:imagebuilder:us-east-1:aws:component\/update-linux\//);
  });

  it('pages with maxResults and nextToken', async () => {
    // Act
    const first = await t.ib.send(new ListComponentsCommand({ maxResults: 2 }));
    const second = await t.ib.send(new ListComponentsCommand({ maxResults: 2, nextToken: first.nextToken }));
    // Assess
    expect(first.componentVersionList).toHaveLength(2);
    expect(first.nextToken).toBeDefined();
    expect(second.componentVersionList?.map((c) => c.name)).toEqual(['beta']);
    expect(second.nextToken).toBeUndefined();
  });

  it('refuses a filter the operation does not offer', async () => {
    // Act
    const call = t.ib.send(new ListComponentsCommand({ filters: [{ name: 'owner', values: ['me'] }] }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'filters[0].name' is not valid. Valid filter names are: description, name, platform, supportedOsVersion, type, version.",
    );
  });

  it('refuses a pagination token it did not give', async () => {
    // Act
    const call = t.ib.send(new ListComponentsCommand({ nextToken: 'not-a-token' }));
    // Assess
    await expectImageBuilderError(call, 'InvalidPaginationTokenException', 'The provided pagination token is not valid.');
  });

  it('refuses more results per page than 25', async () => {
    // Act
    const call = t.ib.send(new ListComponentsCommand({ maxResults: 26 }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'maxResults' is not valid. maxResults must be less than or equal to 25",
    );
  });
});
