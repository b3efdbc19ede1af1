/**
 * Records every state-changing API operation the local cloud runs, in process, with its input, output or error,
 * who called it and when (simulated). It wraps each service's operation table, so it sees what got past the
 * scenario's API faults, and it injects crashes mid-handler (fault-scenario.ts `CrashStep`): the operation
 * applies, then its caller is told it failed. A DeregisterImage also records who used the image at that moment.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { AwsServiceError } from '../../local-cloud/errors.ts';
import type { LocalCloud } from '../../local-cloud/index.ts';
import type { Operation, RawRequest, RawResponse, RequestContext } from '../../local-cloud/service.ts';
import type { CrashStep } from './fault-scenario.ts';
import type { Effect, ImageUsage, InjectedFaultFacts } from './history.ts';

/** Reads change nothing: they are not recorded, to keep histories small. */
const READ = /^(Describe|Get|List|BatchGet|Query|Scan)/;
/** How many calls fail after a `fail-after` crash, unless it says: the SDK's three attempts at one call. */
const FAIL_AFTER_CALLS = 3;

export interface Recorder {
  readonly effects: Effect[];
  readonly crashes: InjectedFaultFacts[];
  /** Instances launched by client RunInstances calls (test instances), with what was known at launch. */
  readonly clientInstances: Map<string, { region: string; imageId: string; launchedAt: number }>;
  stop(): void;
}

export function startRecording(cloud: LocalCloud, crashes: readonly CrashStep[]): Recorder {
  const runtime = cloud.runtime;
  const caller = new AsyncLocalStorage<string>();
  const effects: Effect[] = [];
  const injected: InjectedFaultFacts[] = [];
  const clientInstances = new Map<string, { region: string; imageId: string; launchedAt: number }>();
  const used = new Map<CrashStep, number>();
  let failNext = 0;
  let seq = 0;

  const originalInvoke = runtime.invoke;
  // In-process calls (Step Functions integrations, Auto Scaling launching instances) name their caller.
  runtime.invoke = ((...args: Parameters<typeof originalInvoke>) =>
    caller.run(args[4] ?? 'internal', () => originalInvoke.apply(runtime, args))) as typeof originalInvoke;

  /** The crash to inject after this operation applied, if any (counted as used). */
  const crashAfter = (service: string, operation: string, who: string, input: Record<string, unknown>): CrashStep | undefined => {
    const crash = crashes.find(
      (c) => c.service === service && c.operation === operation && (used.get(c) ?? 0) < c.times && (!c.contains || JSON.stringify(input).includes(c.contains)),
    );
    if (!crash || who !== 'client') return undefined;
    used.set(crash, (used.get(crash) ?? 0) + 1);
    injected.push({ kind: 'crash', action: crash.mode, target: `${service}:${operation}`, at: runtime.clock.now() });
    if (crash.mode === 'fail-after') failNext = crash.calls ?? FAIL_AFTER_CALLS;
    return crash;
  };
  const failingNext = (target: string, who: string): boolean => {
    if (failNext <= 0 || who !== 'client') return false;
    failNext--;
    injected.push({ kind: 'crash', action: 'fail-after', target, at: runtime.clock.now() });
    return true;
  };

  const restores: Array<() => void> = [];
  for (const service of Object.values(runtime.services)) {
    const { definition } = service;
    const originalRaw = definition.raw;
    // DynamoDB serves requests itself (dynalite): its writes are recorded from the JSON request, and crash as the others do.
    if (originalRaw) {
      definition.raw = async (request: RawRequest, ctx: RequestContext): Promise<RawResponse> => {
        const who = caller.getStore() ?? 'client';
        const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? 'Unknown';
        const target = `${definition.signingName}:${operation}`;
        if (failingNext(target, who)) return rawServerError();
        if (READ.test(operation)) return originalRaw(request, ctx);
        const effect: Effect = {
          seq: seq++,
          at: runtime.clock.now(),
          service: definition.signingName,
          operation,
          region: ctx.region,
          caller: who,
          input: parsedBody(request.body),
        };
        effects.push(effect);
        const response = await originalRaw(request, ctx);
        if (response.status >= 400) {
          effect.error = response.headers['x-amzn-errortype'] ?? String(response.status);
          return response;
        }
        effect.output = parsedBody(response.body);
        const crash = crashAfter(definition.signingName, operation, who, effect.input);
        if (!crash) return response;
        effect.crashed = crash.mode;
        if (crash.mode === 'fail-after') return response;
        effect.error = 'InternalServerError';
        return rawServerError();
      };
      restores.push(() => {
        definition.raw = originalRaw;
      });
    }
    for (const [name, original] of Object.entries(definition.operations)) {
      const wrapped: Operation = async (input, ctx) => {
        const who = caller.getStore() ?? 'client';
        if (failingNext(`${definition.signingName}:${name}`, who))
          throw new AwsServiceError('ServiceUnavailable', 'Service is unavailable. Please try again later.', 503);
        if (READ.test(name)) return original(input, ctx);
        const effect: Effect = {
          seq: seq++,
          at: runtime.clock.now(),
          service: definition.signingName,
          operation: name,
          region: ctx.region,
          caller: who,
          input: plain(input),
        };
        if (definition.signingName === 'ec2' && name === 'DeregisterImage') effect.usage = usageOf(cloud, ctx.accountId, ctx.region, String(input.ImageId));
        effects.push(effect);
        let output: unknown;
        try {
          output = await original(input, ctx);
        } catch (error) {
          effect.error = error instanceof AwsServiceError ? error.code : String(error);
          throw error;
        }
        effect.output = plain(output);
        if (definition.signingName === 'ec2' && name === 'RunInstances' && who === 'client') {
          for (const instance of (effect.output.Instances ?? []) as Array<{ InstanceId?: string }>)
            if (instance.InstanceId) clientInstances.set(instance.InstanceId, { region: ctx.region, imageId: String(input.ImageId), launchedAt: effect.at });
        }
        const crash = crashAfter(definition.signingName, name, who, effect.input);
        if (!crash) return output;
        effect.crashed = crash.mode;
        if (crash.mode === 'fail-after') return output;
        effect.error = 'InternalFailure';
        throw new AwsServiceError(
          definition.signingName === 'ec2' ? 'InternalError' : 'InternalFailure',
          'We encountered an internal error. Please try again.',
          500,
        );
      };
      definition.operations[name] = wrapped;
      restores.push(() => {
        definition.operations[name] = original;
      });
    }
  }

  return {
    effects,
    crashes: injected,
    clientInstances,
    stop() {
      for (const restore of restores) restore();
      runtime.invoke = originalInvoke;
    },
  };
}

