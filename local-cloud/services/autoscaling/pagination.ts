import { invalidNextToken } from './errors.ts';

/** Pages a list the way Describe* calls do: `MaxRecords` per page and an opaque NextToken for the rest. */
export function paginate<T>(items: T[], maxRecords: number | undefined, nextToken: string | undefined, defaultMax = 50): { page: T[]; NextToken?: string } {
  let offset = 0;
  if (nextToken !== undefined) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!decoded) throw invalidNextToken();
    offset = Number(decoded[1]);
  }
  const size = maxRecords ?? defaultMax;
  const page = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(`o${offset + size}`).toString('base64url') : undefined;
  return { page, NextToken: next };
}
