/**
 * DESIGN §5.7 under the fault suite: every event-driven handler given malformed or foreign events, and the config
 * loader given invalid configs and component documents, answers a clear error naming the field, and the deployed
 * fleet's state is the same before and after.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject, pipelineOf } from '../../cli/project.ts';
import { type Fleet, projectOf, ROOT, startFleet } from '../e2e/harness.ts';
import { configProbes, eventProbes } from './bad-input-probes.ts';
import { cloudState } from './cloud-state.ts';
import { quietScenario } from './fault-scenario.ts';
import { configOf } from './fleet-config.ts';
import { type BadInputProbe, emptyHistory } from './history.ts';
import { badInputChangesNothing } from './invariants/bad-input-changes-nothing.ts';

const scenario = quietScenario({
  pipelines: [
    {
      name: 'web',
      extraRegions: [],
      waves: [{ name: 'canary', targets: [{ launchTemplate: 'web-canary-0', groups: ['web-canary-0-g0'], checkpoints: false }] }],
      smokeTests: true,
      testComponents: false,
      approval: false,
      slack: true,
    },
  ],
});

let fleet: Fleet;
const tempDirs: string[] = [];

beforeAll(async () => {
  fleet = await startFleet({ project: projectOf(configOf(scenario)) });
}, 120_000);

afterAll(async () => {
  await fleet?.close();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the probe's act between two snapshots of the fleet, and checks the contract on what happened. */
async function probe(
  target: string,
  description: string,
  expectFields: string[],
  act: () => Promise<string | undefined>,
  ignorable = false,
): Promise<string[]> {
  const stateBefore = await cloudState(fleet);
  const error = await act();
  const stateAfter = await cloudState(fleet);
  const record: BadInputProbe = { target, description, expectFields, stateBefore, stateAfter, ignorable, ...(error !== undefined && { error }) };
  return badInputChangesNothing.check(emptyHistory({ probes: [record] }));
}

describe('Bad input: event-driven handlers', () => {
  for (const p of eventProbes) {
    // A known product bug keeps its probe: the test passes while the contract still breaks, and fails once fixed.
    const test = p.knownBug ? it.fails : it;
    test(`${p.knownBug ? 'still breaks the contract (known bug) when it ' : ''}${p.ignorable ? 'ignores' : 'rejects'} ${p.description} on ${p.target}${p.expectFields.length ? `, naming ${p.expectFields.join(' and ')}` : ''}, and changes nothing`, async () => {
      // Prepare
      const functionName = fleet.deployment.deployment.model.functions.find((f) => f.key === p.target)?.name;

      // Act
      const problems = await probe(
        p.target,
        p.description,
        p.expectFields,
        async () => {
          const out = await fleet.clients.lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify(p.payload)) }));
          if (!out.FunctionError) return undefined;
          const { errorMessage } = JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8')) as { errorMessage?: string };
          return errorMessage ?? '';
        },
        p.ignorable,
      );

      // Assess
      expect(problems).toEqual([]);
    });
  }
});

/** A project directory holding goldsmith.config.ts with the probe's pipeline, the repository's components, and the probe's files. */
function projectDir(pipeline: Record<string, unknown>, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'goldsmith-bad-config-'));
  tempDirs.push(dir);
  mkdirSync(join(dir, 'components'));
  for (const file of readdirSync(join(ROOT, 'components'))) symlinkSync(join(ROOT, 'components', file), join(dir, 'components', file));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const base = configOf(scenario);
  const config = { ...base, pipelines: [{ ...base.pipelines[0], ...pipeline }] };
  writeFileSync(join(dir, 'goldsmith.config.ts'), `export default ${JSON.stringify(config, null, 2)};\n`);
  return dir;
}

describe('Bad input: configs and component documents', () => {
  it('loads the valid config the probes start from', async () => {
    // Prepare
    const dir = projectDir({});

    // Act
    const project = await loadProject(join(dir, 'goldsmith.config.ts'));

    // Assess
    expect(project.pipelines).toEqual(['web']);
  });

  for (const p of configProbes) {
    it(`rejects ${p.description}, naming ${p.expectFields.join(' and ')}, and changes nothing`, async () => {
      // Prepare
      const dir = projectDir(p.pipeline, p.files);

      // Act
      const problems = await probe('goldsmith deploy', p.description, p.expectFields, async () => {
        try {
          await loadProject(join(dir, 'goldsmith.config.ts'));
          return undefined;
        } catch (error) {
          return (error as Error).message;
        }
      });

      // Assess
      expect(problems).toEqual([]);
    });
  }

  it('rejects a release of an unknown pipeline, naming it, and changes nothing', async () => {
    // Prepare
    const project = await loadProject(join(projectDir({}), 'goldsmith.config.ts'));

    // Act
    const problems = await probe('goldsmith run', "the pipeline 'nope'", ["'nope'", 'web'], async () => {
      try {
        pipelineOf(project, 'nope');
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    });

    // Assess
    expect(problems).toEqual([]);
  });
});
