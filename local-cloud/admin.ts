import type { CloudRuntime } from './cloud.ts';
import { type Scenario, ScenarioError } from './scenario.ts';
import type { RawRequest, RawResponse } from './service.ts';

interface AdminDeps {
  runtime: CloudRuntime;
  setScenario(input: unknown): Scenario;
  reset(): Promise<void>;
  save(): void;
}

const json = (status: number, body: unknown): RawResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body, null, 2) });

const problem = (status: number, message: string) => json(status, { error: message });

/**
 * The local cloud's own API under `/_local/`: health, state, scenario, clock, and the records of
 * events and calls that tests and the fault suite read. Not part of any AWS API.
 */
export async function handleAdmin(request: RawRequest, deps: AdminDeps): Promise<RawResponse> {
  const url = new URL(request.url, 'http://localhost');
  const { runtime } = deps;
  const route = `${request.method} ${url.pathname.replace(/\/$/, '')}`;
  let body: unknown;
  if (request.body.length) {
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch {
      return problem(400, 'The request body is not valid JSON.');
    }
  }
  switch (route) {
    case 'GET /_local/health':
      return json(200, {
        status: 'running',
        endpoint: runtime.endpoint,
        simulatedTime: new Date(runtime.clock.now()).toISOString(),
        timeScale: runtime.clock.timeScale,
        services: Object.values(runtime.services).map((s) => s.definition.signingName),
      });
    case 'GET /_local/state': {
      const services: Record<string, unknown> = {};
      for (const [name, service] of Object.entries(runtime.services)) if ('store' in service && service.store) services[name] = service.store.toJSON();
      return json(200, { simulatedTime: runtime.clock.now(), services });
    }
    case 'POST /_local/reset':
      await deps.reset();
      return json(200, { reset: true });
    case 'POST /_local/save':
      deps.save();
      return json(200, { saved: true });
    case 'GET /_local/scenario':
      return json(200, runtime.scenario);
    case 'PUT /_local/scenario':
    case 'POST /_local/scenario':
      try {
        return json(200, deps.setScenario(body ?? {}));
      } catch (error) {
        if (error instanceof ScenarioError) return problem(400, error.message);
        throw error;
      }
    case 'GET /_local/clock':
      return json(200, {
        now: runtime.clock.now(),
        iso: runtime.clock.date().toISOString(),
        timeScale: runtime.clock.timeScale,
        nextDue: runtime.clock.nextDue() ?? null,
      });
    case 'POST /_local/clock': {
      const { advanceSeconds, advanceTo, timeScale } = (body ?? {}) as { advanceSeconds?: unknown; advanceTo?: unknown; timeScale?: unknown };
      if (timeScale !== undefined) {
        if (typeof timeScale !== 'number' || timeScale < 0) return problem(400, 'timeScale: must be a number ≥ 0 (simulated seconds per real second).');
        runtime.clock.setTimeScale(timeScale);
      }
      if (advanceSeconds !== undefined) {
        if (typeof advanceSeconds !== 'number' || advanceSeconds < 0) return problem(400, 'advanceSeconds: must be a number of seconds ≥ 0.');
        runtime.clock.advance(advanceSeconds * 1000);
      }
      if (advanceTo !== undefined) {
        const target = typeof advanceTo === 'string' ? Date.parse(advanceTo) : Number.NaN;
        if (Number.isNaN(target)) return problem(400, 'advanceTo: must be an ISO 8601 time, e.g. 2026-12-08T02:00:00Z.');
        runtime.clock.advanceTo(target);
      }
      return json(200, { now: runtime.clock.now(), iso: runtime.clock.date().toISOString(), timeScale: runtime.clock.timeScale });
    }
    case 'GET /_local/events':
      return json(200, { events: runtime.events });
    case 'GET /_local/calls':
      return json(200, { calls: runtime.calls });
    case 'GET /_local/faults':
      return json(200, { injected: runtime.faults.injected });
    default:
      return problem(
        404,
        `No local cloud admin route ${route}. Routes: GET /_local/health, GET /_local/state, POST /_local/reset, GET|PUT /_local/scenario, GET|POST /_local/clock, GET /_local/events, GET /_local/calls, GET /_local/faults.`,
      );
  }
}
