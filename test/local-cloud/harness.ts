import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '../../local-cloud/index.ts';

/** SDK client settings that point at a local cloud, as a user's environment would. */
export interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
}

export interface TestCloud extends LocalCloud {
  config(region?: string): ClientConfig;
}

/** Starts an in-memory local cloud on a free port, frozen in time unless a time scale is given. */
export async function startTestCloud(options: LocalCloudOptions = {}): Promise<TestCloud> {
  const cloud = await startLocalCloud({ port: 0, dataDir: false, timeScale: 0, ...options });
  return Object.assign(cloud, {
    config: (region = 'us-east-1'): ClientConfig => ({
      endpoint: cloud.endpoint,
      region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    }),
  });
}
