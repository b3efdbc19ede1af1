import { invalidNextToken } from './errors.ts';

/** One page of `items`, with an opaque NextToken (an offset) when more remain. */
export function page<T>(items: T[], maxResults: number, nextToken: string | undefined): { items: T[]; nextToken?: string } {
  let offset = 0;
  if (nextToken !== undefined) {
    const decoded = Number(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(decoded) || decoded < 0 || decoded > items.length) throw invalidNextToken();
    offset = decoded;
  }
  const end = offset + maxResults;
  return { items: items.slice(offset, end), nextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined };
}
