/** A fault scenario as a person reads it: the fleet, the triggers, what goes wrong, and when. */
import type { ApiFaultStep, BuildOutcome, EventFaultStep, FaultScenario, TargetShape } from './fault-scenario.ts';

function limit(step: { times?: number; rate?: number }): string {
  if (step.times !== undefined) return step.times === 1 ? 'once' : `${step.times} times`;
  if (step.rate !== undefined) return `at a rate of ${step.rate}`;
  return 'every time';
}

function target(t: TargetShape): string {
  const extras = [t.checkpoints && 'checkpoints 50/100', t.alarm && `alarm ${t.alarm}`].filter(Boolean);
  return `${t.launchTemplate} → ${t.groups.join(', ')}${extras.length ? ` (${extras.join(', ')})` : ''}`;
}

function build(pipeline: string, outcome: BuildOutcome | undefined): string | undefined {
  if (!outcome || outcome.kind === 'ok') return undefined;
  if (outcome.kind === 'fail-at-component') return `the build of ${pipeline} fails at component ${outcome.component}`;
  if (outcome.kind === 'fail-tests') return `the build of ${pipeline} fails its tests`;
  return `the image of ${pipeline} has ${outcome.critical} critical and ${outcome.high} high findings (thresholds: 0 critical, 2 high)`;
}

function eventFault(f: EventFaultStep): string {
  const what = [f.source ?? 'any source', f.detailType && `'${f.detailType}'`, f.contains && `containing ${f.contains}`].filter(Boolean).join(' ');
  const action = f.action === 'delay' ? `delay by ${f.delaySeconds ?? 60} s` : f.action;
  return `${action} events from ${what}, ${limit(f)}`;
}

function apiFault(f: ApiFaultStep): string {
  return `${f.service} ${f.operation === '*' ? 'every operation' : f.operation} answers ${f.error}${f.status ? ` (${f.status})` : ''}, ${limit(f)}`;
}

export function describeScenario(scenario: FaultScenario): string {
  const lines = [`Scenario ${scenario.name ?? `seed ${scenario.seed}`}`, `Fleet (Auto Scaling groups of ${scenario.groupSize}):`];
  for (const p of scenario.pipelines) {
    const gates = [p.smokeTests && 'smoke tests', p.testComponents && 'a test component', p.approval && 'approval', p.slack && 'Slack'].filter(Boolean);
    lines.push(
      `  ${p.name}${p.chainedTo ? ` (chained to ${p.chainedTo})` : ''}: regions eu-central-1${p.extraRegions.map((r) => `, ${r}`).join('')}; ${gates.length ? gates.join(', ') : 'findings and SNS only'}`,
    );
    if (!p.waves.length) lines.push('    no waves (publish only)');
    for (const w of p.waves) lines.push(`    wave ${w.name}: ${w.targets.map(target).join('; ')}`);
  }
  lines.push('Triggers:');
  for (const t of scenario.triggers) {
    const how =
      t.kind === 'cli'
        ? `goldsmith run ${t.pipeline}`
        : t.kind === 'event'
          ? `Release Requested for ${t.pipeline} (${t.key})`
          : `the release schedule of ${t.pipeline} fires`;
    lines.push(`  t+${t.afterSeconds}s ${how}`);
  }
  const o = scenario.outcomes;
  const outcomes = [
    ...scenario.pipelines.map((p) => build(p.name, o.builds[p.name])),
    ...o.smoke.map((s) => `smoke tests end ${s.status}, ${limit(s)}`),
    ...Object.entries(o.refreshFailures).map(([group, at]) => `the refresh of ${group} fails at ${at}%`),
    ...o.alarms.map((a) => `alarm ${a} is in ALARM`),
    ...Object.entries(o.approvals).map(([pipeline, decision]) =>
      decision === 'timeout' ? `nobody approves ${pipeline} in time` : `an operator ${decision}s releases of ${pipeline}`,
    ),
  ].filter(Boolean);
  lines.push(`Outcomes: ${outcomes.length ? '' : 'everything succeeds'}`, ...outcomes.map((x) => `  ${x}`));
  const faults = [
    ...scenario.eventFaults.map(eventFault),
    ...scenario.apiFaults.map(apiFault),
    ...scenario.crashes.map((c) =>
      c.mode === 'lost-response'
        ? `${c.service} ${c.operation}${c.contains ? ` of ${c.contains}` : ''} applies, then its response is lost (a 500), ${limit(c)}`
        : `a handler dies right after ${c.service} ${c.operation}${c.contains ? ` of ${c.contains}` : ''} applies (its next calls fail), ${limit(c)}`,
    ),
  ];
  lines.push(`Faults: ${faults.length ? '' : 'none'}`, ...faults.map((x) => `  ${x}`));
  return lines.join('\n');
}
