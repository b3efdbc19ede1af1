import { invalidToken, maxLengthViolation, maxViolation, validationException } from './errors.ts';

/** maxResults: 0 or absent means the default page of 100; more than 1000 is a ValidationException. */
export function pageSize(maxResults: number | undefined): number {
  if (maxResults !== undefined && maxResults > 1000) throw validationException([maxViolation(maxResults, 'maxResults', 1000)]);
  return maxResults && maxResults > 0 ? maxResults : 100;
}

/** One page of `items` from an opaque nextToken; a token this API did not hand out is InvalidToken. */
export function pageOf<T>(items: T[], size: number, nextToken: string | undefined, maxTokenLength: number): { items: T[]; nextToken?: string } {
  if (nextToken !== undefined && nextToken.length > maxTokenLength) throw validationException([maxLengthViolation(nextToken, 'nextToken', maxTokenLength)]);
  const start = nextToken === undefined ? 0 : offsetOf(nextToken);
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return end < items.length ? { items: page, nextToken: tokenFor(end) } : { items: page };
}

const tokenFor = (offset: number) => Buffer.from(JSON.stringify({ localCloudOffset: offset })).toString('base64');

function offsetOf(token: string): number {
  try {
    const offset = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { localCloudOffset?: unknown }).localCloudOffset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to InvalidToken
  }
  throw invalidToken();
}
