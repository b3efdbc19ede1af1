import type {
  ImageScanFindingAggregation,
  ListImageScanFindingAggregationsCommandInput,
  ListImageScanFindingAggregationsCommandOutput,
  ListImageScanFindingsCommandInput,
  ListImageScanFindingsCommandOutput,
} from '@aws-sdk/client-imagebuilder';
import type { RequestContext } from '../../../service.ts';
import { invalidParameterValue } from '../errors.ts';
import { applyFilters } from '../filters.ts';
import { validateInput } from '../input-validation.ts';
import { stateOf } from '../lookup.ts';
import { paginate } from '../pagination.ts';
import { findingView, severityCounts } from '../scan-findings.ts';
import type { FindingRecord, ImageRecord } from '../store.ts';

type Output<T> = Omit<T, '$metadata'>;

const SEVERITY_ORDER = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNTRIAGED'];

type Located = { image: ImageRecord; finding: FindingRecord };

/** Every finding of the account's images in the region, oldest image first, most severe first within each. */
function allFindings(ctx: RequestContext): Located[] {
  return Object.values(stateOf(ctx).images)
    .sort((a, b) => a.dateCreated - b.dateCreated || a.arn.localeCompare(b.arn))
    .flatMap((image) =>
      [...image.findings]
        .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.vulnerabilityId.localeCompare(b.vulnerabilityId))
        .map((finding) => ({ image, finding })),
    );
}

/** Lists the findings of the account's image scans in the region. */
export function listImageScanFindings(input: ListImageScanFindingsCommandInput, ctx: RequestContext): Output<ListImageScanFindingsCommandOutput> {
  validateInput('ListImageScanFindings', input);
  const filtered = applyFilters(allFindings(ctx), input.filters, {
    imageBuildVersionArn: ({ image }) => image.arn,
    imagePipelineArn: ({ image }) => image.pipelineArn,
    vulnerabilityId: ({ finding }) => finding.vulnerabilityId,
    severity: ({ finding }) => finding.severity,
  });
  const { page, nextToken } = paginate(filtered, input);
  return { requestId: ctx.requestId, findings: page.map(({ image, finding }) => findingView(finding, image, ctx.accountId)), nextToken };
}

/** The key each aggregation groups findings by, named as the filter that asks for it. */
const AGGREGATIONS: Record<string, (value: string, findings: Located[]) => ImageScanFindingAggregation> = {
  accountId: (accountId, findings) => ({ accountAggregation: { accountId, severityCounts: severityCounts(findings.map((f) => f.finding)) } }),
  imagePipelineArn: (imagePipelineArn, findings) => ({
    imagePipelineAggregation: {
      imagePipelineArn,
      severityCounts: severityCounts(findings.filter((f) => f.image.pipelineArn === imagePipelineArn).map((f) => f.finding)),
    },
  }),
  imageBuildVersionArn: (imageBuildVersionArn, findings) => ({
    imageAggregation: {
      imageBuildVersionArn,
      severityCounts: severityCounts(findings.filter((f) => f.image.arn === imageBuildVersionArn).map((f) => f.finding)),
    },
  }),
  vulnerabilityId: (vulnerabilityId, findings) => ({
    vulnerabilityIdAggregation: {
      vulnerabilityId,
      severityCounts: severityCounts(findings.filter((f) => f.finding.vulnerabilityId === vulnerabilityId).map((f) => f.finding)),
    },
  }),
};

/**
 * Counts findings by severity for what the filter names (one aggregation per filter value), or for the
 * whole account without a filter.
 */
export function listImageScanFindingAggregations(
  input: ListImageScanFindingAggregationsCommandInput,
  ctx: RequestContext,
): Output<ListImageScanFindingAggregationsCommandOutput> {
  validateInput('ListImageScanFindingAggregations', input);
  const type = input.filter?.name ?? 'accountId';
  const aggregate = AGGREGATIONS[type];
  if (!aggregate) throw invalidParameterValue('filter.name', `Valid filter names are: ${Object.keys(AGGREGATIONS).join(', ')}.`);
  const findings = allFindings(ctx);
  const values = input.filter ? (input.filter.values ?? []) : [ctx.accountId];
  const { page, nextToken } = paginate(
    values.map((value) => aggregate(value, type === 'accountId' && value !== ctx.accountId ? [] : findings)),
    input,
  );
  return { requestId: ctx.requestId, aggregationType: type, responses: page, nextToken };
}
