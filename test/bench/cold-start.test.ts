import { describe, expect, it } from 'vitest';
import { baselineSource, clientsFor } from '../../bench/cold-start.ts';

describe('Bench: cold start baseline', () => {
  it('names one SDK client per AWS service of the actions, and none for IAM', () => {
    // Act
    const clients = clientsFor(['ec2:RunInstances', 'ec2:CreateTags', 'iam:PassRole', 'dynamodb:GetItem']);
    // Assess
    expect(clients.map((c) => c.module)).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/client-ec2']);
  });

  it('writes a handler that creates those clients and nothing else', () => {
    // Act
    const source = baselineSource(['ssm:GetParameter', 'states:SendTaskSuccess']);
    // Assess
    expect(source).toContain("import { SSMClient } from '@aws-sdk/client-ssm';");
    expect(source).toContain("import { SFNClient } from '@aws-sdk/client-sfn';");
    expect(source).toContain('const clients = [new SSMClient({}), new SFNClient({})];');
    expect(source.match(/^import /gm)).toHaveLength(2);
  });
});
