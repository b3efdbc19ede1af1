import { EC2Client } from '@aws-sdk/client-ec2';
import { expect } from 'vitest';
import type { LocalCloudOptions } from '../../../local-cloud/index.ts';
import type { RegisterImageParams } from '../../../local-cloud/services/index.ts';
import { startTestCloud, type TestCloud } from '../harness.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export interface Ec2TestCloud {
  cloud: TestCloud;
  ec2: EC2Client;
  /** Registers an available AMI in the default account, as Image Builder's distribution does. */
  registerImage(params?: Partial<RegisterImageParams>): { imageId: string; snapshotIds: string[] };
}

let names = 0;

/** A frozen-clock local cloud and an EC2 client pointed at it. */
export async function startEc2TestCloud(options: LocalCloudOptions = {}): Promise<Ec2TestCloud> {
  const cloud = await startTestCloud(options);
  const ec2 = new EC2Client(cloud.config());
  return {
    cloud,
    ec2,
    registerImage: (params = {}) => cloud.runtime.services.ec2.registerImage(ACCOUNT, REGION, { name: `golden-${++names}`, ...params }),
  };
}

/** Asserts that a call fails with EC2's error code, message and HTTP status. */
export async function expectEc2Error(call: Promise<unknown>, code: string, message: string | RegExp, status = 400): Promise<void> {
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
