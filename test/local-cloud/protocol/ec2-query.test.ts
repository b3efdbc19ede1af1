import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../local-cloud/errors.ts';
import { fakeService, form, recorder, serve } from './wire.ts';

const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

describe('Protocol: ec2Query', () => {
  it('parses flattened filter lists (Filter.N.Value.N), booleans and integers', async () => {
    // Prepare
    const { operation, calls } = recorder({ Reservations: [] });
    const service = fakeService('ec2-2016-11-15', { DescribeInstances: operation });
    // Act
    await serve(
      service,
      form({
        Action: 'DescribeInstances',
        Version: '2016-11-15',
        'Filter.1.Name': 'tag:Name',
        'Filter.1.Value.1': 'web',
        'Filter.1.Value.2': 'api',
        'Filter.2.Name': 'instance-state-name',
        'Filter.2.Value.1': 'running',
        'InstanceId.1': 'i-0123456789abcdef0',
        DryRun: 'false',
        MaxResults: '5',
      }),
    );
    // Assess
    expect(calls).toEqual([
      {
        Filters: [
          { Name: 'tag:Name', Values: ['web', 'api'] },
          { Name: 'instance-state-name', Values: ['running'] },
        ],
        InstanceIds: ['i-0123456789abcdef0'],
        DryRun: false,
        MaxResults: 5,
      },
    ]);
  });

  it('parses tag specifications (TagSpecification.N.Tag.N.Key) and nested launch template data', async () => {
    // Prepare
    const { operation, calls } = recorder({});
    const service = fakeService('ec2-2016-11-15', { CreateLaunchTemplate: operation });
    // Act
    await serve(
      service,
      form({
        Action: 'CreateLaunchTemplate',
        LaunchTemplateName: 'web',
        'LaunchTemplateData.ImageId': 'ami-0123456789abcdef0',
        'LaunchTemplateData.BlockDeviceMapping.1.DeviceName': '/dev/xvda',
        'LaunchTemplateData.BlockDeviceMapping.1.Ebs.VolumeSize': '30',
        'LaunchTemplateData.BlockDeviceMapping.1.Ebs.Encrypted': 'true',
        'LaunchTemplateData.TagSpecification.1.ResourceType': 'instance',
        'LaunchTemplateData.TagSpecification.1.Tag.1.Key': 'app',
        'LaunchTemplateData.TagSpecification.1.Tag.1.Value': 'web',
        'LaunchTemplateData.SecurityGroupId.1': 'sg-1',
        'LaunchTemplateData.SecurityGroupId.2': 'sg-2',
        'TagSpecification.1.ResourceType': 'launch-template',
        'TagSpecification.1.Tag.1.Key': 'team',
        'TagSpecification.1.Tag.1.Value': 'platform',
        'TagSpecification.1.Tag.2.Key': 'cost-centre',
        'TagSpecification.1.Tag.2.Value': '',
      }),
    );
    // Assess
    expect(calls).toEqual([
      {
        LaunchTemplateName: 'web',
        LaunchTemplateData: {
          ImageId: 'ami-0123456789abcdef0',
          BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 30, Encrypted: true } }],
          TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'app', Value: 'web' }] }],
          SecurityGroupIds: ['sg-1', 'sg-2'],
        },
        TagSpecifications: [
          {
            ResourceType: 'launch-template',
            Tags: [
              { Key: 'team', Value: 'platform' },
              { Key: 'cost-centre', Value: '' },
            ],
          },
        ],
      },
    ]);
  });

  it('parses ISO 8601 timestamps into Dates', async () => {
    // Prepare
    const { operation, calls } = recorder({ Return: true });
    const service = fakeService('ec2-2016-11-15', { EnableImageDeprecation: operation });
    // Act
    await serve(service, form({ Action: 'EnableImageDeprecation', ImageId: 'ami-0123456789abcdef0', DeprecateAt: '2027-01-01T00:00:00.000Z' }));
    // Assess
    expect(calls).toEqual([{ ImageId: 'ami-0123456789abcdef0', DeprecateAt: new Date('2027-01-01T00:00:00.000Z') }]);
  });

  it('writes lists as item elements under their locationName, with ISO timestamps and a request id', async () => {
    // Prepare
    const service = fakeService('ec2-2016-11-15', {
      DescribeInstances: () => ({
        Reservations: [
          {
            ReservationId: 'r-1',
            Groups: [],
            Instances: [
              {
                InstanceId: 'i-1',
                State: { Code: 16, Name: 'running' },
                LaunchTime: new Date('2026-11-24T10:00:00.5Z'),
                EbsOptimized: false,
                Tags: [{ Key: 'note', Value: 'line\r\nbreak & <tag>' }],
              },
            ],
          },
        ],
      }),
    });
    // Act
    const response = await serve(service, form({ Action: 'DescribeInstances' }));
    // Assess
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/xml;charset=UTF-8');
    expect(response.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<DescribeInstancesResponse xmlns="${NS}"><requestId>req-0001</requestId><reservationSet><item>` +
        '<groupSet></groupSet><instancesSet><item><instanceId>i-1</instanceId><launchTime>2026-11-24T10:00:00.500Z</launchTime>' +
        '<instanceState><code>16</code><name>running</name></instanceState><ebsOptimized>false</ebsOptimized>' +
        '<tagSet><item><key>note</key><value>line&#xD;\nbreak &amp; &lt;tag&gt;</value></item></tagSet></item></instancesSet>' +
        '<reservationId>r-1</reservationId></item></reservationSet>' +
        '</DescribeInstancesResponse>',
    );
  });

  it('answers errors as Response/Errors/Error with a RequestID', async () => {
    // Prepare
    const service = fakeService('ec2-2016-11-15', {
      DescribeImages: () => {
        throw new AwsServiceError('InvalidAMIID.NotFound', "The image id '[ami-0123456789abcdef0]' does not exist", 400);
      },
    });
    // Act
    const response = await serve(service, form({ Action: 'DescribeImages', 'ImageId.1': 'ami-0123456789abcdef0' }));
    // Assess
    expect(response.status).toBe(400);
    expect(response.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InvalidAMIID.NotFound</Code>' +
        '<Message>The image id &apos;[ami-0123456789abcdef0]&apos; does not exist</Message></Error></Errors><RequestID>req-0001</RequestID></Response>',
    );
  });

  it('answers MissingAction without an Action and InvalidAction for an unknown one', async () => {
    // Prepare
    const service = fakeService('ec2-2016-11-15', {});
    // Act
    const missing = await serve(service, form({ Version: '2016-11-15' }));
    const unknown = await serve(service, form({ Action: 'LaunchRocket', Version: '2016-11-15' }));
    // Assess
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('<Code>MissingAction</Code>');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('<Code>InvalidAction</Code><Message>The action LaunchRocket is not valid for this web service.</Message>');
  });
});
