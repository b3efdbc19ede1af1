import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, componentVersion, formatIssue, loadConfig } from '../../../core/config/index.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CONFIG_MODULE = join(REPO, 'core/config/index.ts');

const UPDATE = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Update\n        action: UpdateOS\n';
const TIMEZONE =
  'schemaVersion: 1.0\nparameters:\n  - TimeZone:\n      type: string\n      description: IANA name.\nphases:\n  - name: build\n    steps:\n      - name: Set\n        action: ExecuteBash\n        inputs:\n          commands:\n            - "timedatectl set-timezone \'{{ TimeZone }}\'"\n';
const HTTP_TEST =
  "schemaVersion: 1.0\nphases:\n  - name: test\n    steps:\n      - name: Get\n        action: ExecuteBash\n        inputs: { commands: ['curl -fsS localhost'] }\n";

const projects: string[] = [];

/** Writes a project (config and components) to a fresh temporary directory and returns the config path. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'goldsmith-config-'));
  projects.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return join(dir, 'goldsmith.config.ts');
}

/** A goldsmith.config.ts that declares `pipelines` with defineConfig. */
const configFile = (pipelines: unknown[]) =>
  `import { defineConfig } from ${JSON.stringify(CONFIG_MODULE)};\n\nexport default defineConfig(${JSON.stringify({ project: 'acme', region: 'eu-central-1', pipelines }, null, 2)});\n`;

const pipeline = (fields: Record<string, unknown>) => ({
  name: 'web',
  parentImage: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
  ...fields,
});

async function problemsOf(configPath: string): Promise<string[]> {
  const error = await loadConfig(configPath).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error.issues.map(formatIssue);
}

