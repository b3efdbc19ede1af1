import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { TestCloud } from '../harness.ts';
import { startTestCloud } from '../harness.ts';

export { expectAwsError } from '../ssm/ssm-test-cloud.ts';

export interface SecretsTestCloud {
  cloud: TestCloud;
  secrets: SecretsManagerClient;
}

/** A frozen-clock local cloud with a Secrets Manager client pointed at it. */
export async function startSecretsTestCloud(): Promise<SecretsTestCloud> {
  const cloud = await startTestCloud();
  return { cloud, secrets: new SecretsManagerClient(cloud.config()) };
}

export const DAY_MS = 86_400_000;
