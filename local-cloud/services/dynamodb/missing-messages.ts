import { crc32 } from 'node:zlib';
import type { RawResponse } from '../../service.ts';

/**
 * AWS's messages for the few errors dynalite answers with an empty one, by operation and code. The
 * response is otherwise dynalite's; with a message filled in, its CRC32 header is recomputed (the
 * SDKs check it).
 */
const MESSAGES: Record<string, Record<string, (request: { TableName?: string }) => string>> = {
  CreateTable: { ResourceInUseException: (request) => `Table already exists: ${request.TableName}` },
};

export function withAwsMessage(operation: string, requestBody: Buffer | string, response: RawResponse): RawResponse {
  const byCode = MESSAGES[operation];
  if (!byCode || response.status < 400) return response;
  let error: { __type?: string; message?: string };
  let request: { TableName?: string };
  try {
    error = JSON.parse(response.body.toString());
    request = JSON.parse(requestBody.toString());
  } catch {
    return response;
  }
  const message = byCode[String(error.__type).split('#').pop() ?? '']?.(request);
  if (!message || error.message) return response;
  const body = JSON.stringify({ ...error, message });
  return { ...response, headers: { ...response.headers, 'x-amz-crc32': String(crc32(body)) }, body };
}
