import type { CloudRuntime } from './cloud.ts';

/** What an operation knows about the request beyond its input. */
export interface RequestContext {
  accountId: string;
  region: string;
  requestId: string;
  cloud: CloudRuntime;
}

// biome-ignore lint/suspicious/noExplicitAny: each operation narrows its input to the SDK's own type.
export type Operation = (input: any, ctx: RequestContext) => unknown | Promise<unknown>;

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** One emulated AWS service: its wire model and the operations it serves. */
export interface ServiceDefinition {
  /** The SigV4 credential-scope service name, e.g. `ssm`, `states`, `autoscaling`. */
  signingName: string;
  /** The aws-sdk v2 API model uid, e.g. `ssm-2014-11-06`. */
  model: string;
  operations: Record<string, Operation>;
  /** Serves the request itself instead of through the protocol layer (DynamoDB goes to dynalite). */
  raw?: (request: RawRequest, ctx: RequestContext) => Promise<RawResponse>;
}

/**
 * State kept per account and region, as AWS keeps it. Values must be plain JSON data
 * (numbers for times) so that the local cloud can persist them under `.goldsmith/`.
 */
export class RegionalStore<T> {
  private readonly data = new Map<string, T>();
  private readonly create: () => T;

  constructor(create: () => T) {
    this.create = create;
  }

  get(accountId: string, region: string): T {
    const key = `${accountId}/${region}`;
    let value = this.data.get(key);
    if (!value) {
      value = this.create();
      this.data.set(key, value);
    }
    return value;
  }

  /** Every account and region that has state, with the state. */
  entries(): Array<{ accountId: string; region: string; state: T }> {
    return [...this.data].map(([key, state]) => {
      const [accountId, region] = key.split('/');
      return { accountId, region, state };
    });
  }

  toJSON(): Record<string, T> {
    return Object.fromEntries(this.data);
  }

  load(json: Record<string, T> | undefined): void {
    this.data.clear();
    for (const [key, value] of Object.entries(json ?? {})) this.data.set(key, { ...this.create(), ...value });
  }

  clear(): void {
    this.data.clear();
  }
}
