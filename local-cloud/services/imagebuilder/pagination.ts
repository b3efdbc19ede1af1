import { invalidPaginationToken } from './errors.ts';

/** The page size Image Builder's List operations use when the request gives no maxResults. */
const DEFAULT_PAGE_SIZE = 25;

/** Cuts a list into pages; the token is opaque to clients and names where the next page starts. */
export function paginate<T>(items: T[], input: { maxResults?: number; nextToken?: string }): { page: T[]; nextToken?: string } {
  let start = 0;
  if (input.nextToken !== undefined) {
    try {
      const decoded = JSON.parse(Buffer.from(input.nextToken, 'base64url').toString('utf8')) as { offset?: unknown };
      if (!Number.isInteger(decoded.offset) || (decoded.offset as number) < 0) throw new Error('offset');
      start = decoded.offset as number;
    } catch {
      throw invalidPaginationToken();
    }
  }
  const size = input.maxResults ?? DEFAULT_PAGE_SIZE;
  const page = items.slice(start, start + size);
  const next = start + size;
  return { page, nextToken: next < items.length ? Buffer.from(JSON.stringify({ offset: next })).toString('base64url') : undefined };
}
