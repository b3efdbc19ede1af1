import type { CloudEvent, CloudRuntime } from '../cloud.ts';
import type { ServiceDefinition } from '../service.ts';
import { AutoScalingService } from './autoscaling/index.ts';
import { CloudFormationService } from './cloudformation/index.ts';
import { DynamoDbService } from './dynamodb/index.ts';
import { Ec2Service } from './ec2/index.ts';
import { EventsService } from './events/index.ts';
import { ImageBuilderService } from './imagebuilder/index.ts';
import { LambdaService } from './lambda/index.ts';
import { SchedulerService } from './scheduler/index.ts';
import { SecretsManagerService } from './secretsmanager/index.ts';
import { SnsService } from './sns/index.ts';
import { SsmService } from './ssm/index.ts';
import { StepFunctionsService } from './stepfunctions/index.ts';
import { StsService } from './sts/index.ts';

/** State a service keeps and the local cloud persists under `.goldsmith/`. */
export interface Persistable {
  toJSON(): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: each store knows its own shape.
  load(data: any): void;
  clear(): void;
}

/** One emulated service, as the runtime holds it. */
export interface EmulatedService {
  readonly definition: ServiceDefinition;
  readonly store?: Persistable;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Re-arms timers for work still in flight after state is restored from disk or reset. */
  resume?(): void;
}

/** What EC2 offers other services beyond its API: registering an AMI as Image Builder's distribution does. */
export interface RegisterImageParams {
  name: string;
  description?: string;
  tags?: Record<string, string>;
  architecture?: 'x86_64' | 'arm64';
  encrypted?: boolean;
  kmsKeyId?: string;
  volumeSizeGiB?: number;
  /** `amazon` for the public images the local cloud seeds (e.g. Amazon Linux 2023). */
  ownerAlias?: string;
  ownerId?: string;
  public?: boolean;
}

export interface Ec2Internal extends EmulatedService {
  registerImage(accountId: string, region: string, params: RegisterImageParams): { imageId: string; snapshotIds: string[] };
}

export interface EventsInternal extends EmulatedService {
  /** Matches an event against the rules on its bus and delivers it to their targets. */
  deliver(event: CloudEvent): Promise<void>;
}

export function createServices(cloud: CloudRuntime) {
  return {
    sts: new StsService(cloud),
    ec2: new Ec2Service(cloud) as Ec2Service & Ec2Internal,
    imagebuilder: new ImageBuilderService(cloud),
    autoscaling: new AutoScalingService(cloud),
    ssm: new SsmService(cloud),
    sns: new SnsService(cloud),
    events: new EventsService(cloud) as EventsService & EventsInternal,
    scheduler: new SchedulerService(cloud),
    stepfunctions: new StepFunctionsService(cloud),
    lambda: new LambdaService(cloud),
    dynamodb: new DynamoDbService(cloud),
    secretsmanager: new SecretsManagerService(cloud),
    cloudformation: new CloudFormationService(cloud),
  } satisfies Record<string, EmulatedService>;
}

export type Services = ReturnType<typeof createServices>;
