import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldsmith, tempProject } from '../cli/cli-fixture.ts';

describe('CLI: bad input changes nothing', () => {
  it('exits 2 from start on an invalid config, naming each field and its fix, before any cloud starts', () => {
    // Prepare
    const project = tempProject((text) => text.replace("regions: ['eu-central-1', 'eu-west-1']", "regions: ['eu-central-1', 'eu-west-1', 'eu-west-1']"));
    // Act
    const result = goldsmith(['start', '--config', project.config], { cwd: project.dir });
    const created = existsSync(join(project.dir, '.goldsmith'));
    project.remove();
    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('pipelines[0].distribution.regions[2]: is listed twice');
    expect(result.stderr).toContain('List each Region once');
    expect(created).toBe(false);
  });

  it('exits 2 from start on a component document that fails its schema, naming the file and line', () => {
    // Prepare
    const project = tempProject(undefined, (file, text) => (file === 'install-nginx.yml' ? text.replace('action: CreateFile', 'action: CreateFiles') : text));
    // Act
    const result = goldsmith(['start', '--config', project.config], { cwd: project.dir });
    const created = existsSync(join(project.dir, '.goldsmith'));
    project.remove();
    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/components\/install-nginx\.yml:\d+: .*CreateFiles/);
    expect(created).toBe(false);
  });

  it('exits 2 from deploy on a config whose default export is missing', () => {
    // Prepare
    const project = tempProject((text) => text.replace('export default defineConfig', 'defineConfig'));
    // Act
    const result = goldsmith(['deploy', '--config', project.config], { cwd: project.dir });
    const created = existsSync(join(project.dir, '.goldsmith'));
    project.remove();
    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('has no default export');
    expect(created).toBe(false);
  });
});
