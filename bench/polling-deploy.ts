/**
 * Deploys the polling variant (polling-variant.ts) beside the deployed workflow, in the same cloud, with the
 * same functions and roles: `<release>-polling` starts `<rollout-wave>-polling` for its waves. While a
 * polling release runs, the rules that feed task tokens (image state change, instance refresh) are disabled,
 * as a polling design would not have them, so none of their work is counted.
 */
import { DisableRuleCommand, EnableRuleCommand } from '@aws-sdk/client-eventbridge';
import { CreateStateMachineCommand, DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import { ref, resolveReference } from '../core/app-model/index.ts';
import { pollingVariant } from './polling-variant.ts';
import type { BenchFleet } from './release-run.ts';

/** The rules whose only work is completing a waiting task token. */
const TOKEN_RULES = ['image-state-change', 'instance-refresh'];

export interface PollingDeployment {
  releaseArn: string;
  rolloutArn: string;
  /** Token waits replaced by Wait + reconcile polls, by state machine. */
  replaced: Record<string, string[]>;
}

export async function deployPollingVariant(bench: BenchFleet, pollSeconds = 60): Promise<PollingDeployment> {
  const { connection, clients } = bench.fleet;
  const arnOf = (key: string) => resolveReference(connection.model, ref('stateMachine', key), connection.scope);
  const release = await clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arnOf('release') }));
  const rollout = await clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arnOf('rollout-wave') }));
  const rolloutVariant = pollingVariant(JSON.parse(rollout.definition as string), pollSeconds);
  const created = await clients.sfn.send(
    new CreateStateMachineCommand({
      name: `${rollout.name}-polling`,
      roleArn: rollout.roleArn,
      definition: JSON.stringify(rolloutVariant.definition),
    }),
  );
  const rolloutArn = created.stateMachineArn as string;
  const releaseText = (release.definition as string).replaceAll(rollout.stateMachineArn as string, rolloutArn);
  const releaseVariant = pollingVariant(JSON.parse(releaseText), pollSeconds);
  const releaseArn = (
    await clients.sfn.send(
      new CreateStateMachineCommand({ name: `${release.name}-polling`, roleArn: release.roleArn, definition: JSON.stringify(releaseVariant.definition) }),
    )
  ).stateMachineArn as string;
  return { releaseArn, rolloutArn, replaced: { release: releaseVariant.replaced, 'rollout-wave': rolloutVariant.replaced } };
}

/** Disables (or enables again) the rules that complete task tokens. */
export async function setTokenRules(bench: BenchFleet, enabled: boolean): Promise<void> {
  const { connection, clients } = bench.fleet;
  for (const rule of connection.model.rules.filter((r) => TOKEN_RULES.includes(r.key))) {
    const command = enabled
      ? new EnableRuleCommand({ Name: rule.name, EventBusName: rule.eventBusName })
      : new DisableRuleCommand({ Name: rule.name, EventBusName: rule.eventBusName });
    await clients.events.send(command);
  }
}
