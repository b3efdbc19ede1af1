import type { EnvironmentBudget } from './environment-budget.ts';
import type { EnvironmentOutcome, ExecutionEnvironment } from './execution-environment.ts';
import type { FunctionSpec } from './function-spec.ts';
import type { InvokeMessage } from './messages.ts';

/**
 * Differs from AWS: Lambda scales a function to the account's concurrency (1,000 by default); the
 * local cloud runs at most this many environments per function version and queues the rest.
 */
export const MAX_ENVIRONMENTS = 16;

/** Real milliseconds an environment stays warm without invocations (AWS keeps them for minutes). */
export const IDLE_MS = 10 * 60_000;

/**
 * The execution environments of one function version at one revision: warm ones are reused, one
 * invocation at a time each, and more start for concurrent invocations while the function's limit and the
 * budget of every function's environments allow.
 */
export class FunctionPool {
  readonly spec: FunctionSpec;
  private readonly spawn: (spec: FunctionSpec, onExit: (environment: ExecutionEnvironment) => void) => ExecutionEnvironment;
  private readonly budget: EnvironmentBudget;
  private readonly environments = new Set<ExecutionEnvironment>();
  private readonly idle = new Map<ExecutionEnvironment, NodeJS.Timeout>();
  private readonly waiting: Array<(environment: ExecutionEnvironment) => void> = [];
  /** Environments reserved in the budget and not started yet: they count against the function's limit. */
  private starting = 0;
  private retired = false;

  constructor(
    spec: FunctionSpec,
    spawn: (spec: FunctionSpec, onExit: (environment: ExecutionEnvironment) => void) => ExecutionEnvironment,
    budget: EnvironmentBudget,
  ) {
    this.spec = spec;
    this.spawn = spawn;
    this.budget = budget;
  }

  async run(message: Omit<InvokeMessage, 'type' | 'deadlineMs'>): Promise<EnvironmentOutcome> {
    const environment = await this.acquire();
    let reusable = false;
    try {
      const outcome = await environment.invoke(message);
      reusable = outcome.reusable;
      return outcome;
    } finally {
      this.release(environment, reusable);
    }
  }

  /**
   * Starts one environment ahead of the first invocation, if the function has none and the budget has room
   * without ending another. Its init runs now; its first invocation still reports the cold start and its init.
   */
  prewarm(): void {
    if (this.retired || this.environments.size + this.starting > 0 || this.budget.full) return;
    if (!this.budget.tryReserve()) return;
    this.keepWarm(this.start());
  }

  /** Stops taking this revision: idle environments end now, busy ones after their invocation. */
  async retire(): Promise<void> {
    this.retired = true;
    const idle = [...this.idle.keys()];
    for (const environment of idle) this.forget(environment);
    await Promise.all(idle.map((environment) => environment.terminate()));
  }

  async terminate(): Promise<void> {
    this.retired = true;
    const all = [...this.environments];
    for (const environment of all) this.forget(environment);
    await Promise.all(all.map((environment) => environment.terminate()));
  }

  private acquire(): Promise<ExecutionEnvironment> {
    for (const [environment, timer] of this.idle) {
      clearTimeout(timer);
      this.idle.delete(environment);
      this.budget.busyAgain(environment);
      if (!environment.exited) return Promise.resolve(environment);
      this.forget(environment);
    }
    if (this.environments.size + this.starting < MAX_ENVIRONMENTS) return this.startWhenFree();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private startWhenFree(): Promise<ExecutionEnvironment> {
    this.starting++;
    return new Promise((resolve) =>
      this.budget.whenFree(() => {
        this.starting--;
        resolve(this.start());
      }),
    );
  }

  private release(environment: ExecutionEnvironment, reusable: boolean): void {
    if (reusable && !this.retired && !environment.exited) {
      const next = this.waiting.shift();
      if (next) {
        next(environment);
        return;
      }
      // Another function waits for a place: this one's environment gives it up rather than idle.
      if (!this.budget.contended) {
        this.keepWarm(environment);
        return;
      }
    }
    this.forget(environment);
    void environment.terminate();
    // A slot freed up: start an environment for the next queued invocation.
    const next = this.waiting.shift();
    if (next) void this.startWhenFree().then(next);
  }

  private keepWarm(environment: ExecutionEnvironment): void {
    const end = () => {
      this.forget(environment);
      void environment.terminate();
    };
    const timer = setTimeout(end, IDLE_MS);
    timer.unref();
    this.idle.set(environment, timer);
    this.budget.idleNow(environment, end);
  }

  private start(): ExecutionEnvironment {
    const environment = this.spawn(this.spec, (exited) => this.forget(exited));
    this.environments.add(environment);
    return environment;
  }

  private forget(environment: ExecutionEnvironment): void {
    clearTimeout(this.idle.get(environment));
    this.idle.delete(environment);
    if (this.environments.delete(environment)) this.budget.released(environment);
  }
}
