import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { RawResponse } from '../../service.ts';

const require = createRequire(import.meta.url);

/** The parts of dynalite 4's internals the local cloud relies on (it ships no types). */
interface DynaliteStore {
  tableDb: { awsAccountId: string; awsRegion: string };
  lifecycleManager: { gracefulClose(callback: (error?: Error | null) => void): void };
}

type RequestListener = (req: EventEmitter, res: FakeResponse) => void;

interface FakeResponse {
  statusCode: number;
  contentType?: string;
  setHeader(name: string, value: unknown): void;
  end(body?: string | Buffer): void;
}

/** One dynalite request as it arrives: the DynamoDB JSON body and the headers dynalite checks. */
export interface DynaliteRequest {
  target: string;
  body: Buffer | string;
  contentType?: string;
  authorization?: string;
  amzDate?: string;
  url?: string;
}

/**
 * One in-process dynalite: a DynamoDB with its own tables, served without a socket by handing its
 * request listener a request and a response object. dynalite stamps table ARNs with the account and
 * region it reads from its store, so each instance gets the ones it serves.
 */
export class DynaliteInstance {
  private readonly listener: RequestListener;
  private readonly store: DynaliteStore;

  constructor(options: { accountId: string; region: string; path?: string }) {
    const db = require('dynalite/db') as { create: (options: unknown) => DynaliteStore };
    const dynalite = require('dynalite') as (options: unknown) => EventEmitter;
    // dynalite keeps its store to itself; catch it as dynalite creates it (synchronously, below).
    const create = db.create;
    let store: DynaliteStore | undefined;
    db.create = (opts: unknown) => {
      store = create(opts);
      return store;
    };
    let server: EventEmitter;
    try {
      server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    } finally {
      db.create = create;
    }
    if (!store) throw new Error('dynalite did not create its store: the local cloud expects dynalite 4.0.0.');
    store.tableDb.awsAccountId = options.accountId;
    store.tableDb.awsRegion = options.region;
    this.store = store;
    this.listener = server.listeners('request')[0] as RequestListener;
  }

  /** Serves one request; the response (body, checksum header) is dynalite's, unchanged. */
  handle(request: DynaliteRequest): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      const res: FakeResponse = {
        statusCode: 200,
        setHeader(name, value) {
          headers[name.toLowerCase()] = String(value);
        },
        end(body) {
          delete headers['content-length'];
          delete headers['transfer-encoding'];
          resolve({ status: this.statusCode, headers, body: body === undefined ? '' : body });
        },
      };
      const req = Object.assign(new EventEmitter(), {
        method: 'POST',
        url: request.url ?? '/',
        headers: {
          'content-type': request.contentType ?? 'application/x-amz-json-1.0',
          'x-amz-target': request.target,
          // dynalite only checks that a SigV4 header is present and well formed.
          authorization:
            request.authorization ?? 'AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=local',
          'x-amz-date': request.amzDate ?? '20240101T000000Z',
        },
      });
      try {
        this.listener(req, res);
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
        if (body.length) req.emit('data', body);
        req.emit('end');
      } catch (error) {
        reject(error);
      }
    });
  }

  /** Waits for pending writes, then closes the database (its files stay). */
  close(): Promise<void> {
    return new Promise((resolve, reject) => this.store.lifecycleManager.gracefulClose((error) => (error ? reject(error) : resolve())));
  }
}
