import type {
  ListTargetsByRuleCommandInput,
  ListTargetsByRuleCommandOutput,
  PutTargetsCommandInput,
  PutTargetsCommandOutput,
  PutTargetsResultEntry,
  RemoveTargetsCommandInput,
  RemoveTargetsCommandOutput,
  RemoveTargetsResultEntry,
  Target,
} from '@aws-sdk/client-eventbridge';
import type { RequestContext } from '../../service.ts';
import { Constraints } from './constraints.ts';
import { invalidNextToken, targetLimitExceeded, validation } from './errors.ts';
import { isValidPath, unknownPlaceholders } from './input-transformer.ts';
import { paginate } from './pagination.ts';
import { checkBusName, RULE_NAME } from './rule-operations.ts';
import { eventsState, findRule } from './store.ts';
import { parseArn } from './target-invocation.ts';

type Output<T> = Omit<T, '$metadata'>;

const TARGETS_PER_RULE = 5;

function checkTargets(input: PutTargetsCommandInput): void {
  const constraints = new Constraints()
    .required(input.Rule, 'rule')
    .length(input.Rule, 'rule', 1, 64)
    .pattern(input.Rule, 'rule', RULE_NAME)
    .required(input.Targets, 'targets')
    .length(input.Targets, 'targets', 1, 10);
  checkBusName(constraints, input.EventBusName);
  (input.Targets ?? []).forEach((target, i) => {
    const at = `targets.${i + 1}.member`;
    constraints
      .required(target.Id, `${at}.id`)
      .length(target.Id, `${at}.id`, 1, 64)
      .pattern(target.Id, `${at}.id`, RULE_NAME)
      .required(target.Arn, `${at}.arn`)
      .length(target.Arn, `${at}.arn`, 1, 1600)
      .length(target.Input, `${at}.input`, 0, 8192)
      .length(target.InputPath, `${at}.inputPath`, 0, 256)
      .range(target.RetryPolicy?.MaximumRetryAttempts, `${at}.retryPolicy.maximumRetryAttempts`, 0, 185)
      .range(target.RetryPolicy?.MaximumEventAgeInSeconds, `${at}.retryPolicy.maximumEventAgeInSeconds`, 60, 86400);
    if (target.InputTransformer) constraints.required(target.InputTransformer.InputTemplate, `${at}.inputTransformer.inputTemplate`);
  });
  constraints.check();
}

/** Checks that fail the whole request rather than one entry. */
function checkTargetInput(target: Target): void {
  const given = [target.Input, target.InputPath, target.InputTransformer].filter((x) => x !== undefined).length;
  if (given > 1) throw validation(`Only one of Input, InputPath, or InputTransformer must be provided for target ${target.Id}.`);
  if (target.Input !== undefined) {
    try {
      JSON.parse(target.Input);
    } catch {
      throw validation(`Input for target ${target.Id} is not valid JSON text.`);
    }
  }
  if (target.InputPath !== undefined && !isValidPath(target.InputPath)) throw validation(`InputPath for target ${target.Id} is not a valid JSON path.`);
  const transformer = target.InputTransformer;
  if (!transformer) return;
  for (const [key, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    if (/^aws\./i.test(key)) throw validation(`InputPathsMap for target ${target.Id} uses the reserved key ${key}: keys cannot start with "AWS.".`);
    if (!isValidPath(path)) throw validation(`InputPathsMap for target ${target.Id} has an invalid JSON path for ${key}: ${path}.`);
  }
  const [unknown] = unknownPlaceholders(transformer);
  if (unknown) throw validation(`InputTemplate for target ${target.Id} contains invalid placeholder ${unknown}.`);
}

/** Per-entry failures, as PutTargets reports them in FailedEntries. */
function entryFailure(target: Target): PutTargetsResultEntry | undefined {
  const arn = parseArn(target.Arn ?? '');
  if (!arn)
    return {
      TargetId: target.Id,
      ErrorCode: 'ValidationException',
      ErrorMessage: `Parameter ${target.Arn} is not valid. Reason: Provided Arn is not in correct format.`,
    };
  return undefined;
}

export function putTargets(input: PutTargetsCommandInput, ctx: RequestContext): Output<PutTargetsCommandOutput> {
  checkTargets(input);
  const rule = findRule(eventsState(ctx), input.Rule as string, input.EventBusName);
  const targets = input.Targets ?? [];
  for (const target of targets) checkTargetInput(target);
  const failed: PutTargetsResultEntry[] = [];
  const accepted: Target[] = [];
  for (const target of targets) {
    const failure = entryFailure(target);
    if (failure) failed.push(failure);
    else accepted.push(target);
  }
  const ids = new Set(rule.targets.map((t) => t.Id));
  const added = accepted.filter((t) => !ids.has(t.Id)).length;
  if (rule.targets.length + added > TARGETS_PER_RULE) throw targetLimitExceeded();
  for (const target of accepted) {
    const stored = JSON.parse(JSON.stringify(target)) as Target;
    const index = rule.targets.findIndex((t) => t.Id === target.Id);
    if (index >= 0) rule.targets[index] = stored;
    else rule.targets.push(stored);
  }
  return { FailedEntryCount: failed.length, FailedEntries: failed };
}

export function removeTargets(input: RemoveTargetsCommandInput, ctx: RequestContext): Output<RemoveTargetsCommandOutput> {
  const constraints = new Constraints()
    .required(input.Rule, 'rule')
    .length(input.Rule, 'rule', 1, 64)
    .pattern(input.Rule, 'rule', RULE_NAME)
    .required(input.Ids, 'ids')
    .length(input.Ids, 'ids', 1, 100);
  checkBusName(constraints, input.EventBusName).check();
  const rule = findRule(eventsState(ctx), input.Rule as string, input.EventBusName);
  const failed: RemoveTargetsResultEntry[] = [];
  for (const id of input.Ids ?? []) {
    const index = rule.targets.findIndex((t) => t.Id === id);
    if (index < 0)
      failed.push({ TargetId: id, ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Rule '${rule.name}' does not have a target with the Id '${id}'.` });
    else rule.targets.splice(index, 1);
  }
  return { FailedEntryCount: failed.length, FailedEntries: failed };
}

export function listTargetsByRule(input: ListTargetsByRuleCommandInput, ctx: RequestContext): Output<ListTargetsByRuleCommandOutput> {
  const constraints = new Constraints()
    .required(input.Rule, 'rule')
    .length(input.Rule, 'rule', 1, 64)
    .pattern(input.Rule, 'rule', RULE_NAME)
    .range(input.Limit, 'limit', 1, 100);
  checkBusName(constraints, input.EventBusName).check();
  const rule = findRule(eventsState(ctx), input.Rule as string, input.EventBusName);
  const { page, nextToken } = paginate(rule.targets, input.NextToken, input.Limit, invalidNextToken);
  return { Targets: page, NextToken: nextToken };
}