/** DynamoDB's answer to a request that failed on its side (the SDK retries it). */
function rawServerError(): RawResponse {
  return {
    status: 500,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'InternalServerError' },
    body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' }),
  };
}

function parsedBody(body: Buffer | string): Record<string, unknown> {
  try {
    return JSON.parse(body.toString()) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** SDK-shaped data as plain JSON: Dates as ISO strings, binary as text when short. */
export function plain(value: unknown): Record<string, unknown> {
  const text = JSON.stringify(value ?? {}, (_key, v: unknown) => {
    if (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) {
      const data = Buffer.from((v as { data: number[] }).data);
      return data.length <= 65_536 ? data.toString('utf8') : `<${data.length} bytes>`;
    }
    return v;
  });
  return JSON.parse(text) as Record<string, unknown>;
}

/** Who uses an AMI right now in a region: channel-like parameters, default launch template versions, groups, instances. */
function usageOf(cloud: LocalCloud, accountId: string, region: string, imageId: string): ImageUsage {
  const { ssm, ec2, autoscaling } = cloud.runtime.services;
  const parameters = Object.values(ssm.store.get(accountId, region).parameters)
    .filter((p) => p.versions.at(-1)?.value === imageId)
    .map((p) => p.name);
  const templates = Object.values(ec2.store.get(accountId, region).launchTemplates);
  const imageOf = (templateId: string | undefined, templateName: string | undefined, version: string | undefined) => {
    const template = templates.find((t) => t.launchTemplateId === templateId || t.name === templateName);
    if (!template) return undefined;
    const number =
      version === '$Latest'
        ? Math.max(...template.versions.map((v) => v.versionNumber))
        : version === '$Default' || !version
          ? template.defaultVersion
          : Number(version);
    return template.versions.find((v) => v.versionNumber === number)?.data.ImageId;
  };
  const launchTemplateDefaults = templates.filter((t) => imageOf(t.launchTemplateId, undefined, '$Default') === imageId).map((t) => t.name);
  const groups = Object.values(autoscaling.store.get(accountId, region).groups)
    .filter((g) => {
      const lt = g.source.launchTemplate ?? g.source.mixedInstancesPolicy?.LaunchTemplate.LaunchTemplateSpecification;
      const configured = lt && imageOf(lt.LaunchTemplateId, lt.LaunchTemplateName, lt.Version) === imageId;
      return (
        configured ||
        g.instances.some((i) => imageOf(i.launchTemplate.LaunchTemplateId, i.launchTemplate.LaunchTemplateName, i.launchTemplate.Version) === imageId)
      );
    })
    .map((g) => g.name);
  const runningInstances = Object.values(ec2.store.get(accountId, region).instances)
    .filter((i) => i.imageId === imageId && ['pending', 'running', 'stopping', 'stopped'].includes(i.state))
    .map((i) => i.instanceId);
  return { imageId, parameters, launchTemplateDefaults, groups, runningInstances };
}
