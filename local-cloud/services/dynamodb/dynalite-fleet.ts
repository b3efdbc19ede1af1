import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RawResponse } from '../../service.ts';
import { DynaliteInstance, type DynaliteRequest } from './dynalite-instance.ts';

/**
 * One dynalite per account and region, started on first use, because DynamoDB tables belong to an
 * account and region: two accounts may each have a table named `idempotency`, and ListTables shows
 * each only its own. (Prefixing names in one dynalite would leak into ARNs, errors and limits.)
 *
 * With a data directory, tables live in `<dataDir>/dynamodb/<account>/<region>/` and survive a
 * restart; without one, in memory.
 */
export class DynaliteFleet {
  private readonly dataDir: string | false;
  private readonly instances = new Map<string, Promise<DynaliteInstance>>();
  /** Instances being closed, by key: a new one at the same path waits for its files to be free. */
  private readonly closing = new Map<string, Promise<void>>();

  constructor(dataDir: string | false) {
    this.dataDir = dataDir;
  }

  async request(accountId: string, region: string, request: DynaliteRequest): Promise<RawResponse> {
    return (await this.instanceFor(accountId, region)).handle(request);
  }

  /** Drops every table: instances close and their files go; the next request starts empty. */
  clear(): void {
    for (const [key, instance] of this.instances) {
      this.instances.delete(key);
      const path = this.pathOf(key);
      const closed = instance
        .then((i) => i.close())
        .catch(() => {})
        .then(() => {
          if (path) removeQuietly(path);
        });
      this.closing.set(key, closed);
    }
    // Also the tables an earlier run saved that this one never opened (open ones go again once closed).
    if (this.dataDir) removeQuietly(join(resolve(this.dataDir), 'dynamodb'));
  }

  /** Closes every instance; with a data directory their tables stay on disk. */
  async close(): Promise<void> {
    const instances = [...this.instances.values()];
    this.instances.clear();
    await Promise.all([...instances.map((instance) => instance.then((i) => i.close()).catch(() => {})), ...this.closing.values()]);
  }

  private instanceFor(accountId: string, region: string): Promise<DynaliteInstance> {
    const key = `${accountId}/${region}`;
    let instance = this.instances.get(key);
    if (!instance) {
      const path = this.pathOf(key);
      instance = (this.closing.get(key) ?? Promise.resolve()).then(() => {
        this.closing.delete(key);
        if (path) mkdirSync(path, { recursive: true });
        return new DynaliteInstance({ accountId, region, path });
      });
      this.instances.set(key, instance);
    }
    return instance;
  }

  private pathOf(key: string): string | undefined {
    return this.dataDir ? join(resolve(this.dataDir), 'dynamodb', ...key.split('/')) : undefined;
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // A file still open elsewhere (Windows) goes on the next clear.
  }
}
