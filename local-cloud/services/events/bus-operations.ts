import type {
  CreateEventBusCommandInput,
  CreateEventBusCommandOutput,
  DeleteEventBusCommandInput,
  DescribeEventBusCommandInput,
  DescribeEventBusCommandOutput,
  EventBus,
  ListEventBusesCommandInput,
  ListEventBusesCommandOutput,
} from '@aws-sdk/client-eventbridge';
import type { RequestContext } from '../../service.ts';
import { Constraints } from './constraints.ts';
import { busAlreadyExists, cannotDeleteDefaultBus, invalidNextToken } from './errors.ts';
import { paginate } from './pagination.ts';
import { checkBusName } from './rule-operations.ts';
import { busArn, busNameOf, type EventBusRecord, eventsState, findBus } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

const BUS_NAME = '[/\\.\\-_A-Za-z0-9]+';

/** Members of CreateEventBus newer than the published model the protocol layer reads. */
interface CreateEventBusExtras {
  Description?: string;
  KmsKeyIdentifier?: string;
  DeadLetterConfig?: { Arn?: string };
}

export function createEventBus(input: CreateEventBusCommandInput & CreateEventBusExtras, ctx: RequestContext): Output<CreateEventBusCommandOutput> {
  new Constraints()
    .required(input.Name, 'name')
    .length(input.Name, 'name', 1, 256)
    .pattern(input.Name, 'name', BUS_NAME)
    .length(input.Description, 'description', 0, 512)
    .check();
  const state = eventsState(ctx);
  const name = input.Name as string;
  if (state.buses[name]) throw busAlreadyExists(name);
  const now = ctx.cloud.clock.now();
  const bus: EventBusRecord = {
    name,
    arn: busArn(ctx.accountId, ctx.region, name),
    description: input.Description,
    kmsKeyIdentifier: input.KmsKeyIdentifier,
    deadLetterArn: input.DeadLetterConfig?.Arn,
    createdAt: now,
    lastModifiedAt: now,
  };
  state.buses[name] = bus;
  if (input.Tags?.length) state.tags[bus.arn] = Object.fromEntries(input.Tags.map((t) => [t.Key ?? '', t.Value ?? '']));
  return {
    EventBusArn: bus.arn,
    Description: bus.description,
    KmsKeyIdentifier: bus.kmsKeyIdentifier,
    DeadLetterConfig: bus.deadLetterArn ? { Arn: bus.deadLetterArn } : undefined,
  };
}

function describe(bus: EventBusRecord): EventBus & { KmsKeyIdentifier?: string; DeadLetterConfig?: { Arn: string } } {
  return {
    Name: bus.name,
    Arn: bus.arn,
    Description: bus.description,
    KmsKeyIdentifier: bus.kmsKeyIdentifier,
    DeadLetterConfig: bus.deadLetterArn ? { Arn: bus.deadLetterArn } : undefined,
    CreationTime: new Date(bus.createdAt),
    LastModifiedTime: new Date(bus.lastModifiedAt),
  };
}

export function describeEventBus(input: DescribeEventBusCommandInput, ctx: RequestContext): Output<DescribeEventBusCommandOutput> {
  checkBusName(new Constraints(), input.Name).check();
  return describe(findBus(eventsState(ctx), input.Name));
}

export function listEventBuses(input: ListEventBusesCommandInput, ctx: RequestContext): Output<ListEventBusesCommandOutput> {
  new Constraints()
    .length(input.NamePrefix, 'namePrefix', 1, 256)
    .pattern(input.NamePrefix, 'namePrefix', BUS_NAME)
    .range(input.Limit, 'limit', 1, 100)
    .check();
  const buses = Object.values(eventsState(ctx).buses)
    .filter((bus) => bus.name.startsWith(input.NamePrefix ?? ''))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(buses, input.NextToken, input.Limit, invalidNextToken);
  return { EventBuses: page.map(describe), NextToken: nextToken };
}

export function deleteEventBus(input: DeleteEventBusCommandInput, ctx: RequestContext): Output<Record<string, never>> {
  new Constraints().required(input.Name, 'name').length(input.Name, 'name', 1, 256).pattern(input.Name, 'name', BUS_NAME).check();
  const name = busNameOf(input.Name);
  if (name === 'default') throw cannotDeleteDefaultBus();
  const state = eventsState(ctx);
  const bus = state.buses[name];
  // Deleting a bus that does not exist succeeds, as on AWS.
  if (!bus) return {};
  for (const [key, rule] of Object.entries(state.rules)) {
    if (rule.eventBusName !== name) continue;
    ctx.cloud.services.events.ruleScheduler.disarm(ctx.accountId, ctx.region, rule);
    delete state.tags[rule.arn];
    delete state.rules[key];
  }
  delete state.tags[bus.arn];
  delete state.buses[name];
  return {};
}
