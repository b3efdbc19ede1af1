import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin.ts';
import { SimClock } from './clock.ts';
import { CloudRuntime } from './cloud.ts';
import { FaultInjector } from './faults.ts';
import { clearState, readState, restoreState, saveState } from './persistence.ts';
import { parseScenario, type Scenario } from './scenario.ts';
import { readBody, send, serveAws } from './server.ts';
import { createServices, type EmulatedService } from './services/index.ts';

export interface LocalCloudOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default 4566. */
  port?: number;
  /** Where state persists; `false` keeps it in memory only. Default `.goldsmith/local-cloud`. */
  dataDir?: string | false;
  /** Simulated seconds per real second. Default 60. */
  timeScale?: number;
  /** Simulated epoch ms to start from (a restored state's time wins when later). */
  startTime?: number;
  /** The account used for credentials that do not name one. Default 123456789012. */
  accountId?: string;
  scenario?: Scenario;
  log?: (line: string) => void;
}

export interface LocalCloud {
  /** `http://127.0.0.1:<port>`: set it as AWS_ENDPOINT_URL. */
  readonly endpoint: string;
  readonly port: number;
  readonly runtime: CloudRuntime;
  readonly clock: SimClock;
  setScenario(scenario: unknown): Scenario;
  /** Clears every service's state and the saved state on disk. */
  reset(): Promise<void>;
  save(): void;
  stop(): Promise<void>;
}

export const DEFAULT_PORT = 4566;
export const DEFAULT_DATA_DIR = '.goldsmith/local-cloud';

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const dataDir = options.dataDir === undefined ? DEFAULT_DATA_DIR : options.dataDir;
  const saved = dataDir ? readState(dataDir) : undefined;
  const start = Math.max(options.startTime ?? Date.now(), saved?.simulatedTime ?? 0);
  const clock = new SimClock({ timeScale: options.timeScale ?? 60, start });
  const faults = new FaultInjector(() => clock.now());
  const runtime = new CloudRuntime({ clock, faults, accountId: options.accountId ?? '123456789012', dataDir, log: options.log });
  runtime.services = createServices(runtime);
  const services = Object.values(runtime.services) as EmulatedService[];
  const setScenario = (input: unknown) => {
    const scenario = parseScenario(input);
    runtime.scenario = scenario;
    faults.configure(scenario);
    return scenario;
  };
  if (options.scenario) setScenario(options.scenario);

  for (const service of services) await service.start?.();
  if (saved) restoreState(runtime, saved);
  for (const service of services) service.resume?.();

  const save = () => {
    if (dataDir) saveState(runtime, dataDir);
  };
  const reset = async () => {
    faults.flush();
    for (const service of services) service.store?.clear();
    runtime.events.length = 0;
    runtime.calls.length = 0;
    if (dataDir) clearState(dataDir);
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const request = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body };
      if (request.url.startsWith('/_local/')) return send(res, await handleAdmin(request, { runtime, setScenario, reset, save }));
      send(res, await serveAws(runtime, request));
    })().catch((error: unknown) => {
      runtime.log(`request failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent)
        send(res, {
          status: 500,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ __type: 'InternalFailure', message: String(error) }),
        });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  runtime.endpoint = endpoint;

  let stopped = false;
  return {
    endpoint,
    port,
    runtime,
    clock,
    setScenario,
    reset,
    save,
    async stop() {
      if (stopped) return;
      stopped = true;
      save();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const service of services.reverse()) await service.stop?.();
      clock.dispose();
    },
  };
}
