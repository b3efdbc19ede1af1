import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudRuntime } from './cloud.ts';
import type { EmulatedService } from './services/index.ts';

const FILE = 'state.json';
const VERSION = 1;

interface Snapshot {
  version: number;
  savedAt: string;
  simulatedTime: number;
  services: Record<string, unknown>;
}

/** Writes every service's state to `<dir>/state.json`, atomically. */
export function saveState(cloud: CloudRuntime, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const services: Record<string, unknown> = {};
  for (const [name, service] of Object.entries(cloud.services) as Array<[string, EmulatedService]>) if (service.store) services[name] = service.store.toJSON();
  const snapshot: Snapshot = { version: VERSION, savedAt: new Date().toISOString(), simulatedTime: cloud.clock.now(), services };
  const path = join(dir, FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify(snapshot));
  renameSync(`${path}.tmp`, path);
}

/** Reads the saved state, if any. A snapshot from another format version is ignored, not half-loaded. */
export function readState(dir: string): Snapshot | undefined {
  try {
    const snapshot = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as Snapshot;
    return snapshot.version === VERSION ? snapshot : undefined;
  } catch {
    return undefined;
  }
}

export function restoreState(cloud: CloudRuntime, snapshot: Snapshot): void {
  for (const [name, service] of Object.entries(cloud.services) as Array<[string, EmulatedService]>) service.store?.load(snapshot.services[name]);
}

export function clearState(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
