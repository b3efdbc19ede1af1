/** What the suite prints: a failing scenario (shrunk, readable, with its seed), and the figures of a run. */
import { describeScenario } from './describe-scenario.ts';
import type { FaultScenario } from './fault-scenario.ts';
import type { History } from './history.ts';
import { releaseExecutions } from './history-queries.ts';
import type { Violation } from './invariants/index.ts';

export function formatFailure(
  original: FaultScenario,
  violations: Violation[],
  shrunk?: { scenario: FaultScenario; violations: Violation[]; tries: number },
): string {
  const shown = shrunk ?? { scenario: original, violations };
  const lines = [
    `✗ seed ${original.seed}${original.name ? ` (${original.name})` : ''}: ${violations.length} invariant violation(s)`,
    ...shown.violations.map((v) => `  [${v.invariant}, ${v.contract}] ${v.message}`),
    '',
    shrunk ? `Shrunk in ${shrunk.tries} tries to:` : 'Scenario:',
    describeScenario(shown.scenario)
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
    '',
    `Replay: npm run faults -- --seed ${original.seed}`,
    `As data: ${JSON.stringify(shown.scenario)}`,
  ];
  return lines.join('\n');
}

/** Figures of one run, summed over many by `addFigures`. */
export interface Figures {
  scenarios: number;
  releases: number;
  violations: number;
  /** `api ThrottlingException`, `event drop`, `crash lost-response` → count. */
  faults: Record<string, number>;
  /** Simulated seconds from a release's start to its terminal state, the longest seen, and where. */
  longestReleaseSeconds: number;
  longestRelease?: string;
  outcomes: Record<string, number>;
  /** Why releases failed: the error name → count. */
  errors: Record<string, number>;
  realMs: number;
  timedOut: number;
}

export function emptyFigures(): Figures {
  return { scenarios: 0, releases: 0, violations: 0, faults: {}, longestReleaseSeconds: 0, outcomes: {}, errors: {}, realMs: 0, timedOut: 0 };
}

export function figuresOf(history: History, violations: number): Figures {
  const figures = emptyFigures();
  figures.scenarios = 1;
  figures.violations = violations;
  figures.realMs = history.runner.realMs;
  figures.timedOut = history.runner.timedOut ? 1 : 0;
  for (const fault of history.faults) {
    const key = `${fault.kind} ${fault.action}`;
    figures.faults[key] = (figures.faults[key] ?? 0) + 1;
  }
  for (const release of releaseExecutions(history)) {
    figures.releases++;
    figures.outcomes[release.status] = (figures.outcomes[release.status] ?? 0) + 1;
    if (release.status !== 'SUCCEEDED') {
      const error = failureName(release.error, release.cause);
      figures.errors[error] = (figures.errors[error] ?? 0) + 1;
    }
    const seconds = ((release.stoppedAt ?? history.endedAt) - release.startedAt) / 1000;
    if (seconds > figures.longestReleaseSeconds) {
      figures.longestReleaseSeconds = seconds;
      figures.longestRelease = `${release.name} (seed ${history.seed})`;
    }
  }
  return figures;
}

/** A wave's failure reaches the release as States.TaskFailed with the wave's error inside its cause. */
function failureName(error: string | undefined, cause: string | undefined): string {
  if (error === 'States.TaskFailed' && cause) {
    const inner = /"Error":"([^"]+)"/.exec(cause)?.[1];
    if (inner) return `wave ${inner}`;
  }
  return error ?? 'unknown';
}

export function addFigures(a: Figures, b: Figures): Figures {
  const sum = (x: Record<string, number>, y: Record<string, number>) => {
    const out = { ...x };
    for (const [k, v] of Object.entries(y)) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  const longest = b.longestReleaseSeconds > a.longestReleaseSeconds ? b : a;
  return {
    scenarios: a.scenarios + b.scenarios,
    releases: a.releases + b.releases,
    violations: a.violations + b.violations,
    faults: sum(a.faults, b.faults),
    longestReleaseSeconds: longest.longestReleaseSeconds,
    ...(longest.longestRelease && { longestRelease: longest.longestRelease }),
    outcomes: sum(a.outcomes, b.outcomes),
    errors: sum(a.errors, b.errors),
    realMs: a.realMs + b.realMs,
    timedOut: a.timedOut + b.timedOut,
  };
}

export function formatFigures(f: Figures): string {
  const faults = Object.entries(f.faults).sort((a, b) => b[1] - a[1]);
  const total = faults.reduce((n, [, c]) => n + c, 0);
  return [
    `Scenarios run: ${f.scenarios} (${f.releases} release executions: ${Object.entries(f.outcomes)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')})`,
    `Why releases failed: ${Object.entries(f.errors)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `Faults injected: ${total}`,
    ...faults.map(([k, v]) => `  ${k}: ${v}`),
    `Invariant violations: ${f.violations}`,
    `Longest time to a terminal state: ${Math.round(f.longestReleaseSeconds)} s simulated (${(f.longestReleaseSeconds / 3600).toFixed(1)} h)${f.longestRelease ? `, ${f.longestRelease}` : ''}`,
    `Scenarios that did not come to rest in time: ${f.timedOut}`,
    `Real time: ${Math.round(f.realMs / 1000)} s (${Math.round(f.realMs / Math.max(1, f.scenarios) / 100) / 10} s a scenario)`,
  ].join('\n');
}
