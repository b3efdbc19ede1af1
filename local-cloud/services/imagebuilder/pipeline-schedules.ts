import type { ClockTimer } from '../../clock.ts';
import type { CloudRuntime } from '../../cloud.ts';
import type { RegionalStore } from '../../service.ts';
import { type AwsCron, CronSyntaxError, nextCronTime, parseAwsCron } from '../scheduler/aws-cron.ts';
import { isTimeZone } from '../scheduler/time-zone.ts';
import { invalidParameterValue } from './errors.ts';
import type { BuildScope, ImageBuilds } from './image-builds.ts';
import { findComponent, findRecipe } from './lookup.ts';
import { resolveParentImage } from './parent-image.ts';
import type { ImageBuilderState, PipelineRecord } from './store.ts';

/** Checks a pipeline schedule as Image Builder does: an AWS six-field cron, in an IANA time zone. */
export function checkSchedule(expression: string | undefined, timezone: string | undefined): void {
  if (expression !== undefined) parseSchedule(expression);
  if (timezone !== undefined && !isTimeZone(timezone))
    throw invalidParameterValue('schedule.timezone', `'${timezone}' is not an IANA time zone, such as Etc/UTC or Europe/Paris.`);
}

function parseSchedule(expression: string): AwsCron {
  const body = /^cron\((.*)\)$/.exec(expression.trim())?.[1];
  try {
    if (body === undefined) throw new CronSyntaxError('it must be a cron expression, such as cron(0 0 * * ? *)');
    return parseAwsCron(body);
  } catch (error) {
    if (!(error instanceof CronSyntaxError)) throw error;
    throw invalidParameterValue('schedule.scheduleExpression', `The schedule expression is not valid: ${error.message}.`);
  }
}

/**
 * Runs pipelines on their schedules, as Image Builder does: at each time the cron matches, an enabled
 * pipeline starts a SCHEDULED build, either every time (EXPRESSION_MATCH_ONLY) or only when the recipe
 * resolves to a newer parent image or component than its last AVAILABLE image (the default condition).
 */
export class PipelineSchedules {
  private readonly cloud: CloudRuntime;
  private readonly store: RegionalStore<ImageBuilderState>;
  private readonly builds: ImageBuilds;
  private readonly timers = new Map<string, ClockTimer>();

  constructor(cloud: CloudRuntime, store: RegionalStore<ImageBuilderState>, builds: ImageBuilds) {
    this.cloud = cloud;
    this.store = store;
    this.builds = builds;
  }

  /** When the pipeline runs next, if it is enabled and scheduled. */
  nextRun(pipeline: PipelineRecord, afterMs = this.cloud.clock.now()): number | undefined {
    const expression = pipeline.schedule?.scheduleExpression;
    if (pipeline.status !== 'ENABLED' || expression === undefined) return undefined;
    return nextCronTime(parseSchedule(expression), afterMs, pipeline.schedule?.timezone ?? 'UTC');
  }

  /** (Re)arms a pipeline's next run after it was created, updated or deleted. */
  arm(scope: BuildScope, arn: string): void {
    const key = `${scope.accountId}/${scope.region}/${arn}`;
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
    const pipeline = this.store.get(scope.accountId, scope.region).pipelines[arn];
    const due = pipeline && this.nextRun(pipeline);
    if (!pipeline || due === undefined) return;
    const version = pipeline.dateUpdated ?? pipeline.dateCreated;
    this.timers.set(
      key,
      this.cloud.clock.setTimeout(() => this.run(scope, arn, version, due), due - this.cloud.clock.now()),
    );
  }

  resume(): void {
    for (const { accountId, region, state } of this.store.entries()) for (const arn of Object.keys(state.pipelines)) this.arm({ accountId, region }, arn);
  }

  /**
   * Decides synchronously whenever it can, so that a run starts at its due time even while the clock
   * jumps; only a parent image read from SSM or EC2 waits for them.
   */
  private run(scope: BuildScope, arn: string, version: number, at: number): void {
    const pipeline = this.store.get(scope.accountId, scope.region).pipelines[arn];
    // A pipeline updated or recreated since this run was armed has armed its own.
    if (!pipeline || (pipeline.dateUpdated ?? pipeline.dateCreated) !== version) return;
    this.arm(scope, arn);
    const condition = pipeline.schedule?.pipelineExecutionStartCondition ?? 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE';
    const updated = condition === 'EXPRESSION_MATCH_ONLY' || this.dependenciesUpdated(scope, pipeline);
    const log = (error: unknown) => this.cloud.log(`imagebuilder: scheduled run of ${arn} failed: ${String(error)}`);
    if (updated === true) this.startBuild(scope, pipeline, at).catch(log);
    else if (updated !== false) updated.then((yes) => (yes ? this.startBuild(scope, pipeline, at) : undefined)).catch(log);
  }

  private async startBuild(scope: BuildScope, pipeline: PipelineRecord, at: number): Promise<void> {
    const recipe = findRecipe({ cloud: this.cloud, ...scope }, pipeline.imageRecipeArn);
    if (!recipe) return;
    const image = this.builds.create(scope, pipeline, recipe, { buildType: 'SCHEDULED', at });
    pipeline.dateLastRun = at;
    await this.builds.start(scope, image.arn);
  }

  /** Whether the recipe now resolves to other components or another parent AMI than the last AVAILABLE image had. */
  private dependenciesUpdated(scope: BuildScope, pipeline: PipelineRecord): boolean | Promise<boolean> {
    const lookup = { cloud: this.cloud, ...scope };
    const last = Object.values(this.store.get(scope.accountId, scope.region).images)
      .filter((image) => image.pipelineArn === pipeline.arn && image.status === 'AVAILABLE')
      .sort((a, b) => b.dateCreated - a.dateCreated)[0];
    if (!last) return true;
    const recipe = findRecipe(lookup, pipeline.imageRecipeArn);
    if (!recipe) return false;
    if (recipe.arn !== last.recipe.arn) return true;
    const components = recipe.components.map((c) => findComponent(lookup, c.componentArn as string)?.arn);
    if (components.join() !== last.components.map((c) => c.arn).join()) return true;
    // An AMI ID never resolves to another AMI.
    if (recipe.parentImage.startsWith('ami-')) return false;
    return resolveParentImage(lookup, recipe.parentImage).then((parent) => parent.imageId !== undefined && parent.imageId !== last.parent.imageId);
  }
}
