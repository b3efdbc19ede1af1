import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../local-cloud/errors.ts';
import { fakeService, form, recorder, serve } from './wire.ts';

const NS = 'http://autoscaling.amazonaws.com/doc/2011-01-01/';

describe('Protocol: awsQuery', () => {
  it('parses nested structures, member lists of numbers, booleans and an empty list', async () => {
    // Prepare
    const { operation, calls } = recorder({ InstanceRefreshId: 'r-1' });
    const service = fakeService('autoscaling-2011-01-01', { StartInstanceRefresh: operation });
    // Act
    await serve(
      service,
      form({
        Action: 'StartInstanceRefresh',
        Version: '2011-01-01',
        AutoScalingGroupName: 'web',
        'DesiredConfiguration.LaunchTemplate.LaunchTemplateName': 'web-lt',
        'DesiredConfiguration.LaunchTemplate.Version': '$Latest',
        'Preferences.MinHealthyPercentage': '90',
        'Preferences.CheckpointPercentages.member.1': '50',
        'Preferences.CheckpointPercentages.member.2': '100',
        'Preferences.CheckpointDelay': '600',
        'Preferences.SkipMatching': 'true',
        'Preferences.AlarmSpecification.Alarms': '',
      }),
    );
    // Assess
    expect(calls).toEqual([
      {
        AutoScalingGroupName: 'web',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'web-lt', Version: '$Latest' } },
        Preferences: {
          MinHealthyPercentage: 90,
          CheckpointPercentages: [50, 100],
          CheckpointDelay: 600,
          SkipMatching: true,
          AlarmSpecification: { Alarms: [] },
        },
      },
    ]);
  });

  it('parses a list of structures whose members include booleans', async () => {
    // Prepare
    const { operation, calls } = recorder();
    const service = fakeService('autoscaling-2011-01-01', { CreateOrUpdateTags: operation });
    // Act
    await serve(
      service,
      form({
        Action: 'CreateOrUpdateTags',
        'Tags.member.1.ResourceId': 'web',
        'Tags.member.1.ResourceType': 'auto-scaling-group',
        'Tags.member.1.Key': 'app',
        'Tags.member.1.Value': 'a&b=c',
        'Tags.member.1.PropagateAtLaunch': 'false',
        'Tags.member.2.ResourceId': 'web',
        'Tags.member.2.Key': 'empty',
        'Tags.member.2.Value': '',
      }),
    );
    // Assess
    expect(calls).toEqual([
      {
        Tags: [
          { ResourceId: 'web', ResourceType: 'auto-scaling-group', Key: 'app', Value: 'a&b=c', PropagateAtLaunch: false },
          { ResourceId: 'web', Key: 'empty', Value: '' },
        ],
      },
    ]);
  });

  it('parses maps sent as entry.N.key and entry.N.value', async () => {
    // Prepare
    const { operation, calls } = recorder({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:t' });
    const service = fakeService('sns-2010-03-31', { CreateTopic: operation });
    // Act
    await serve(
      service,
      form({
        Action: 'CreateTopic',
        Name: 't',
        'Attributes.entry.1.key': 'DisplayName',
        'Attributes.entry.1.value': 'Goldsmith',
        'Attributes.entry.2.key': 'FifoTopic',
        'Attributes.entry.2.value': 'false',
        'Tags.member.1.Key': 'app',
        'Tags.member.1.Value': 'web',
      }),
    );
    // Assess
    expect(calls).toEqual([{ Name: 't', Attributes: { DisplayName: 'Goldsmith', FifoTopic: 'false' }, Tags: [{ Key: 'app', Value: 'web' }] }]);
  });

  it('parses maps whose key and value elements the model renames (entry.N.Name, entry.N.Value.*)', async () => {
    // Prepare
    const { operation, calls } = recorder({ MessageId: 'm-1' });
    const service = fakeService('sns-2010-03-31', { Publish: operation });
    // Act
    await serve(
      service,
      form({
        Action: 'Publish',
        TopicArn: 'arn:aws:sns:us-east-1:123456789012:t',
        Message: 'hello',
        'MessageAttributes.entry.1.Name': 'stage',
        'MessageAttributes.entry.1.Value.DataType': 'String',
        'MessageAttributes.entry.1.Value.StringValue': 'prod',
        'MessageAttributes.entry.2.Name': 'raw',
        'MessageAttributes.entry.2.Value.DataType': 'Binary',
        'MessageAttributes.entry.2.Value.BinaryValue': Buffer.from([1, 2, 255]).toString('base64'),
      }),
    );
    // Assess
    expect(calls).toEqual([
      {
        TopicArn: 'arn:aws:sns:us-east-1:123456789012:t',
        Message: 'hello',
        MessageAttributes: {
          stage: { DataType: 'String', StringValue: 'prod' },
          raw: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 255]) },
        },
      },
    ]);
  });

  it('writes a map as entry elements with key and value', async () => {
    // Prepare
    const service = fakeService('sns-2010-03-31', { GetTopicAttributes: () => ({ Attributes: { DisplayName: 'A & B', Owner: '123456789012' } }) });
    // Act
    const response = await serve(service, form({ Action: 'GetTopicAttributes', TopicArn: 'arn:aws:sns:us-east-1:123456789012:t' }));
    // Assess
    expect(response.text).toContain(
      '<GetTopicAttributesResult><Attributes><entry><key>DisplayName</key><value>A &amp; B</value></entry>' +
        '<entry><key>Owner</key><value>123456789012</value></entry></Attributes></GetTopicAttributesResult>',
    );
  });

  it('parses ISO 8601 timestamps, with or without fractional seconds, into Dates', async () => {
    // Prepare
    const { operation, calls } = recorder();
    const service = fakeService('autoscaling-2011-01-01', { PutScheduledUpdateGroupAction: operation });
    // Act
    await serve(
      service,
      form({
        Action: 'PutScheduledUpdateGroupAction',
        AutoScalingGroupName: 'web',
        ScheduledActionName: 'nightly',
        StartTime: '2026-11-24T10:00:00Z',
        EndTime: '2026-11-25T10:00:00.250Z',
        MinSize: '0',
      }),
    );
    // Assess
    const input = calls[0] as { StartTime: Date; EndTime: Date; MinSize: number };
    expect(input.StartTime).toEqual(new Date('2026-11-24T10:00:00Z'));
    expect(input.EndTime).toEqual(new Date('2026-11-25T10:00:00.250Z'));
    expect(input.MinSize).toBe(0);
  });

  it('reads the parameters of a GET request from its query string', async () => {
    // Prepare
    const { operation, calls } = recorder({ AutoScalingGroups: [] });
    const service = fakeService('autoscaling-2011-01-01', { DescribeAutoScalingGroups: operation });
    // Act
    const response = await serve(service, { method: 'GET', url: '/?Action=DescribeAutoScalingGroups&AutoScalingGroupNames.member.1=web&MaxRecords=10' });
    // Assess
    expect(response.status).toBe(200);
    expect(calls).toEqual([{ AutoScalingGroupNames: ['web'], MaxRecords: 10 }]);
  });

  it('writes the result wrapper, member lists, empty lists, booleans and ISO 8601 timestamps', async () => {
    // Prepare
    const service = fakeService('autoscaling-2011-01-01', {
      DescribeInstanceRefreshes: () => ({
        InstanceRefreshes: [
          {
            InstanceRefreshId: 'r-1',
            Status: 'InProgress',
            StartTime: new Date('2026-11-24T10:00:00Z'),
            PercentageComplete: 0,
            Preferences: { CheckpointPercentages: [50, 100], SkipMatching: false, AlarmSpecification: { Alarms: [] } },
          },
        ],
        NextToken: undefined,
      }),
    });
    // Act
    const response = await serve(service, form({ Action: 'DescribeInstanceRefreshes', AutoScalingGroupName: 'web' }));
    // Assess
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/xml');
    expect(response.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<DescribeInstanceRefreshesResponse xmlns="${NS}"><DescribeInstanceRefreshesResult><InstanceRefreshes><member>` +
        '<InstanceRefreshId>r-1</InstanceRefreshId><Status>InProgress</Status><StartTime>2026-11-24T10:00:00.000Z</StartTime>' +
        '<PercentageComplete>0</PercentageComplete><Preferences><CheckpointPercentages><member>50</member><member>100</member></CheckpointPercentages>' +
        '<SkipMatching>false</SkipMatching><AlarmSpecification><Alarms></Alarms></AlarmSpecification></Preferences>' +
        '</member></InstanceRefreshes></DescribeInstanceRefreshesResult><ResponseMetadata><RequestId>req-0001</RequestId></ResponseMetadata>' +
        '</DescribeInstanceRefreshesResponse>',
    );
  });

  it('writes an operation without output as the response element and its metadata only', async () => {
    // Prepare
    const service = fakeService('autoscaling-2011-01-01', { CreateAutoScalingGroup: () => undefined });
    // Act
    const response = await serve(service, form({ Action: 'CreateAutoScalingGroup', AutoScalingGroupName: 'web', MinSize: '0', MaxSize: '1' }));
    // Assess
    expect(response.text).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<CreateAutoScalingGroupResponse xmlns="${NS}"><ResponseMetadata><RequestId>req-0001</RequestId></ResponseMetadata></CreateAutoScalingGroupResponse>`,
    );
  });

  it('answers MissingAction for a request without an Action', async () => {
    // Prepare
    const service = fakeService('autoscaling-2011-01-01', {});
    // Act
    const response = await serve(service, form({ Version: '2011-01-01', AutoScalingGroupName: 'web' }));
    // Assess
    expect(response.status).toBe(400);
    expect(response.text).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>MissingAction</Code>` +
        '<Message>The request is missing an action or a required parameter.</Message></Error><RequestId>req-0001</RequestId></ErrorResponse>',
    );
  });

  it('answers InvalidAction for an Action the API does not have', async () => {
    // Prepare
    const service = fakeService('autoscaling-2011-01-01', {});
    // Act
    const response = await serve(service, form({ Action: 'DescribeEverything', Version: '2011-01-01' }));
    // Assess
    expect(response.status).toBe(400);
    expect(response.text).toContain(
      '<Type>Sender</Type><Code>InvalidAction</Code><Message>The action DescribeEverything is not valid for this web service.</Message>',
    );
  });

  it('answers a service error as an ErrorResponse typed Sender for 4xx and Receiver for 5xx', async () => {
    // Prepare
    const service = fakeService('autoscaling-2011-01-01', {
      DescribeAutoScalingGroups: () => {
        throw new AwsServiceError('ValidationError', "1 validation error detected: Value '<x>' at 'maxRecords' failed", 400);
      },
      DescribeInstanceRefreshes: () => {
        throw new AwsServiceError('ServiceUnavailable', 'Try again.', 503);
      },
    });
    // Act
    const sender = await serve(service, form({ Action: 'DescribeAutoScalingGroups' }));
    const receiver = await serve(service, form({ Action: 'DescribeInstanceRefreshes', AutoScalingGroupName: 'web' }));
    // Assess
    expect(sender.status).toBe(400);
    expect(sender.text).toContain(
      '<Error><Type>Sender</Type><Code>ValidationError</Code><Message>1 validation error detected: Value &apos;&lt;x&gt;&apos; at &apos;maxRecords&apos; failed</Message></Error>',
    );
    expect(receiver.status).toBe(503);
    expect(receiver.text).toContain('<Type>Receiver</Type><Code>ServiceUnavailable</Code>');
  });
});
