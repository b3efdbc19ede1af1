import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { expect } from 'vitest';
import type { LocalCloudOptions } from '../../../local-cloud/index.ts';
import { AGENT_REGISTRATION_DELAY_MS } from '../../../local-cloud/services/ssm/managed-instances.ts';
import { startTestCloud, type TestCloud } from '../harness.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export interface SsmTestCloud {
  cloud: TestCloud;
  ssm: SSMClient;
  ec2: EC2Client;
  /** Registers an available AMI in the default account and returns its id. */
  registerImage(name?: string): string;
  /** Launches an instance (from a new AMI named `imageName`) without waiting for it. */
  launchInstance(options?: { imageName?: string; tags?: Record<string, string> }): Promise<string>;
  /** Launches an instance and moves time until its SSM Agent has registered (it is a managed, online node). */
  managedInstance(options?: { imageName?: string; tags?: Record<string, string> }): Promise<string>;
}

let images = 0;

/** A frozen-clock local cloud with SSM and EC2 clients pointed at it. */
export async function startSsmTestCloud(options: LocalCloudOptions = {}): Promise<SsmTestCloud> {
  const cloud = await startTestCloud(options);
  const ssm = new SSMClient(cloud.config());
  const ec2 = new EC2Client(cloud.config());
  const registerImage = (name = `golden-ssm-${++images}`) => cloud.runtime.services.ec2.registerImage(ACCOUNT, REGION, { name }).imageId;
  const launchInstance = async (launch: { imageName?: string; tags?: Record<string, string> } = {}) => {
    const imageId = registerImage(launch.imageName ? `${launch.imageName}-${++images}` : undefined);
    const tags = Object.entries(launch.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
    const { Instances } = await ec2.send(
      new RunInstancesCommand({
        ImageId: imageId,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        TagSpecifications: tags.length ? [{ ResourceType: 'instance', Tags: tags }] : undefined,
      }),
    );
    return Instances?.[0]?.InstanceId as string;
  };
  return {
    cloud,
    ssm,
    ec2,
    registerImage,
    launchInstance,
    async managedInstance(launch = {}) {
      const instanceId = await launchInstance(launch);
      cloud.clock.advance(AGENT_REGISTRATION_DELAY_MS);
      return instanceId;
    },
  };
}

/** Asserts that a call fails with the AWS error code, message and HTTP status. */
export async function expectAwsError(call: Promise<unknown>, code: string, message: string | RegExp, status = 400): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e as { name: string; message: string; $metadata: { httpStatusCode?: number } },
  );
  expect(error, `expected ${code}`).toBeDefined();
  expect(error?.name).toBe(code);
  if (typeof message === 'string') expect(error?.message).toBe(message);
  else expect(error?.message).toMatch(message);
  expect(error?.$metadata.httpStatusCode).toBe(status);
}

/** The message the SDK reports for an AWS error that carries no message, e.g. ParameterNotFound. */
export const NO_MESSAGE = 'UnknownError';
