import type { RequestContext } from '../../service.ts';
import { idempotentParameterMismatch } from './errors.ts';
import type { ImageBuilderState } from './store.ts';

/** JSON with sorted keys, so that two equal requests have equal fingerprints whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Runs a mutating operation once per client token, as Image Builder does: the same token with the same
 * parameters answers the first response again and changes nothing; the same token with other
 * parameters is refused. A request that failed leaves no record, so it can be retried with its token.
 * The local cloud keeps tokens for the life of its state (AWS keeps them for at least 24 hours).
 */
export function oncePerClientToken<T extends Record<string, unknown>>(
  state: ImageBuilderState,
  operation: string,
  input: { clientToken?: string },
  ctx: RequestContext,
  run: () => T,
): T & { requestId: string; clientToken?: string } {
  const { clientToken, ...parameters } = input;
  if (clientToken === undefined) return { ...run(), requestId: ctx.requestId };
  const key = `${operation}:${clientToken}`;
  const fingerprint = canonicalJson(parameters);
  const previous = state.clientTokens[key];
  if (previous) {
    if (previous.fingerprint !== fingerprint) throw idempotentParameterMismatch(clientToken);
    return { ...(previous.response as T), requestId: ctx.requestId, clientToken };
  }
  const response = run();
  state.clientTokens[key] = { fingerprint, response, at: ctx.cloud.clock.now() };
  return { ...response, requestId: ctx.requestId, clientToken };
}
