/**
 * The story of one release in a few lines: outcome and timings, the AMI per region, the channels with
 * their previous values, the launch templates and refreshes of its waves, what it told people, and what
 * it retired. `npm start`, `goldsmith run --wait` and `goldsmith status` print it.
 */
import type { ChannelState, ReleaseConsole, ReleaseView } from '../adapters/aws/release-console.ts';
import type { ResolvedPipeline } from '../core/config/index.ts';
import type { RegionalAmi } from '../core/release/contracts.ts';
import type { Connection } from './connection.ts';
import type { InboxMessage } from './notification-inbox.ts';
import { causeMessage, formatDuration, formatSimTime } from './progress.ts';

export interface ReportContext {
  connection: Connection;
  releases: ReleaseConsole;
  pipeline: ResolvedPipeline;
  /** Real milliseconds the release took, when this process watched it. */
  realMs?: number;
  /** Notifications the local inbox received for this release. */
  messages?: readonly InboxMessage[];
}

export async function releaseReport(release: ReleaseView, context: ReportContext): Promise<string[]> {
  const { pipeline } = context;
  const lines = [`Release ${release.name} of ${pipeline.config.name}: ${release.status}`];
  const trigger = release.input?.trigger;
  if (trigger) lines.push(`  trigger        ${trigger.kind}${trigger.detail ? ` (${trigger.detail})` : ''}`);
  const simulated = release.stopDate ? formatDuration(release.stopDate.getTime() - release.startDate.getTime()) : 'running';
  const span = `${formatSimTime(release.startDate.getTime())} → ${release.stopDate ? formatSimTime(release.stopDate.getTime()) : 'now'}`;
  lines.push(
    `  time           ${context.connection.kind === 'local' ? 'simulated ' : ''}${simulated} (${span})${context.realMs === undefined ? '' : `, real ${(context.realMs / 1000).toFixed(1)} s`}`,
  );
  if (release.output?.plan?.reason) lines.push(`  plan           ${release.output.plan.action}: ${release.output.plan.reason}`);
  if (release.error) lines.push(`  error          ${release.error}${release.cause ? `: ${causeMessage(release.cause)}` : ''}`);
  const amis = release.output?.image?.amis;
  if (amis?.length) lines.push(`  AMIs           ${amiList(amis)}`);

  lines.push('  channels');
  for (const channel of ['candidate', 'stable'] as const) {
    const name = pipeline.config.channels[channel];
    for (const region of pipeline.config.distribution.regions) {
      lines.push(`    ${channel.padEnd(10)} ${region.padEnd(15)} ${channelLine(await context.releases.channelState(region, name))}`);
    }
  }

  const targets = pipeline.config.rollout.waves.flatMap((wave) => wave.targets.map((target) => ({ wave: wave.name, target })));
  if (targets.length) {
    lines.push('  rollout');
    for (const { wave, target } of targets) {
      const template = await context.releases.launchTemplateState(target.launchTemplate);
      const version = template.defaultVersion === undefined ? 'not found' : `default v${template.defaultVersion} of ${template.latestVersion}`;
      lines.push(`    ${wave.padEnd(12)} launch template ${target.launchTemplate}: ${version}`);
      for (const group of target.autoScalingGroups) {
        const refresh = await context.releases.latestRefresh(group);
        const result = refresh
          ? `${refresh.status}${refresh.percentageComplete === undefined ? '' : ` ${refresh.percentageComplete}%`}${refresh.statusReason ? ` (${refresh.statusReason})` : ''}`
          : 'no instance refresh';
        lines.push(`    ${''.padEnd(12)} group ${group}: ${result}`);
      }
    }
  }

  const messages = context.messages ?? [];
  if (messages.length) {
    lines.push(`  notifications  ${count(messages, 'slack')} Slack, ${count(messages, 'sns')} SNS`);
    for (const message of messages) lines.push(`    ${message.channel === 'slack' ? 'Slack' : 'SNS  '}  ${oneLine(message.subject ?? message.text)}`);
  }
  const retired = release.output?.retired;
  if (retired) {
    const deprecated = retired.deprecated?.length ? amiList(retired.deprecated) : 'none';
    const deregistered = retired.deregistered?.length ? amiList(retired.deregistered) : 'none';
    lines.push(`  retired        deprecated: ${deprecated}; deregistered: ${deregistered}; kept ${retired.kept ?? 0}`);
  }
  return lines;
}

function channelLine(state: ChannelState): string {
  if (!state.current) return '(not published yet)';
  const previous = state.previous ? `, was ${state.previous.value} v${state.previous.version}` : '';
  return `${state.current.value} v${state.current.version}${previous}`;
}

function amiList(amis: readonly RegionalAmi[]): string {
  return amis.map((ami) => `${ami.region} ${ami.imageId}`).join(', ');
}

const count = (messages: readonly InboxMessage[], channel: InboxMessage['channel']) => messages.filter((m) => m.channel === channel).length;

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}

/** The inbox messages about a release: the ones that name it. */
export function messagesAbout(messages: readonly InboxMessage[], releaseId: string): InboxMessage[] {
  return messages.filter((m) => `${m.subject ?? ''} ${m.text} ${JSON.stringify(m.blocks ?? [])}`.includes(releaseId));
}
