/**
 * No AMI is deregistered while a channel parameter, a launch template's default version or an Auto Scaling group
 * uses it (DESIGN §1.9: retirement keeps whatever is still in use).
 */
import { defaultVersionAt, effectsOf, formatTime, imageOfVersion, parameterValueAt } from '../history-queries.ts';
import type { Invariant } from './invariant.ts';

export const amiInUseKept: Invariant = {
  name: 'ami-in-use-kept',
  contract: 'DESIGN §1.9',
  check(history) {
    const problems: string[] = [];
    for (const effect of effectsOf(history, 'ec2', 'DeregisterImage')) {
      const imageId = String(effect.input.ImageId ?? '');
      const when = `${imageId} was deregistered at ${formatTime(history, effect.at)}`;
      const users = new Set<string>();
      const usage = effect.usage;
      if (usage) {
        for (const p of usage.parameters) users.add(`parameter ${p}`);
        for (const t of usage.launchTemplateDefaults) users.add(`the default version of launch template ${t}`);
        for (const g of usage.groups) users.add(`Auto Scaling group ${g}`);
        for (const i of usage.runningInstances) users.add(`running instance ${i}`);
      }
      for (const pipeline of history.pipelines) {
        for (const name of [pipeline.channels.candidate, pipeline.channels.stable]) {
          if (parameterValueAt(history, effect.region, name, effect.at) === imageId) users.add(`parameter ${name}`);
        }
      }
      for (const template of history.launchTemplates.filter((t) => t.region === effect.region)) {
        if (imageOfVersion(template, defaultVersionAt(history, template, effect.at)) === imageId)
          users.add(`the default version of launch template ${template.name}`);
      }
      for (const user of users) problems.push(`${when} while ${user} used it`);
    }
    return problems;
  },
};
