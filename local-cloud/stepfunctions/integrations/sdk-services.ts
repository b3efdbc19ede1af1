/**
 * The AWS SDK integrations (`arn:aws:states:::aws-sdk:<service>:<action>`) the local cloud serves:
 * the SigV4 name of the emulated service, the error prefix Step Functions reports (its "Exception
 * prefix" table), and the AWS SDK v3 client whose modeled errors tell a named error from a generic one.
 */
export interface SdkService {
  signingName: string;
  errorPrefix: string;
  client: string;
}

export const SDK_SERVICES: Record<string, SdkService> = {
  autoscaling: { signingName: 'autoscaling', errorPrefix: 'AutoScaling', client: '@aws-sdk/client-auto-scaling' },
  dynamodb: { signingName: 'dynamodb', errorPrefix: 'DynamoDb', client: '@aws-sdk/client-dynamodb' },
  ec2: { signingName: 'ec2', errorPrefix: 'Ec2', client: '@aws-sdk/client-ec2' },
  eventbridge: { signingName: 'events', errorPrefix: 'EventBridge', client: '@aws-sdk/client-eventbridge' },
  imagebuilder: { signingName: 'imagebuilder', errorPrefix: 'Imagebuilder', client: '@aws-sdk/client-imagebuilder' },
  lambda: { signingName: 'lambda', errorPrefix: 'Lambda', client: '@aws-sdk/client-lambda' },
  scheduler: { signingName: 'scheduler', errorPrefix: 'Scheduler', client: '@aws-sdk/client-scheduler' },
  secretsmanager: { signingName: 'secretsmanager', errorPrefix: 'SecretsManager', client: '@aws-sdk/client-secrets-manager' },
  sfn: { signingName: 'states', errorPrefix: 'Sfn', client: '@aws-sdk/client-sfn' },
  sns: { signingName: 'sns', errorPrefix: 'Sns', client: '@aws-sdk/client-sns' },
  ssm: { signingName: 'ssm', errorPrefix: 'Ssm', client: '@aws-sdk/client-ssm' },
  sts: { signingName: 'sts', errorPrefix: 'Sts', client: '@aws-sdk/client-sts' },
};
