/**
 * SDK clients, one per region, created on first use and kept for the life of the execution environment.
 * Releases touch every distribution region, so each adapter asks for the client of the region it works in.
 * Clients pick up AWS_ENDPOINT_URL (and test credentials) from the environment, which is how the same code
 * talks to the local cloud.
 */

/** Wraps a client, e.g. for tracing (Powertools' `tracer.captureAWSv3Client`). */
export type Instrument = <T>(client: T) => T;

export interface AdapterOptions {
  /** The region of calls that name none (the function's own). */
  region: string;
  instrument?: Instrument;
}

export class RegionalClients<C> {
  private readonly clients = new Map<string, C>();
  private readonly create: (region: string) => C;
  private readonly instrument: Instrument;

  constructor(create: (region: string) => C, instrument: Instrument = (client) => client) {
    this.create = create;
    this.instrument = instrument;
  }

  in(region: string): C {
    let client = this.clients.get(region);
    if (!client) {
      client = this.instrument(this.create(region));
      this.clients.set(region, client);
    }
    return client;
  }

  /** Every client created so far, e.g. to destroy them when done. */
  created(): C[] {
    return [...this.clients.values()];
  }
}

/** True for an AWS SDK error with one of the codes (its `name`). */
export function isAwsError(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && codes.includes(error.name);
}
