import { format } from 'node:util';

const LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' } as const;

/**
 * Makes the worker's output the invocation log, as the Lambda Node.js runtime does: console methods
 * write `timestamp \t requestId \t LEVEL \t message` lines (newlines inside a message become `\r`, so
 * one call is one log event), and anything written to stdout or stderr directly (e.g. Powertools
 * Logger's JSON lines) is captured as is.
 */
export function captureOutput(emit: (text: string) => void, requestId: () => string | undefined): void {
  const write = (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
    emit(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(() => done());
    return true;
  };
  process.stdout.write = write as typeof process.stdout.write;
  process.stderr.write = write as typeof process.stderr.write;
  for (const [method, level] of Object.entries(LEVELS)) {
    const log = (message?: unknown, ...params: unknown[]) => {
      // An invocation-less line (during init) carries the request id `undefined`, as on AWS.
      const line = [new Date().toISOString(), String(requestId()), level, format(message, ...params)].join('\t').replace(/\n/g, '\r');
      process.stdout.write(`${line}\n`);
    };
    (console as unknown as Record<string, unknown>)[method] = log;
  }
}
