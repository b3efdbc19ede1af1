import { GetImageCommand, ListImageScanFindingsCommand, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  DEFAULT_BUILD_MS,
  expectImageBuilderError,
  type ImageBuilderTestCloud,
  REGION,
  startImageBuilderTestCloud,
} from './imagebuilder-test-cloud.ts';

describe('Image Builder: ListImageScanFindings', () => {
  let t: ImageBuilderTestCloud;
  let imageArn: string;
  let pipelineArn: string;
  let clean: string;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
    const scanned = await t.pipeline({ pipeline: { imageScanningConfiguration: { imageScanningEnabled: true } } });
    const unscathed = await t.pipeline();
    pipelineArn = scanned.pipelineArn;
    t.cloud.setScenario({ builds: { [scanned.name]: { findings: { CRITICAL: 1, HIGH: 2, MEDIUM: 1, LOW: 3 } } } });
    imageArn = (await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: scanned.pipelineArn }))).imageBuildVersionArn as string;
    clean = (await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: unscathed.pipelineArn }))).imageBuildVersionArn as string;
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
  });
  afterAll(() => t.cloud.stop());

  it('lists the findings the scenario gives the image, as Inspector package vulnerabilities', async () => {
    // Act
    const { findings } = await t.ib.send(new ListImageScanFindingsCommand({ filters: [{ name: 'imageBuildVersionArn', values: [imageArn] }] }));
    // Assess
    expect(findings?.map((f) => f.severity)).toEqual(['CRITICAL', 'HIGH', 'HIGH', 'MEDIUM', 'LOW', 'LOW', 'LOW']);
    expect(new Set(findings?.map((f) => f.packageVulnerabilityDetails?.vulnerabilityId)).size).toBe(7);
    const critical = findings?.[0];
    expect(critical).toMatchObject({
      awsAccountId: ACCOUNT,
      imageBuildVersionArn: imageArn,
      imagePipelineArn: pipelineArn,
      type: 'PACKAGE_VULNERABILITY',
      fixAvailable: 'YES',
    });
    expect(critical?.packageVulnerabilityDetails?.vulnerabilityId).toMatch(/^CVE-\d{4}-\d{5}$/);
    expect(critical?.inspectorScore).toBeGreaterThanOrEqual(9);
    expect(critical?.firstObservedAt).toBeInstanceOf(Date);
  });

  it('filters by severity', async () => {
    // Act
    const { findings } = await t.ib.send(new ListImageScanFindingsCommand({ filters: [{ name: 'severity', values: ['HIGH'] }] }));
    // Assess
    expect(findings).toHaveLength(2);
    expect(findings?.every((f) => f.severity === 'HIGH' && f.inspectorScore !== undefined && f.inspectorScore >= 7 && f.inspectorScore < 9)).toBe(true);
  });

  it('reports a completed scan with no findings when the scenario gives none', async () => {
    // Act
    const { findings } = await t.ib.send(new ListImageScanFindingsCommand({ filters: [{ name: 'imageBuildVersionArn', values: [clean] }] }));
    const { image } = await t.ib.send(new GetImageCommand({ imageBuildVersionArn: clean }));
    // Assess
    expect(findings).toEqual([]);
    expect(image?.scanState).toEqual({ status: 'COMPLETED' });
  });

  it('emits "EC2 Image Builder CVE Detected" with the severity counts, before distribution', () => {
    // Act
    const cve = t.cloud.runtime.events.filter((e) => e['detail-type'] === 'EC2 Image Builder CVE Detected');
    // Assess
    expect(cve).toEqual([
      {
        version: '0',
        id: expect.any(String),
        'detail-type': 'EC2 Image Builder CVE Detected',
        source: 'aws.imagebuilder',
        account: ACCOUNT,
        time: expect.any(String),
        region: REGION,
        resources: [imageArn, pipelineArn],
        detail: { 'resource-id': expect.stringMatching(/^i-[0-9a-f]{17}$/), 'finding-severity-counts': { all: 7, critical: 1, high: 2, medium: 1 } },
      },
    ]);
    const ordered = t.cloud.runtime.events
      .filter((e) => e.resources.includes(imageArn))
      .map((e) => (e['detail-type'] === 'EC2 Image Builder CVE Detected' ? 'CVE' : (e.detail.state as { status: string }).status));
    expect(ordered).toEqual(['CREATING', 'BUILDING', 'TESTING', 'CVE', 'DISTRIBUTING', 'INTEGRATING', 'AVAILABLE']);
  });

  it('refuses more than one filter value', async () => {
    // Act
    const call = t.ib.send(new ListImageScanFindingsCommand({ filters: [{ name: 'severity', values: ['HIGH', 'CRITICAL'] }] }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'filters[0].values' is not valid. filters[0].values must have at most 1 item(s)",
    );
  });
});
