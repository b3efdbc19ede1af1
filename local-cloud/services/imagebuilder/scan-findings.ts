import { createHash } from 'node:crypto';
import type { ImageScanFinding } from '@aws-sdk/client-imagebuilder';
import { seededRandom } from '../../faults.ts';
import type { BuildBehaviour } from '../../scenario.ts';
import type { FindingRecord, ImageRecord } from './store.ts';

/**
 * The scan findings of an image, made up from the scenario's severity counts: plausible Inspector
 * package vulnerabilities, the same for the same image every time (seeded by its ARN).
 */
export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | 'UNTRIAGED';

const SEVERITIES: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNTRIAGED'];

/** CVSS v3 base score ranges per severity. */
const SCORES: Record<Severity, [number, number] | undefined> = {
  CRITICAL: [9.0, 10.0],
  HIGH: [7.0, 8.9],
  MEDIUM: [4.0, 6.9],
  LOW: [0.1, 3.9],
  INFORMATIONAL: [0, 0],
  UNTRIAGED: undefined,
};

const PACKAGES: Array<[name: string, version: string, release: string]> = [
  ['openssl-libs', '3.0.8', '1.amzn2023.0.12'],
  ['glibc', '2.34', '52.amzn2023.0.8'],
  ['curl-minimal', '8.5.0', '1.amzn2023.0.2'],
  ['libxml2', '2.10.4', '1.amzn2023.0.5'],
  ['kernel', '6.1.72', '96.166.amzn2023'],
  ['python3', '3.9.16', '1.amzn2023.0.6'],
  ['sudo', '1.9.15', '1.p5.amzn2023.0.1'],
  ['expat', '2.5.0', '1.amzn2023.0.3'],
  ['zlib', '1.2.11', '33.amzn2023.0.5'],
  ['libssh2', '1.11.0', '1.amzn2023.0.1'],
  ['krb5-libs', '1.21', '3.amzn2023.0.3'],
  ['systemd', '252.16', '1.amzn2023.0.1'],
  ['bind-libs', '9.16.48', '1.amzn2023.0.1'],
  ['libgcrypt', '1.10.2', '1.amzn2023.0.1'],
  ['vim-minimal', '9.0.2120', '1.amzn2023'],
  ['nghttp2', '1.57.0', '1.amzn2023.0.1'],
];

export function generateFindings(image: ImageRecord, counts: BuildBehaviour['findings'], now: number): FindingRecord[] {
  const random = seededRandom(createHash('sha256').update(image.arn).digest().readUInt32BE(0));
  const used = new Set<string>();
  const findings: FindingRecord[] = [];
  for (const severity of SEVERITIES) {
    for (let i = 0; i < (counts?.[severity] ?? 0); i++) {
      let id: string;
      do id = `CVE-${2022 + Math.floor(random() * 4)}-${10000 + Math.floor(random() * 40000)}`;
      while (used.has(id));
      used.add(id);
      const [packageName, packageVersion, release] = PACKAGES[Math.floor(random() * PACKAGES.length)];
      const range = SCORES[severity];
      const score = range && Math.round((range[0] + random() * (range[1] - range[0])) * 10) / 10;
      findings.push({
        vulnerabilityId: id,
        severity,
        packageName,
        packageVersion: `${packageVersion}-${release}`,
        fixedInVersion: `${packageVersion}-${bump(release)}`,
        score,
        firstObservedAt: now,
      });
    }
  }
  return findings;
}

/** Counts in the shape of the CVE Detected event and Inspector's SeverityCounts. */
export function severityCounts(findings: FindingRecord[]): { all: number; critical: number; high: number; medium: number } {
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  return { all: findings.length, critical: count('CRITICAL'), high: count('HIGH'), medium: count('MEDIUM') };
}

export function findingView(finding: FindingRecord, image: ImageRecord, accountId: string): ImageScanFinding {
  const vector = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
  const observed = new Date(finding.firstObservedAt);
  return {
    awsAccountId: accountId,
    imageBuildVersionArn: image.arn,
    imagePipelineArn: image.pipelineArn,
    type: 'PACKAGE_VULNERABILITY',
    title: `${finding.vulnerabilityId} - ${finding.packageName}`,
    description: `A vulnerability in ${finding.packageName} ${finding.packageVersion} may allow an attacker to compromise the instance.`,
    remediation: { recommendation: { text: `Update ${finding.packageName} to ${finding.fixedInVersion} or later.` } },
    severity: finding.severity,
    firstObservedAt: observed,
    updatedAt: observed,
    inspectorScore: finding.score,
    inspectorScoreDetails:
      finding.score === undefined
        ? undefined
        : { adjustedCvss: { scoreSource: 'NVD', cvssSource: 'NVD', version: '3.1', score: finding.score, scoringVector: vector, adjustments: [] } },
    packageVulnerabilityDetails: {
      vulnerabilityId: finding.vulnerabilityId,
      vulnerablePackages: [
        {
          name: finding.packageName,
          version: finding.packageVersion.split('-')[0],
          release: finding.packageVersion.split('-').slice(1).join('-'),
          epoch: 0,
          arch: image.parent.architecture === 'arm64' ? 'AARCH64' : 'X86_64',
          packageManager: 'OS',
          fixedInVersion: finding.fixedInVersion,
          remediation: `dnf update ${finding.packageName}`,
        },
      ],
      source: 'NVD',
      sourceUrl: `https://nvd.nist.gov/vuln/detail/${finding.vulnerabilityId}`,
      cvss: finding.score === undefined ? undefined : [{ baseScore: finding.score, scoringVector: vector, version: '3.1', source: 'NVD' }],
      vendorSeverity: finding.severity,
      referenceUrls: [`https://alas.aws.amazon.com/cve/html/${finding.vulnerabilityId}.html`],
    },
    fixAvailable: 'YES',
  };
}

function bump(release: string): string {
  return release.replace(/(\d+)(?!.*\d)/, (n) => String(Number(n) + 1));
}
