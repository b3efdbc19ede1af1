import { beforeAll, describe, expect, it } from 'vitest';
import { STACKS, type SynthesizedApp, synthesizedApp } from './synthesized-app.ts';

interface Suppression {
  stack: string;
  rule: string;
  reason: string;
  /** How many resources carry it. */
  resources: number;
}

/** Every cdk-nag suppression of the example fleet's app: adding one changes this list. */
const SUPPRESSIONS: Suppression[] = [
  {
    stack: 'ImageFactory',
    rule: 'AwsSolutions-IAM5',
    reason: "AWSTOE and Image Builder's own artifacts are in AWS-owned buckets named ec2imagebuilder*.",
    resources: 1,
  },
  {
    stack: 'ImageFactory',
    rule: 'AwsSolutions-IAM5',
    reason: "Component ARNs end in a version and build number; each ARN names one of the pipeline's components (or AWS-owned ones Image Builder adds).",
    resources: 1,
  },
  {
    stack: 'ImageFactory',
    rule: 'AwsSolutions-IAM5',
    reason: 'Image Builder writes build logs to log groups it names under /aws/imagebuilder/.',
    resources: 1,
  },
  {
    stack: 'ImageFactory',
    rule: 'AwsSolutions-IAM5',
    reason:
      'The SSM agent and Run Command channel APIs (ssmmessages, ec2messages, instance registration, inventory) have no resource-level permission; limited to the home Region. Image Builder decrypts component documents with a key chosen by the component owner; only calls via Image Builder with its encryption context are allowed.',
    resources: 1,
  },
  {
    stack: 'Notifications',
    rule: 'AwsSolutions-SMG4',
    reason: 'The secret holds a Slack incoming webhook URL that an operator puts there; Slack issues the URL, so Secrets Manager cannot rotate it.',
    resources: 1,
  },
  {
    stack: 'Release',
    rule: 'AwsSolutions-IAM5',
    reason: 'A test instance is launched into the subnet and security groups of the build configuration, chosen per pipeline or by the default VPC.',
    resources: 2,
  },
  {
    stack: 'Release',
    rule: 'AwsSolutions-IAM5',
    reason: 'AWS assigns these resource ids at run time (AMIs, snapshots, test instances); access is limited to resources tagged goldsmith:managed=true.',
    resources: 10,
  },
  {
    stack: 'Release',
    rule: 'AwsSolutions-IAM5',
    reason: 'Auto Scaling group ARNs carry a generated id before the group name; each ARN names one group of goldsmith.config.ts.',
    resources: 4,
  },
  {
    stack: 'Release',
    rule: 'AwsSolutions-IAM5',
    reason: "Execution ARNs end in the execution name chosen when it starts; the prefix names Goldsmith's own state machine.",
    resources: 10,
  },
  {
    stack: 'Release',
    rule: 'AwsSolutions-IAM5',
    reason:
      'IAM has no resource-level permission for these actions; they are limited to the Regions Goldsmith works in by aws:RequestedRegion. X-Ray trace segments, telemetry and sampling rules have no resource-level permission.',
    resources: 24,
  },
  {
    stack: 'Release',
    rule: 'AwsSolutions-IAM5',
    reason: 'Image Builder ARNs end in a version and build number assigned at build time; the prefix names the pipeline recipe.',
    resources: 10,
  },
  {
    stack: 'Release',
    rule: 'AwsSolutions-IAM5',
    reason: "Lambda creates a log stream per execution environment in the function's own log group.",
    resources: 52,
  },
  {
    stack: 'Release',
    rule: 'AwsSolutions-IAM5',
    reason: 'Launch templates named in goldsmith.config.ts have ids known only at run time; access is limited to templates tagged goldsmith:managed=true.',
    resources: 4,
  },
  {
    stack: 'Release',
    rule: 'AwsSolutions-IAM5',
    reason:
      'X-Ray trace segments, telemetry and sampling rules have no resource-level permission. Step Functions sets up log delivery with CloudWatch Logs vended-log APIs, which have no resource-level permission.',
    resources: 2,
  },
  {
    stack: 'Release',
    rule: 'AwsSolutions-IAM5',
    reason: 'X-Ray trace segments, telemetry and sampling rules have no resource-level permission.',
    resources: 28,
  },
];

function suppressionsOf(app: SynthesizedApp): Suppression[] {
  const counts = new Map<string, Suppression>();
  for (const stack of STACKS) {
    for (const resource of Object.values(app.templates[stack].Resources)) {
      const rules = (resource.Metadata?.cdk_nag as { rules_to_suppress?: Array<{ id: string; reason: string }> } | undefined)?.rules_to_suppress ?? [];
      for (const rule of rules) {
        const key = JSON.stringify([stack, rule.id, rule.reason]);
        const entry = counts.get(key) ?? { stack, rule: rule.id, reason: rule.reason, resources: 0 };
        entry.resources += 1;
        counts.set(key, entry);
      }
    }
  }
  return sorted([...counts.values()]);
}

function sorted(list: Suppression[]): Suppression[] {
  const key = (s: Suppression) => `${s.stack} ${s.rule} ${s.reason}`;
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

describe('Stacks: cdk-nag AwsSolutions', () => {
  let app: SynthesizedApp;
  beforeAll(async () => {
    app = await synthesizedApp();
  }, 240_000);

  it('reports no unsuppressed error or warning', () => {
    // Prepare
    const findings = app.messages.filter((m) => m.level === 'error' || m.level === 'warning');
    // Act
    const lines = findings.map((m) => `${m.level} ${m.path}: ${m.text.split('\n')[0]}`);
    // Assess
    expect(lines).toEqual([]);
  });

  it('checks every stack with the AwsSolutions pack and finds every resource compliant or suppressed', () => {
    // Prepare
    const report = app.nagReport;
    // Act
    const rules = new Set(report.map((row) => row.rule));
    const failing = report.filter((row) => row.compliance !== 'Compliant' && row.compliance !== 'Suppressed').map((row) => `${row.rule} ${row.resource}`);
    // Assess
    expect([...rules]).toEqual(
      expect.arrayContaining([
        'AwsSolutions-IAM4',
        'AwsSolutions-IAM5',
        'AwsSolutions-SF1',
        'AwsSolutions-SF2',
        'AwsSolutions-SNS3',
        'AwsSolutions-SQS4',
        'AwsSolutions-DDB3',
        'AwsSolutions-KMS5',
        'AwsSolutions-L1',
        'AwsSolutions-SMG4',
      ]),
    );
    expect(failing).toEqual([]);
  });

  it('makes exactly the listed suppressions, each with its reason', () => {
    // Prepare
    const expected = sorted(SUPPRESSIONS);
    // Act
    const actual = suppressionsOf(app);
    // Assess
    for (const suppression of actual) expect(suppression.reason.length, suppression.rule).toBeGreaterThan(40);
    expect(actual).toEqual(expected);
  });
});