afterEach(() => {
  for (const dir of projects.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('Config: loadConfig', () => {
  it('loads the example fleet with its components and versions', async () => {
    // Prepare
    const path = join(REPO, 'goldsmith.config.ts');

    // Act
    const loaded = await loadConfig(path);

    // Assess
    const [web] = loaded.pipelines;
    expect(loaded.configPath).toBe(path);
    expect(loaded.components.map((component) => component.path)).toEqual([
      'components/basic-hardening.yml',
      'components/install-cloudwatch-agent.yml',
      'components/install-nginx.yml',
      'components/set-timezone-and-locale.yml',
      'components/test-http-port.yml',
      'components/test-nginx-running.yml',
    ]);
    const nginx = loaded.components.find((component) => component.path === 'components/install-nginx.yml');
    const text = readFileSync(join(REPO, 'components/install-nginx.yml'), 'utf8');
    expect(nginx).toMatchObject({ name: 'acme-platform-install-nginx', platform: 'Linux', data: text, phases: ['build', 'validate'] });
    expect(nginx?.version).toBe(
      componentVersion({ majorMinor: '1.0', name: 'acme-platform-install-nginx', platform: 'Linux', description: nginx?.description ?? '', data: text }),
    );
    expect(web.parentImage).toEqual({
      kind: 'ssm-parameter',
      parameterName: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
      recipeParentImage: 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    });
    expect(web.recipe.name).toBe('acme-platform-web-server');
    expect(web.recipe.version).toMatch(/^1\.0\.\d+$/);
    expect(web.recipe.components.map(({ component, parameters }) => [component.path, parameters])).toEqual([
      ['components/basic-hardening.yml', {}],
      ['components/set-timezone-and-locale.yml', { TimeZone: 'Europe/Berlin', Locale: 'en_US.UTF-8' }],
      ['components/install-nginx.yml', {}],
      ['components/install-cloudwatch-agent.yml', { LogGroupPrefix: '/acme-platform/web-server' }],
      ['components/test-nginx-running.yml', {}],
      ['components/test-http-port.yml', {}],
    ]);
    expect(web.recipe.rootVolume).toEqual({ sizeGiB: 20, volumeType: 'gp3', deviceName: '/dev/xvda', kmsKeyId: 'alias/aws/ebs' });
  });

  it('names the pipeline field and the path of a missing component document', async () => {
    // Prepare
    const path = project({
      'goldsmith.config.ts': configFile([pipeline({ components: ['components/update.yml', 'components/missing.yml'] })]),
      'components/update.yml': UPDATE,
    });

    // Act
    const problems = await problemsOf(path);

    // Assess
    expect(problems).toEqual([
      'pipelines[0].components[1]: component document not found (got "components/missing.yml"). Create the file, or fix the path (it is relative to goldsmith.config.ts)',
    ]);
  });

  it('names the file and line of a bad component document', async () => {
    // Prepare
    const path = project({
      'goldsmith.config.ts': configFile([pipeline({ components: ['components/update.yml'] })]),
      'components/update.yml': UPDATE.replace('UpdateOS', 'UpdateOs'),
    });

    // Act
    const problems = await problemsOf(path);

    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^components\/update\.yml:6: phases\[0\]\.steps\[0\]\.action: unknown action 'UpdateOs'\. Known actions: .*\. Did you mean 'UpdateOS'\?$/,
    );
  });

  it('rejects parameters the document does not define, and a required one left out', async () => {
    // Prepare
    const path = project({
      'goldsmith.config.ts': configFile([pipeline({ components: [{ path: 'components/timezone.yml', parameters: { Timezone: 'Europe/Berlin' } }] })]),
      'components/timezone.yml': TIMEZONE,
    });

    // Act
    const problems = await problemsOf(path);

    // Assess
    expect(problems).toEqual([
      "pipelines[0].components[0].parameters.Timezone: is not a parameter of components/timezone.yml. Its parameters: TimeZone. Did you mean 'TimeZone'?",
      "pipelines[0].components[0].parameters: needs a value for 'TimeZone', which components/timezone.yml defines without a default. Add parameters: { TimeZone: '…' }",
    ]);
  });

  it('rejects a test component without a test phase and a build component with only one', async () => {
    // Prepare
    const path = project({
      'goldsmith.config.ts': configFile([pipeline({ components: ['components/http-test.yml'], testComponents: ['components/update.yml'] })]),
      'components/update.yml': UPDATE,
      'components/http-test.yml': HTTP_TEST,
    });

    // Act
    const problems = await problemsOf(path);

    // Assess
    expect(problems).toEqual([
      'pipelines[0].components[0]: components/http-test.yml has only a test phase. List it under testComponents',
      'pipelines[0].testComponents[0]: components/update.yml has no test phase, so it would never run as a test. Add a test phase, or list it under components',
      'pipelines[0].testComponents[0]: components/update.yml has a build phase, which Image Builder would run while building the image. A test component only tests: move those phases to a build component',
    ]);
  });

  it('builds a chained pipeline on its parent stable channel', async () => {
    // Prepare
    const path = project({
      'goldsmith.config.ts': configFile([
        pipeline({ name: 'base', components: ['components/update.yml'] }),
        { name: 'app', parentImage: 'pipeline:base', components: ['components/update.yml'], testComponents: ['components/http-test.yml'] },
      ]),
      'components/update.yml': UPDATE,
      'components/http-test.yml': HTTP_TEST,
    });

    // Act
    const loaded = await loadConfig(path);

    // Assess
    const app = loaded.pipelines[1];
    expect(app.dependsOn).toBe('base');
    expect(app.parentImage).toEqual({
      kind: 'pipeline',
      pipeline: 'base',
      parameterName: '/goldsmith/base/stable',
      recipeParentImage: 'ssm:/goldsmith/base/stable',
    });
    expect(app.recipe.parentImage).toBe('ssm:/goldsmith/base/stable');
    expect(loaded.components).toHaveLength(2);
  });

  it('keeps versions for unchanged content and changes them with the content', async () => {
    // Prepare
    const files = { 'goldsmith.config.ts': configFile([pipeline({ components: ['components/update.yml'] })]), 'components/update.yml': UPDATE };
    const first = await loadConfig(project(files));
    const same = await loadConfig(project(files));

    // Act
    const changed = await loadConfig(project({ ...files, 'components/update.yml': `${UPDATE}        onFailure: Continue\n` }));

    // Assess
    expect(same.components[0].version).toBe(first.components[0].version);
    expect(same.pipelines[0].recipe.version).toBe(first.pipelines[0].recipe.version);
    expect(changed.components[0].version).not.toBe(first.components[0].version);
    expect(changed.pipelines[0].recipe.version).not.toBe(first.pipelines[0].recipe.version);
  });

  it('reports config problems with the config file as their source', async () => {
    // Prepare
    const path = project({ 'goldsmith.config.ts': configFile([pipeline({ components: ['components/update.yml'], retention: { keep: 0 } })]) });

    // Act
    const error = await loadConfig(path).catch((thrown: unknown) => thrown);

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).source).toBe(path);
    expect((error as ConfigError).message).toBe(
      [`Invalid Goldsmith config (${path}): 1 problem. Fix each one below, then run again.`, 'pipelines[0].retention.keep: must be at least 1 (got 0)'].join(
        '\n',
      ),
    );
  });

  it('validates a plain default export without defineConfig', async () => {
    // Prepare
    const path = project({
      'goldsmith.config.ts': `export default ${JSON.stringify({ project: 'acme', region: 'eu-central-1', pipelines: [pipeline({ components: ['components/update.yml'], architecture: 'sparc' })] })};\n`,
    });

    // Act
    const problems = await problemsOf(path);

    // Assess
    expect(problems).toEqual(['pipelines[0].architecture: must be one of "x86_64", "arm64" (got "sparc")']);
  });

  it('says when the config file is missing, has no default export or does not load', async () => {
    // Prepare
    const missing = join(tmpdir(), 'goldsmith-no-such-dir', 'goldsmith.config.ts');
    const noDefault = project({ 'goldsmith.config.ts': 'export const config = {};\n' });
    const broken = project({ 'goldsmith.config.ts': 'export default {\n' });

    // Act
    const problems = await Promise.all([missing, noDefault, broken].map(problemsOf));

    // Assess
    expect(problems[0]).toEqual([`${missing}: cannot be found. Create goldsmith.config.ts, or pass the path of yours`]);
    expect(problems[1]).toEqual([`${noDefault}: has no default export. End it with export default defineConfig({ … })`]);
    expect(problems[2]).toHaveLength(1);
    expect(problems[2][0]).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot be loaded: .+\\. Fix the file`));
  });

  it('loads a config again after it changed', async () => {
    // Prepare
    const path = project({ 'goldsmith.config.ts': configFile([pipeline({ components: ['components/update.yml'] })]), 'components/update.yml': UPDATE });
    const before = await loadConfig(path);
    writeFileSync(path, configFile([pipeline({ components: ['components/update.yml'], retention: { keep: 7 } })]));
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));

    // Act
    const after = await loadConfig(path);

    // Assess
    expect(before.config.pipelines[0].retention.keep).toBe(3);
    expect(after.config.pipelines[0].retention.keep).toBe(7);
  });
});
