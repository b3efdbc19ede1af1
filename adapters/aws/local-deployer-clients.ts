import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';

/**
 * Where the deployer's calls go: the local cloud's endpoint with any credentials, or AWS itself with
 * the default credential chain (no endpoint).
 */
export interface AwsTarget {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  profile?: string;
}

export interface DeployClients {
  region: string;
  autoScaling: AutoScalingClient;
  dynamodb: DynamoDBClient;
  ec2: EC2Client;
  events: EventBridgeClient;
  imageBuilder: ImagebuilderClient;
  lambda: LambdaClient;
  scheduler: SchedulerClient;
  secrets: SecretsManagerClient;
  sfn: SFNClient;
  sns: SNSClient;
  ssm: SSMClient;
  sts: STSClient;
}

/** The settings every SDK client takes for a target. */
export function clientSettings(target: AwsTarget) {
  return {
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(target.credentials ? { credentials: target.credentials } : {}),
    ...(target.profile ? { profile: target.profile } : {}),
    maxAttempts: 5,
  };
}

export function deployClients(target: AwsTarget): DeployClients {
  const settings = clientSettings(target);
  return {
    region: target.region,
    autoScaling: new AutoScalingClient(settings),
    dynamodb: new DynamoDBClient(settings),
    ec2: new EC2Client(settings),
    events: new EventBridgeClient(settings),
    imageBuilder: new ImagebuilderClient(settings),
    lambda: new LambdaClient(settings),
    scheduler: new SchedulerClient(settings),
    secrets: new SecretsManagerClient(settings),
    sfn: new SFNClient(settings),
    sns: new SNSClient(settings),
    ssm: new SSMClient(settings),
    sts: new STSClient(settings),
  };
}

export function destroyClients(clients: DeployClients): void {
  for (const client of Object.values(clients)) if (typeof client === 'object') client.destroy();
}
