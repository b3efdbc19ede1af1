/** SNS for notifications: publishes to a topic in the topic's own region, with attributes for filter policies. */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { TopicMessage, TopicPort } from '../../core/notifications/ports.ts';
import { regionOf } from '../../core/release/resource-names.ts';
import { type AdapterOptions, RegionalClients } from './regional-clients.ts';

export class SnsAdapter implements TopicPort {
  private readonly clients: RegionalClients<SNSClient>;

  constructor(options: AdapterOptions) {
    this.clients = new RegionalClients((region) => new SNSClient({ region }), options.instrument);
  }

  async publish(topicArn: string, message: TopicMessage): Promise<void> {
    await this.clients.in(regionOf(topicArn)).send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: message.subject,
        Message: message.message,
        MessageAttributes: Object.fromEntries(Object.entries(message.attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }])),
      }),
    );
  }
}
