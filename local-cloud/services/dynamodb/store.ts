import { RegionalStore } from '../../service.ts';
import type { Persistable } from '../index.ts';
import type { DynaliteFleet } from './dynalite-fleet.ts';

/** A table's Time to Live setting, which dynalite does not keep. */
export interface TimeToLiveSetting {
  attributeName: string;
  enabled: boolean;
}

export interface DynamoDbState {
  timeToLive: Record<string, TimeToLiveSetting>;
}

/**
 * DynamoDB's state: tables and items live in dynalite (on disk under the data directory, or in
 * memory); this store holds the rest (TTL settings) per account and region. Clearing it drops the
 * tables too, so a reset leaves none.
 */
export class DynamoDbStore implements Persistable {
  readonly settings = new RegionalStore<DynamoDbState>(() => ({ timeToLive: {} }));
  private readonly fleet: DynaliteFleet;

  constructor(fleet: DynaliteFleet) {
    this.fleet = fleet;
  }

  toJSON(): Record<string, DynamoDbState> {
    return this.settings.toJSON();
  }

  load(data: Record<string, DynamoDbState> | undefined): void {
    this.settings.load(data);
  }

  clear(): void {
    this.settings.clear();
    this.fleet.clear();
  }
}
