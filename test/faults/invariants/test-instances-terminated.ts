/** DESIGN §5.3: every test instance that validation launched is terminated, whatever failed. */
import { effectsOf } from '../history-queries.ts';
import type { Invariant } from './invariant.ts';

export const testInstancesTerminated: Invariant = {
  name: 'test-instances-terminated',
  contract: 'DESIGN §5.3',
  check(history) {
    const problems: string[] = [];
    const known = new Map(history.instances.map((i) => [i.instanceId, i]));
    for (const effect of effectsOf(history, 'ec2', 'RunInstances')) {
      if (effect.caller !== 'client') continue;
      for (const launched of (effect.output?.Instances ?? []) as Array<{ InstanceId?: string }>) {
        const instance = launched.InstanceId ? known.get(launched.InstanceId) : undefined;
        if (!instance) continue;
        if (instance.state !== 'terminated')
          problems.push(`test instance ${instance.instanceId} (from ${instance.imageId}) is ${instance.state}, not terminated`);
      }
    }
    for (const instance of history.instances) {
      if (instance.launchedByClient && instance.state !== 'terminated' && !problems.some((p) => p.includes(instance.instanceId)))
        problems.push(`test instance ${instance.instanceId} (from ${instance.imageId}) is ${instance.state}, not terminated`);
    }
    return problems;
  },
};
