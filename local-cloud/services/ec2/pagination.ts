import { invalidMaxResults, invalidNextToken } from './errors.ts';

export interface PageRequest {
  MaxResults?: number;
  NextToken?: string;
}

/** Serves a list in pages: the token is the offset of the next page, opaque to clients. */
export function paginate<T>(items: T[], request: PageRequest, limits: { min: number; max: number }): { page: T[]; nextToken?: string } {
  const { MaxResults, NextToken } = request;
  if (MaxResults !== undefined && (typeof MaxResults !== 'number' || !Number.isInteger(MaxResults) || MaxResults < limits.min || MaxResults > limits.max)) {
    throw invalidMaxResults(MaxResults, limits.min, limits.max);
  }
  let offset = 0;
  if (NextToken) {
    const match = /^offset:(\d+)$/.exec(Buffer.from(NextToken, 'base64url').toString('utf8'));
    if (!match) throw invalidNextToken(NextToken);
    offset = Number(match[1]);
  }
  if (MaxResults === undefined) return { page: items.slice(offset) };
  const page = items.slice(offset, offset + MaxResults);
  const next = offset + MaxResults;
  return { page, nextToken: next < items.length ? Buffer.from(`offset:${next}`).toString('base64url') : undefined };
}
