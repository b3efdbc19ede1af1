import { canonicalJson } from '../../core/config/index.ts';

/** What a deploy did to one resource. */
export interface Change {
  kind: string;
  name: string;
  action: 'created' | 'updated' | 'unchanged' | 'deleted';
}

/** The records of one deploy step, in order. */
export class ChangeLog {
  readonly changes: Change[] = [];
  private readonly log: (line: string) => void;

  constructor(log: (line: string) => void = () => {}) {
    this.log = log;
  }

  add(kind: string, name: string, action: Change['action']): void {
    this.changes.push({ kind, name, action });
    if (action !== 'unchanged') this.log(`${action} ${kind} ${name}`);
  }
}

/** Runs `fn` on every item, at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Deep equality of JSON-like values, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
