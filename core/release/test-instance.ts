/**
 * The smoke test's instance: launched from the AMI with IMDSv2 required and tagged with its release, checked
 * until its SSM agent is online, and always terminated by tag, whatever failed (DESIGN §5.3).
 */
import type { RegionalAmi, SmokeTestPlan } from './contracts.ts';
import { clientToken } from './deterministic-ids.ts';
import { TestInstanceNotReadyError } from './errors.ts';
import type { InstancesPort, RunCommandPort } from './ports.ts';
import { Tags } from './resource-names.ts';

/** How long an instance may take from launch to running with its SSM agent online. */
export const AGENT_BOUND_SECONDS = 900;

const GONE = new Set(['shutting-down', 'terminated', 'stopping', 'stopped']);

export function testInstanceTags(releaseId: string): Record<string, string> {
  return { [Tags.managed]: 'true', [Tags.release]: releaseId, [Tags.role]: 'test-instance' };
}

export async function launchTestInstance(
  input: { releaseId: string; pipeline: string; ami: RegionalAmi; smokeTest: SmokeTestPlan },
  deps: { instances: InstancesPort },
): Promise<{ instanceId: string; region: string }> {
  const { smokeTest, ami } = input;
  const instanceId = await deps.instances.launch(ami.region, {
    imageId: ami.imageId,
    instanceType: smokeTest.instanceType,
    instanceProfile: smokeTest.instanceProfile,
    subnetId: smokeTest.subnetId,
    securityGroupIds: smokeTest.securityGroupIds,
    tags: { ...testInstanceTags(input.releaseId), [Tags.pipeline]: input.pipeline, Name: `goldsmith-test-${input.releaseId}` },
    // A retried launch of the same release and AMI returns the instance the first one started.
    clientToken: clientToken(input.releaseId, `test-instance:${ami.imageId}`),
  });
  return { instanceId, region: ami.region };
}

export async function checkTestInstance(
  input: { instanceId: string; region: string; boundSeconds?: number },
  checkedAt: number,
  deps: { instances: InstancesPort; commands: RunCommandPort },
): Promise<{ instanceId: string; region: string; ready: boolean }> {
  const { instanceId, region } = input;
  const instance = await deps.instances.instance(region, instanceId);
  if (!instance) throw new TestInstanceNotReadyError(instanceId, `does not exist in ${region}.`);
  if (GONE.has(instance.state)) {
    throw new TestInstanceNotReadyError(instanceId, `is ${instance.state}, so it cannot run the smoke tests. Check its console output and the AMI's boot.`);
  }
  if (instance.state === 'running' && (await deps.commands.agentOnline(region, instanceId))) return { instanceId, region, ready: true };
  const bound = input.boundSeconds ?? AGENT_BOUND_SECONDS;
  if (instance.launchTime !== undefined && checkedAt - instance.launchTime > bound * 1000) {
    throw new TestInstanceNotReadyError(
      instanceId,
      `did not come online in Systems Manager within ${Math.round(bound / 60)} minutes of its launch. Check that its instance profile allows SSM (AmazonSSMManagedInstanceCore) and that its subnet reaches Systems Manager.`,
    );
  }
  return { instanceId, region, ready: false };
}

export async function terminateTestInstances(
  input: { releaseId: string; region: string },
  deps: { instances: InstancesPort },
): Promise<{ terminated: string[] }> {
  const found = await deps.instances.findByTags(input.region, testInstanceTags(input.releaseId));
  const terminated = found.filter((i) => i.state !== 'terminated' && i.state !== 'shutting-down').map((i) => i.instanceId);
  if (terminated.length > 0) await deps.instances.terminate(input.region, terminated);
  return { terminated };
}
