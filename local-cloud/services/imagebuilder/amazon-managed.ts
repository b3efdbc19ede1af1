import { parseComponentDocument } from './component-document.ts';
import type { ComponentRecord } from './store.ts';

/**
 * A few of the components Amazon manages in every region (owner `aws`), so that recipes can use
 * `arn:aws:imagebuilder:<region>:aws:component/update-linux/x.x.x` as they do on AWS. AWS offers many
 * more; the local cloud serves the common ones. Their documents only stand in for Amazon's.
 */
interface CatalogEntry {
  name: string;
  version: string;
  platform: 'Linux' | 'Windows';
  description: string;
  data: string;
}

const bash = (phase: string, step: string, command: string) =>
  `schemaVersion: 1.0\nphases:\n  - name: ${phase}\n    steps:\n      - name: ${step}\n        action: ExecuteBash\n        inputs:\n          commands:\n            - ${command}\n`;
const powershell = (phase: string, step: string, command: string) =>
  `schemaVersion: 1.0\nphases:\n  - name: ${phase}\n    steps:\n      - name: ${step}\n        action: ExecutePowerShell\n        inputs:\n          commands:\n            - ${command}\n`;

const CATALOG: CatalogEntry[] = [
  {
    name: 'update-linux',
    version: '1.0.2',
    platform: 'Linux',
    description: 'Updates Linux with the latest security updates.',
    data: 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: UpdateOS\n        action: UpdateOS\n',
  },
  {
    name: 'aws-cli-version-2-linux',
    version: '1.0.4',
    platform: 'Linux',
    description: 'Installs the latest version of the AWS CLI version 2.',
    data: bash('build', 'InstallAWSCLI', 'dnf install -y awscli-2'),
  },
  {
    name: 'amazon-cloudwatch-agent-linux',
    version: '1.0.1',
    platform: 'Linux',
    description: 'Installs the latest version of the Amazon CloudWatch agent.',
    data: bash('build', 'InstallCloudWatchAgent', 'dnf install -y amazon-cloudwatch-agent'),
  },
  {
    name: 'reboot-linux',
    version: '1.0.1',
    platform: 'Linux',
    description: 'Reboots the instance.',
    data: 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Reboot\n        action: Reboot\n',
  },
  {
    name: 'simple-boot-test-linux',
    version: '1.0.0',
    platform: 'Linux',
    description: 'Tests that the instance boots.',
    data: bash('test', 'BootTest', 'echo booted'),
  },
  {
    name: 'reboot-test-linux',
    version: '1.0.0',
    platform: 'Linux',
    description: 'Tests that the instance can reboot.',
    data: 'schemaVersion: 1.0\nphases:\n  - name: test\n    steps:\n      - name: Reboot\n        action: Reboot\n',
  },
  {
    name: 'update-windows',
    version: '1.0.1',
    platform: 'Windows',
    description: 'Updates Windows with the latest security updates.',
    data: 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: UpdateWindows\n        action: UpdateOS\n',
  },
  {
    name: 'simple-boot-test-windows',
    version: '1.0.0',
    platform: 'Windows',
    description: 'Tests that the instance boots.',
    data: powershell('test', 'BootTest', 'Write-Output booted'),
  },
];

/** When Amazon published these builds, as far as the local cloud tells. */
const PUBLISHED = Date.UTC(2024, 0, 15);

export function amazonManagedComponents(region: string): ComponentRecord[] {
  return CATALOG.map((entry) => {
    const document = parseComponentDocument(entry.data);
    return {
      arn: `arn:aws:imagebuilder:${region}:aws:component/${entry.name}/${entry.version}/1`,
      name: entry.name,
      version: entry.version,
      build: 1,
      description: entry.description,
      platform: entry.platform,
      type: document.type,
      data: entry.data,
      parameters: document.parameters,
      phases: document.phases,
      owner: 'Amazon',
      dateCreated: PUBLISHED,
      tags: {},
    };
  });
}
