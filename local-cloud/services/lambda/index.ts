import { existsSync } from 'node:fs';
import type { CloudRuntime } from '../../cloud.ts';
import { CodeStore } from '../../lambda/code-store.ts';
import type { FunctionSpec } from '../../lambda/function-spec.ts';
import type { InvocationRecord } from '../../lambda/invocation-log.ts';
import { type InvocationRequest, LambdaRuntime } from '../../lambda/lambda-runtime.ts';
import type { ServiceDefinition } from '../../service.ts';
import { codeMissing, functionNotFound } from './errors.ts';
import { arnOf, type FunctionLocator, functionArn } from './function-arn.ts';
import {
  createFunction,
  deleteFunction,
  getFunction,
  getFunctionConfiguration,
  listFunctions,
  listVersionsByFunction,
  publishVersion,
  updateFunctionCode,
  updateFunctionConfiguration,
} from './function-operations.ts';
import { invoke } from './invoke.ts';
import { addPermission, getPolicy, removePermission } from './permission-operations.ts';
import { type FunctionRecord, LambdaStore, type VersionRecord } from './store.ts';
import { listTags, tagResource, untagResource } from './tag-operations.ts';

/** Lambda retries a failed asynchronous invocation twice: after one minute, then after two more. */
const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000];

/** Real milliseconds a function's configuration must stay the same before an environment starts ahead of use. */
const PREWARM_DELAY_MS = 250;

/**
 * Lambda: functions from zip packages, run in worker threads (local-cloud/lambda/) with their own
 * environment, warm between invocations. Beyond the API, `invocations()` gives the billed figures
 * of recent invocations.
 */
export class LambdaService {
  readonly definition: ServiceDefinition;
  readonly store: LambdaStore;
  readonly runtime: LambdaRuntime;
  readonly code: CodeStore;
  private readonly cloud: CloudRuntime;
  /** Environments to start ahead of use, cancelled when the cloud stops. */
  private readonly prewarming = new Set<NodeJS.Timeout>();

  constructor(cloud: CloudRuntime) {
    this.cloud = cloud;
    this.code = new CodeStore(cloud.dataDir);
    this.runtime = new LambdaRuntime({
      clock: cloud.clock,
      endpoint: () => cloud.endpoint,
      defaultAccountId: cloud.defaultAccountId,
      log: (line) => cloud.log(line),
    });
    this.store = new LambdaStore(() => {
      void this.runtime.terminateAll();
      this.runtime.invocations.clear();
      this.code.clear();
    });
    this.definition = {
      signingName: 'lambda',
      model: 'lambda-2015-03-31',
      operations: {
        CreateFunction: createFunction,
        GetFunction: getFunction,
        GetFunctionConfiguration: getFunctionConfiguration,
        ListFunctions: listFunctions,
        UpdateFunctionCode: updateFunctionCode,
        UpdateFunctionConfiguration: updateFunctionConfiguration,
        DeleteFunction: deleteFunction,
        PublishVersion: publishVersion,
        ListVersionsByFunction: listVersionsByFunction,
        Invoke: invoke,
        AddPermission: addPermission,
        RemovePermission: removePermission,
        GetPolicy: getPolicy,
        TagResource: tagResource,
        UntagResource: untagResource,
        ListTags: listTags,
      },
    };
  }

  /** The billed figures (duration, memory, init, outcome) of recent invocations, oldest first. */
  invocations(): InvocationRecord[] {
    return this.runtime.invocations.list();
  }

  async stop(): Promise<void> {
    for (const timer of this.prewarming) clearTimeout(timer);
    this.prewarming.clear();
    await this.runtime.terminateAll();
    this.code.dispose();
  }

  /** Finds a function and the version a locator names ($LATEST without a qualifier). */
  resolve(locator: FunctionLocator): { fn: FunctionRecord; version: VersionRecord } {
    const fn = this.store.get(locator.accountId, locator.region).functions[locator.name];
    if (!fn) throw functionNotFound(arnOf(locator));
    const qualifier = locator.qualifier ?? '$LATEST';
    const version = qualifier === '$LATEST' ? fn.latest : fn.versions[qualifier];
    if (!version) throw functionNotFound(arnOf(locator));
    return { fn, version };
  }

