import type {
  DeleteRuleCommandInput,
  DescribeRuleCommandInput,
  DescribeRuleCommandOutput,
  DisableRuleCommandInput,
  EnableRuleCommandInput,
  ListRuleNamesByTargetCommandInput,
  ListRuleNamesByTargetCommandOutput,
  ListRulesCommandInput,
  ListRulesCommandOutput,
  PutRuleCommandInput,
  PutRuleCommandOutput,
  Rule,
  TestEventPatternCommandInput,
  TestEventPatternCommandOutput,
} from '@aws-sdk/client-eventbridge';
import type { RequestContext } from '../../service.ts';
import { parseScheduleExpression } from '../scheduler/schedule-expression.ts';
import { Constraints } from './constraints.ts';
import {
  invalidEvent,
  invalidEventPattern,
  invalidNextToken,
  invalidScheduleExpression,
  patternOrScheduleRequired,
  ruleHasTargets,
  scheduleOnlyOnDefaultBus,
} from './errors.ts';
import { paginate } from './pagination.ts';
import { compilePattern, EventPatternError, matchesPattern } from './pattern.ts';
import { eventsState, findBus, findRule, type RuleRecord, ruleArn, ruleKey } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

export const RULE_NAME = '[\\.\\-_A-Za-z0-9]+';
export const BUS_NAME_OR_ARN = '(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+';
const RULE_STATES = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'] as const;

export function checkBusName(constraints: Constraints, name: string | undefined): Constraints {
  return constraints.length(name, 'eventBusName', 1, 1600).pattern(name, 'eventBusName', BUS_NAME_OR_ARN);
}

function checkRuleName(constraints: Constraints, name: string | undefined, at = 'name'): Constraints {
  return constraints.required(name, at).length(name, at, 1, 64).pattern(name, at, RULE_NAME);
}

function checkPattern(pattern: string): void {
  try {
    compilePattern(pattern);
  } catch (error) {
    if (error instanceof EventPatternError) throw invalidEventPattern(error.reason);
    throw error;
  }
}

export function putRule(input: PutRuleCommandInput, ctx: RequestContext): Output<PutRuleCommandOutput> {
  const constraints = checkRuleName(new Constraints(), input.Name)
    .length(input.ScheduleExpression, 'scheduleExpression', 0, 256)
    .length(input.EventPattern, 'eventPattern', 0, 4096)
    .oneOf(input.State, 'state', RULE_STATES)
    .length(input.Description, 'description', 0, 512)
    .length(input.RoleArn, 'roleArn', 1, 1600);
  checkBusName(constraints, input.EventBusName).check();
  const name = input.Name as string;
  const state = eventsState(ctx);
  const bus = findBus(state, input.EventBusName);
  if (!input.EventPattern && !input.ScheduleExpression) throw patternOrScheduleRequired();
  if (input.ScheduleExpression) {
    if (bus.name !== 'default') throw scheduleOnlyOnDefaultBus();
    try {
      parseScheduleExpression(input.ScheduleExpression, { allowAt: false });
    } catch {
      throw invalidScheduleExpression();
    }
  }
  if (input.EventPattern) checkPattern(input.EventPattern);
  const key = ruleKey(bus.name, name);
  const existing = state.rules[key];
  const now = ctx.cloud.clock.now();
  // PutRule replaces the rule: what is left out is not kept, except its targets and tags.
  const rule: RuleRecord = {
    name,
    eventBusName: bus.name,
    arn: ruleArn(ctx.accountId, ctx.region, bus.name, name),
    eventPattern: input.EventPattern || undefined,
    scheduleExpression: input.ScheduleExpression || undefined,
    state: input.State ?? 'ENABLED',
    description: input.Description,
    roleArn: input.RoleArn,
    createdBy: ctx.accountId,
    createdAt: existing?.createdAt ?? now,
    scheduleAnchor: now,
    targets: existing?.targets ?? [],
  };
  state.rules[key] = rule;
  if (!existing && input.Tags?.length) state.tags[rule.arn] = Object.fromEntries(input.Tags.map((t) => [t.Key ?? '', t.Value ?? '']));
  ctx.cloud.services.events.ruleScheduler.arm(ctx.accountId, ctx.region, rule);
  return { RuleArn: rule.arn };
}

