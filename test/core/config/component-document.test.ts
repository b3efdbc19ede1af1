import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  documentParameters,
  documentPhases,
  formatIssue,
  KNOWN_ACTIONS,
  parseComponentDocument,
  validateComponentDocument,
} from '../../../core/config/index.ts';

const COMPONENTS = new URL('../../../components/', import.meta.url);

const problemsOf = (text: string, file = 'components/test.yml') => parseComponentDocument(text, file).issues.map(formatIssue);

const document = (steps: string, extra = '') => `name: test
description: A test document.
schemaVersion: 1.0
${extra}phases:
  - name: build
    steps:
${steps}`;

describe('Config: component documents', () => {
  it.each(readdirSync(COMPONENTS).filter((file) => /\.ya?ml$/.test(file)))('accepts components/%s', (file) => {
    // Prepare
    const text = readFileSync(new URL(file, COMPONENTS), 'utf8');

    // Act
    const parsed = parseComponentDocument(text, `components/${file}`);

    // Assess
    expect(parsed.issues.map(formatIssue)).toEqual([]);
    expect(parsed.document?.schemaVersion).toBe(1);
  });

  it('names the file, line and reason of an unknown action', () => {
    // Prepare
    const text = [
      'name: install-nginx',
      'description: Installs nginx from the Amazon Linux 2023 repositories.',
      'schemaVersion: 1.0',
      'phases:',
      '  - name: build',
      '    steps:',
      '      - name: InstallNginx',
      '        action: ExecuteBash',
      "        inputs: { commands: ['dnf install -y nginx'] }",
      '      - name: WriteIndex',
      '        action: CreateFile',
      '        inputs: [{ path: /usr/share/nginx/html/index.html, content: ok }]',
      '      - name: EnableNginx',
      '        action: ExecuteBsh',
      '        inputs:',
      '          commands:',
      '            - systemctl enable nginx',
      '',
    ].join('\n');

    // Act
    const problems = problemsOf(text, 'components/install-nginx.yml');

    // Assess
    expect(problems).toHaveLength(1);
    expect(
      problems[0].startsWith("components/install-nginx.yml:14: phases[0].steps[2].action: unknown action 'ExecuteBsh'. Known actions: AppendFile, Assert, "),
    ).toBe(true);
    expect(problems[0].endsWith(", UpdateOS, WebDownload. Did you mean 'ExecuteBash'?")).toBe(true);
    expect(KNOWN_ACTIONS).toEqual(
      expect.arrayContaining(['ExecuteBash', 'ExecutePowerShell', 'ExecuteBinary', 'S3Download', 'UpdateOS', 'CreateFile', 'Reboot', 'SetRegistry']),
    );
  });

  it('names the line of a YAML syntax error', () => {
    // Prepare
    const text = document('      - name: Install\n        action: ExecuteBash\n        inputs: { commands: [dnf install -y nginx }\n');

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^components\/test\.yml:9: invalid YAML: /);
  });

  it('rejects a step name used twice in a phase', () => {
    // Prepare
    const text = document('      - name: Install\n        action: UpdateOS\n      - name: Install\n        action: Reboot\n');

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      "components/test.yml:9: phases[0].steps[1].name: step name 'Install' is already used by steps[0]. Step names must be unique in a phase",
    ]);
  });

  it('rejects a step name AWSTOE cannot reference', () => {
    // Prepare
    const text = document('      - name: Install nginx\n        action: UpdateOS\n');

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      'components/test.yml:7: phases[0].steps[0].name: step names must be 1–128 letters, digits, hyphens or underscores (got "Install nginx"). They are used in chaining expressions like {{ build.InstallNginx.outputs.stdout }}',
    ]);
  });

  it('rejects a reference to an undefined variable', () => {
    // Prepare
    const text = document(
      '      - name: Install\n        action: ExecuteBash\n        inputs:\n          commands:\n            - "dnf install -y \'{{ Pakage }}\'"\n',
      'parameters:\n  - Package:\n      type: string\n      default: nginx\n',
    );

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      "components/test.yml:15: phases[0].steps[0].inputs.commands[0]: refers to unknown variable 'Pakage'. Define it under parameters or constants. Did you mean 'Package'?",
    ]);
  });

  it('rejects a chaining expression to a step that does not exist', () => {
    // Prepare
    const text = document(
      '      - name: Download\n        action: S3Download\n        inputs:\n          - source: s3://bucket/app.rpm\n            destination: /tmp/app.rpm\n      - name: Install\n        action: ExecuteBash\n        inputs:\n          commands:\n            - "rpm -i \'{{ build.Downlod.inputs[0].destination }}\'"\n',
    );

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      "components/test.yml:16: phases[0].steps[1].inputs.commands[0]: refers to unknown step 'Downlod' of phase 'build'. Known steps: Download, Install. Did you mean 'Download'?",
    ]);
  });

  it('rejects an ExecuteBash step without commands', () => {
    // Prepare
    const text = document('      - name: Install\n        action: ExecuteBash\n        inputs:\n          command: dnf install -y nginx\n');

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual(['components/test.yml:9: phases[0].steps[0].inputs.commands: is required for ExecuteBash']);
  });

  it('rejects a step without the inputs its action needs', () => {
    // Prepare
    const text = document('      - name: Download\n        action: S3Download\n');

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual(['components/test.yml:7: phases[0].steps[0]: inputs are required for S3Download']);
  });

  it('rejects a phase Image Builder never runs', () => {
    // Prepare
    const text = 'schemaVersion: 1.0\nphases:\n  - name: deploy\n    steps:\n      - name: Update\n        action: UpdateOS\n';

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      "components/test.yml:3: phases[0].name: unknown phase 'deploy'. Image Builder runs only the build, validate, test phases of an AMI component.",
    ]);
  });

  it('rejects a schema version other than 1.0', () => {
    // Prepare
    const text = 'schemaVersion: 2.0\nphases:\n  - name: build\n    steps:\n      - name: Update\n        action: UpdateOS\n';

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual(['components/test.yml:1: schemaVersion: must be 1.0 (got 2). It is the only AWSTOE schema version']);
  });

  it('rejects a missing schema version and phases at the document', () => {
    // Prepare
    const text = 'name: empty\n';

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      'components/test.yml:1: schemaVersion: must be 1.0. It is the only AWSTOE schema version',
      'components/test.yml:1: phases: is required',
    ]);
  });

  it('rejects an unknown step field and suggests the closest', () => {
    // Prepare
    const text = document('      - name: Update\n        action: UpdateOS\n        timeout: 600\n');

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      "components/test.yml:9: phases[0].steps[0].timeout: unknown field. Known fields: name, action, timeoutSeconds, onFailure, maxAttempts, inputs, loop, if. Did you mean 'timeoutSeconds'?",
    ]);
  });

  it('rejects onFailure values AWSTOE does not know', () => {
    // Prepare
    const text = document('      - name: Update\n        action: UpdateOS\n        onFailure: abort\n');

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      `components/test.yml:9: phases[0].steps[0].onFailure: must be one of "Abort", "Continue", "Ignore" (got "abort"). Did you mean 'Abort'?`,
    ]);
  });

  it('rejects a timeout of 0', () => {
    // Prepare
    const text = document('      - name: Update\n        action: UpdateOS\n        timeoutSeconds: 0\n');

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      'components/test.yml:9: phases[0].steps[0].timeoutSeconds: must be -1 (no timeout) or at least 1 (got 0). AWSTOE allows no other value; the default is 7200',
    ]);
  });

  it('rejects a loop with both for and forEach, and a for loop that never ends', () => {
    // Prepare
    const text = document(
      "      - name: Each\n        action: ExecuteBash\n        loop:\n          for: { start: 1, end: 5, updateBy: -1 }\n          forEach: [a, b]\n        inputs:\n          commands: ['echo {{ loop.value }}']\n",
    );

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      'components/test.yml:9: phases[0].steps[0].loop: needs exactly one of for and forEach',
      'components/test.yml:10: phases[0].steps[0].loop.for.updateBy: never reaches end 5 from start 1 (got -1). Give updateBy the sign of end - start',
    ]);
  });

  it('rejects Linux-only and Windows-only actions in one document', () => {
    // Prepare
    const text = document(
      "      - name: Bash\n        action: ExecuteBash\n        inputs: { commands: ['true'] }\n      - name: Shell\n        action: ExecutePowerShell\n        inputs: { commands: ['$true'] }\n",
    );

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      'components/test.yml:11: phases[0].steps[1].action: ExecutePowerShell runs only on Windows, but phases[0].steps[0] runs only on Linux. A component targets one platform; split the document',
    ]);
  });

  it('rejects a timeout on ExecuteDocument', () => {
    // Prepare
    const text = document(
      '      - name: Nested\n        action: ExecuteDocument\n        timeoutSeconds: 60\n        inputs:\n          document: other.yml\n',
    );

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual(['components/test.yml:9: phases[0].steps[0].timeoutSeconds: must be -1 for ExecuteDocument (got 60). Leave it out']);
  });

  it('rejects a document larger than Image Builder takes inline', () => {
    // Prepare
    const text = document(`      - name: Big\n        action: ExecuteBash\n        inputs:\n          commands:\n            - "echo ${'x'.repeat(16_000)}"\n`);

    // Act
    const problems = problemsOf(text);

    // Assess
    expect(problems).toEqual([
      `components/test.yml:1: is ${text.length} characters long, more than the 16000 Image Builder accepts inline. Split it into several components`,
    ]);
  });

  it('throws a ConfigError naming file and line from validateComponentDocument', () => {
    // Prepare
    const text = document('      - name: Update\n        action: UpdateOs\n');

    // Act
    const act = () => validateComponentDocument(text, 'components/update.yml');

    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(
      /\ncomponents\/update\.yml:8: phases\[0\]\.steps\[0\]\.action: unknown action 'UpdateOs'\. Known actions: .* Did you mean 'UpdateOS'\?$/,
    );
  });

  it('returns the phases and parameters of a valid document', () => {
    // Prepare
    const text = readFileSync(new URL('set-timezone-and-locale.yml', COMPONENTS), 'utf8');

    // Act
    const parsed = validateComponentDocument(text, 'components/set-timezone-and-locale.yml');

    // Assess
    expect(documentPhases(parsed)).toEqual(['build', 'validate']);
    expect([...documentParameters(parsed).entries()]).toEqual([
      ['TimeZone', { default: 'UTC', description: 'IANA time zone name, e.g. Europe/Berlin.' }],
      ['Locale', { default: 'en_US.UTF-8', description: 'Value of LANG, e.g. de_DE.UTF-8.' }],
    ]);
  });
});
