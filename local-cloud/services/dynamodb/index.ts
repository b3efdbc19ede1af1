import type { CloudRuntime } from '../../cloud.ts';
import { serveProtocol } from '../../protocol/index.ts';
import type { RawRequest, RawResponse, RequestContext, ServiceDefinition } from '../../service.ts';
import { DynaliteFleet } from './dynalite-fleet.ts';
import { DYNALITE_OPERATIONS, forwardedOperations, MODEL } from './forwarded-operations.ts';
import { withAwsMessage } from './missing-messages.ts';
import { DynamoDbStore } from './store.ts';
import { describeTimeToLive, updateTimeToLive } from './time-to-live.ts';

/**
 * DynamoDB, served by dynalite (in-process, one per account and region): requests go to it as they
 * came and its responses (body, CRC32 checksum) come back unchanged, but for a few empty error
 * messages filled in with AWS's (missing-messages.ts). The local cloud itself answers
 * Time to Live, which dynalite lacks, and other operations dynalite lacks (transactions, PartiQL,
 * backups) answer NotImplementedException.
 */
export class DynamoDbService {
  readonly definition: ServiceDefinition;
  readonly fleet: DynaliteFleet;
  readonly store: DynamoDbStore;

  constructor(cloud: CloudRuntime) {
    this.fleet = new DynaliteFleet(cloud.dataDir);
    this.store = new DynamoDbStore(this.fleet);
    this.definition = {
      signingName: 'dynamodb',
      model: MODEL,
      operations: { ...forwardedOperations(), UpdateTimeToLive: updateTimeToLive, DescribeTimeToLive: describeTimeToLive },
      raw: (request, ctx) => this.serve(request, ctx),
    };
  }

  async stop(): Promise<void> {
    await this.fleet.close();
  }

  /** A table is gone: so is its Time to Live setting. */
  tableDeleted(scope: { accountId: string; region: string }, tableName: string): void {
    delete this.store.settings.get(scope.accountId, scope.region).timeToLive[tableName];
  }

  private async serve(request: RawRequest, ctx: RequestContext): Promise<RawResponse> {
    const target = header(request, 'x-amz-target') ?? '';
    const operation = target.slice(target.indexOf('.') + 1);
    if (!DYNALITE_OPERATIONS.has(operation)) return serveProtocol(this.definition, request, ctx);
    const answered = await this.fleet.request(ctx.accountId, ctx.region, {
      target,
      body: request.body,
      contentType: header(request, 'content-type'),
      authorization: header(request, 'authorization'),
      amzDate: header(request, 'x-amz-date'),
      url: request.url,
    });
    const response = withAwsMessage(operation, request.body, answered);
    if (operation === 'DeleteTable' && response.status === 200) this.tableDeleted(ctx, tableNameOf(request.body));
    return response;
  }
}

function header(request: RawRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function tableNameOf(body: Buffer): string {
  try {
    return String((JSON.parse(body.toString('utf8')) as { TableName?: unknown }).TableName);
  } catch {
    return '';
  }
}
