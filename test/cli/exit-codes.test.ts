import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../local-cloud/index.ts';
import { goldsmith, goldsmithAsync, tempProject } from './cli-fixture.ts';

const project = tempProject();
afterAll(() => project.remove());

describe('CLI: exit codes', () => {
  it('lists the release commands and the exit codes in --help', () => {
    // Act
    const result = goldsmith(['--help']);
    // Assess
    expect(result.status).toBe(0);
    for (const command of ['start', 'run', 'status', 'history', 'approve', 'reject', 'rollback', 'deploy', 'local'])
      expect(result.stdout).toMatch(new RegExp(`\\n  ${command}\\b`));
    expect(result.stdout).toContain('2  bad input: unknown command or option, invalid config, unknown pipeline (nothing was changed)');
  });

  it.each([['run'], ['history'], ['rollback'], ['status']])('exits 2 from %s naming the configured pipelines for an unknown pipeline', (command) => {
    // Act
    const result = goldsmith([command, 'web-sever', '--config', project.config, '--endpoint', 'http://127.0.0.1:1']);
    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("goldsmith: Unknown pipeline 'web-sever'. The configured pipelines are: web-server. Nothing was changed.");
  });

  it('exits 2 listing every problem of an invalid config, with its path and fix', () => {
    // Prepare
    const broken = tempProject((text) =>
      text.replace("timezone: 'Europe/Berlin'", "timezone: 'Europe/Berlinn'").replace('minHealthyPercentage: 90,', 'minHealthyPercentage: 190,'),
    );
    // Act
    const result = goldsmith(['run', 'web-server', '--config', broken.config]);
    broken.remove();
    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Invalid Goldsmith config');
    expect(result.stderr).toContain('2 problems');
    expect(result.stderr).toContain('pipelines[0].schedule.timezone');
    expect(result.stderr).toContain('pipelines[0].rollout.waves[0].targets[0].preferences.minHealthyPercentage');
  });

  it('exits 3 when no local cloud answers at --endpoint', () => {
    // Act
    const result = goldsmith(['status', '--config', project.config, '--endpoint', 'http://127.0.0.1:1']);
    // Assess
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('No local cloud answers at http://127.0.0.1:1');
  });

  it('exits 3 from approve when no local cloud runs, saying where a waiting release lives', () => {
    // Act
    const result = goldsmith(['approve', 'web-server-run-0123456789', '--config', project.config]);
    // Assess
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('No local cloud is running for this project: a release waiting for approval lives only in a running cloud.');
  });

  it('exits 2 from deploy --aws, pointing at sst deploy', () => {
    // Act
    const result = goldsmith(['deploy', '--aws', '--config', project.config]);
    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Deploy to AWS with `npx sst deploy --stage <stage>`.');
  });

  it('exits 2 for an unknown option', () => {
    // Act
    const result = goldsmith(['run', 'web-server', '--wiat']);
    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown option '--wiat'");
  });

  it('exits 1 from status when nothing ran yet, without creating any state', () => {
    // Act
    const result = goldsmith(['status', '--config', project.config], { cwd: project.dir });
    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Nothing to show: no local cloud runs for this project and .goldsmith/ holds no saved state. Run `npm start` first.');
    expect(existsSync(join(project.dir, '.goldsmith'))).toBe(false);
  });

  it('exits 1 from history when the cloud answers but Goldsmith is not deployed there', async () => {
    // Prepare
    const cloud = await startLocalCloud({ port: 0, dataDir: false, timeScale: 0 });
    // Act
    const result = await goldsmithAsync(['history', 'web-server', '--config', project.config, '--endpoint', cloud.endpoint]);
    await cloud.stop();
    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`goldsmith: Goldsmith (stage local) is not deployed on the local cloud at ${cloud.endpoint}. Deploy it first`);
  });
});