function describe(rule: RuleRecord): Rule {
  return {
    Name: rule.name,
    Arn: rule.arn,
    EventPattern: rule.eventPattern,
    ScheduleExpression: rule.scheduleExpression,
    State: rule.state as Rule['State'],
    Description: rule.description,
    RoleArn: rule.roleArn,
    EventBusName: rule.eventBusName,
  };
}

export function describeRule(input: DescribeRuleCommandInput, ctx: RequestContext): Output<DescribeRuleCommandOutput> {
  checkBusName(checkRuleName(new Constraints(), input.Name), input.EventBusName).check();
  const rule = findRule(eventsState(ctx), input.Name as string, input.EventBusName);
  return { ...describe(rule), CreatedBy: rule.createdBy };
}

export function listRules(input: ListRulesCommandInput, ctx: RequestContext): Output<ListRulesCommandOutput> {
  const constraints = new Constraints()
    .length(input.NamePrefix, 'namePrefix', 1, 64)
    .pattern(input.NamePrefix, 'namePrefix', RULE_NAME)
    .range(input.Limit, 'limit', 1, 100);
  checkBusName(constraints, input.EventBusName).check();
  const state = eventsState(ctx);
  const bus = findBus(state, input.EventBusName);
  const rules = Object.values(state.rules)
    .filter((rule) => rule.eventBusName === bus.name && rule.name.startsWith(input.NamePrefix ?? ''))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(rules, input.NextToken, input.Limit, invalidNextToken);
  return { Rules: page.map(describe), NextToken: nextToken };
}

export function deleteRule(input: DeleteRuleCommandInput, ctx: RequestContext): Output<Record<string, never>> {
  checkBusName(checkRuleName(new Constraints(), input.Name), input.EventBusName).check();
  const state = eventsState(ctx);
  const bus = findBus(state, input.EventBusName);
  const key = ruleKey(bus.name, input.Name as string);
  const rule = state.rules[key];
  // Deleting a rule that does not exist succeeds, as on AWS.
  if (!rule) return {};
  if (rule.targets.length && !input.Force) throw ruleHasTargets();
  ctx.cloud.services.events.ruleScheduler.disarm(ctx.accountId, ctx.region, rule);
  delete state.rules[key];
  delete state.tags[rule.arn];
  return {};
}

function setState(input: EnableRuleCommandInput | DisableRuleCommandInput, ctx: RequestContext, ruleState: 'ENABLED' | 'DISABLED') {
  checkBusName(checkRuleName(new Constraints(), input.Name), input.EventBusName).check();
  const rule = findRule(eventsState(ctx), input.Name as string, input.EventBusName);
  rule.state = ruleState;
  ctx.cloud.services.events.ruleScheduler.arm(ctx.accountId, ctx.region, rule);
  return {};
}

export const enableRule = (input: EnableRuleCommandInput, ctx: RequestContext) => setState(input, ctx, 'ENABLED');
export const disableRule = (input: DisableRuleCommandInput, ctx: RequestContext) => setState(input, ctx, 'DISABLED');

export function listRuleNamesByTarget(input: ListRuleNamesByTargetCommandInput, ctx: RequestContext): Output<ListRuleNamesByTargetCommandOutput> {
  const constraints = new Constraints()
    .required(input.TargetArn, 'targetArn')
    .length(input.TargetArn, 'targetArn', 1, 1600)
    .range(input.Limit, 'limit', 1, 100);
  checkBusName(constraints, input.EventBusName).check();
  const state = eventsState(ctx);
  const bus = findBus(state, input.EventBusName);
  const names = Object.values(state.rules)
    .filter((rule) => rule.eventBusName === bus.name && rule.targets.some((t) => t.Arn === input.TargetArn))
    .map((rule) => rule.name)
    .sort();
  const { page, nextToken } = paginate(names, input.NextToken, input.Limit, invalidNextToken);
  return { RuleNames: page, NextToken: nextToken };
}

const EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export function testEventPattern(input: TestEventPatternCommandInput, ctx: RequestContext): Output<TestEventPatternCommandOutput> {
  void ctx;
  new Constraints().required(input.EventPattern, 'eventPattern').required(input.Event, 'event').check();
  checkPattern(input.EventPattern as string);
  let event: unknown;
  try {
    event = JSON.parse(input.Event as string);
  } catch {
    throw invalidEvent();
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event) || !EVENT_FIELDS.every((f) => f in event)) throw invalidEvent();
  return { Result: matchesPattern(compilePattern(input.EventPattern as string), event) };
}