  /** What the runtime needs to run a version. */
  specFor(accountId: string, region: string, fn: FunctionRecord, version: VersionRecord): FunctionSpec {
    const codeDir = this.code.dirFor(fn.name, version.codeKey);
    if (!existsSync(codeDir)) throw codeMissing(fn.name, codeDir);
    return {
      accountId,
      region,
      functionName: fn.name,
      version: version.version,
      functionArn: functionArn(accountId, region, fn.name),
      runtime: version.runtime,
      handler: version.handler,
      memorySize: version.memorySize,
      timeout: version.timeout,
      variables: version.variables ?? {},
      codeDir,
      revisionId: version.revisionId,
    };
  }

  /**
   * Runs an Event invocation in the background. A function error is retried twice, one and then two
   * simulated minutes later, against the function as it is then (gone: the event is dropped).
   */
  invokeAsync(locator: FunctionLocator, request: InvocationRequest, attempt = 0): void {
    let spec: FunctionSpec;
    try {
      const { fn, version } = this.resolve(locator);
      spec = this.specFor(locator.accountId, locator.region, fn, version);
    } catch (error) {
      this.cloud.log(`lambda ${locator.name}: dropped event ${request.requestId}: ${(error as Error).message}`);
      return;
    }
    void this.runtime.invoke(spec, request).then(
      (result) => {
        const delay = ASYNC_RETRY_DELAYS_MS[attempt];
        if (result.functionError && delay !== undefined) this.cloud.clock.setTimeout(() => this.invokeAsync(locator, request, attempt + 1), delay);
      },
      (error: unknown) => this.cloud.log(`lambda ${locator.name}: event ${request.requestId} failed: ${String(error)}`),
    );
  }

  /** After a code or configuration update: new environments from the next invocation; old code goes once unused. */
  replaced(accountId: string, region: string, fn: FunctionRecord, previousCodeKey: string): void {
    this.runtime.retire(accountId, region, fn.name, '$LATEST');
    if (previousCodeKey !== fn.latest.codeKey) this.releaseCode(fn.name, [previousCodeKey]);
    this.prewarm(accountId, region, fn);
  }

  /**
   * Differs from AWS: after a function is created or updated, the local cloud starts one environment of it
   * (once its configuration has stayed the same for PREWARM_DELAY_MS, as a deploy often updates a function
   * again), so the first invocation finds the init done. It is still reported as a cold start, with its init.
   */
  prewarm(accountId: string, region: string, fn: FunctionRecord): void {
    const revisionId = fn.latest.revisionId;
    const timer = setTimeout(() => {
      this.prewarming.delete(timer);
      const current = this.store.get(accountId, region).functions[fn.name];
      if (current?.latest.revisionId !== revisionId) return;
      try {
        this.runtime.prewarm(this.specFor(accountId, region, current, current.latest));
      } catch {
        // The function's code is gone (deleted or reset since): nothing to start.
      }
    }, PREWARM_DELAY_MS).unref();
    this.prewarming.add(timer);
  }

  /** After DeleteFunction: ends the function's environments and removes code nothing else uses. */
  deleted(accountId: string, region: string, name: string, codeKeys: string[], version?: string): void {
    this.runtime.retire(accountId, region, name, version);
    this.releaseCode(name, codeKeys);
  }

  private releaseCode(name: string, codeKeys: string[]): void {
    const inUse = new Set(
      this.store
        .allFunctions()
        .filter(({ fn }) => fn.name === name)
        .flatMap(({ fn }) => [fn.latest.codeKey, ...Object.values(fn.versions).map((v) => v.codeKey)]),
    );
    for (const key of new Set(codeKeys)) if (!inUse.has(key)) this.code.remove(name, key);
  }
}
