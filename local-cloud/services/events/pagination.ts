/** Opaque NextToken paging over a list that the caller has already sorted. */
export function paginate<T>(
  items: T[],
  nextToken: string | undefined,
  limit: number | undefined,
  invalidToken: () => Error,
  defaultLimit = 100,
): { page: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken) {
    const decoded = /^offset:(\d+)$/.exec(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!decoded) throw invalidToken();
    start = Number(decoded[1]);
  }
  const end = start + (limit ?? defaultLimit);
  const page = items.slice(start, end);
  return end < items.length ? { page, nextToken: Buffer.from(`offset:${end}`).toString('base64url') } : { page };
}
