/**
 * `npm run bench`: measures Goldsmith (cost per release, orchestration overhead, fleet scale, cold starts,
 * local speed) and writes BENCHMARKS.md. `--quick` runs a reduced set for CI, and `--only cost,fleet` picks
 * sections; both write under `.goldsmith/bench/` instead (`--out` to choose). Goals are reported, never
 * asserted: a missed goal does not fail the run, a crash does.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../test/e2e/harness.ts';
import { describeMachine } from './machine.ts';
import { renderReport, type Section } from './report.ts';
import { coldStartSection, runColdStarts } from './suites/cold-start-section.ts';
import { costSection } from './suites/cost-section.ts';
import { type CostStudy, runCostStudy } from './suites/cost-study.ts';
import { fleetScaleSection, LARGE_FLEET_TIME_SCALE, runFleetScale } from './suites/fleet-scale.ts';
import { localSpeedSection, runLocalSpeed } from './suites/local-speed.ts';
import { overheadSection } from './suites/overhead-section.ts';
import { productionRefreshMinutes } from './suites/refresh-duration.ts';

export const SUITES = ['cost', 'overhead', 'fleet', 'cold-start', 'local'] as const;
type Suite = (typeof SUITES)[number];

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, out: { type: 'string' } },
});
const quick = values.quick ?? false;
const only = (values.only?.split(',').map((s) => s.trim()) ?? [...SUITES]) as Suite[];
const unknown = only.filter((s) => !SUITES.includes(s));
if (unknown.length) {
  console.error(`bench: unknown section ${unknown.join(', ')}; choose from ${SUITES.join(', ')}.`);
  process.exit(2);
}
// Only a full run of every section replaces BENCHMARKS.md; a quick or partial one never clobbers it.
const partial = quick || values.only !== undefined;
const out = values.out ?? (partial ? join(ROOT, `.goldsmith/bench/BENCHMARKS.${quick ? 'quick' : 'partial'}.md`) : join(ROOT, 'BENCHMARKS.md'));
const started = performance.now();
const log = (line: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const command = (suite: Suite) => `npm run bench -- ${quick ? '--quick ' : ''}--only ${suite}`;
const machine = describeMachine();
const sections: Section[] = [];

/** Where sections go as they finish, so that a run stopped part-way keeps them without touching `out`. */
const progress = join(ROOT, '.goldsmith/bench/BENCHMARKS.progress.md');

function write(path: string): void {
  const order = ['1.', '2.', '3.', '4.', '5.'];
  sections.sort((a, b) => order.indexOf(a.title.slice(0, 2)) - order.indexOf(b.title.slice(0, 2)));
  const report = renderReport({ machine, mode: quick ? 'quick' : 'full', sections, seconds: (performance.now() - started) / 1000 });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, report);
}
const add = (section: Section) => {
  sections.push(section);
  write(progress);
};

// Processes spawned for cold imports are timed first, before the releases warm the machine up.
if (only.includes('cold-start')) add(coldStartSection(await runColdStarts({ quick, log }), command('cold-start')));
let study: CostStudy | undefined;
if (only.includes('cost') || only.includes('overhead')) study = await runCostStudy({ quick, log });
if (study && only.includes('cost')) add(costSection(study, command('cost')));
if (study && only.includes('overhead')) add(overheadSection(study, command('overhead')));
// The 1,000-group fleet last: it leaves the most memory behind.
if (only.includes('local')) add(localSpeedSection(await runLocalSpeed({ quick, log }), command('local')));
if (only.includes('fleet')) {
  const fleet = quick ? { groups: 12, waves: 3, regions: 10, groupsPerTemplate: 2 } : { groups: 1000, waves: 3, regions: 10, groupsPerTemplate: 10 };
  const result = await runFleetScale(fleet, log, quick ? 1 : LARGE_FLEET_TIME_SCALE);
  add(fleetScaleSection(result, command('fleet'), study && productionRefreshMinutes(study)));
}

write(out);
for (const section of sections)
  for (const goal of section.goals) console.log(`${goal.met === undefined ? '·' : goal.met ? '✓' : '✗'} ${goal.goal}: ${goal.figure}`);
log(`wrote ${out}`);
