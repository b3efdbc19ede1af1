import { describe, expect, it } from 'vitest';
import { at, effect, healthyRelease, NEW_AMI, OLD_AMI } from '../history-fixture.ts';
import { amiInUseKept } from './ami-in-use-kept.ts';

describe('Invariant: ami-in-use-kept', () => {
  it('passes deregistering an image nothing uses any more', () => {
    // Prepare
    const history = healthyRelease();
    history.launchTemplates[0].versions[0].imageId = 'ami-00000000000000old';
    history.effects.push(effect({ service: 'ec2', operation: 'DeregisterImage', at: at(880), input: { ImageId: OLD_AMI } }));

    // Act
    const problems = amiInUseKept.check(history);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports deregistering the image a channel and a default version use', () => {
    // Prepare
    const history = healthyRelease();
    history.effects.push(effect({ service: 'ec2', operation: 'DeregisterImage', at: at(880), input: { ImageId: NEW_AMI } }));

    // Act
    const problems = amiInUseKept.check(history);

    // Assess
    expect(problems).toEqual([
      `${NEW_AMI} was deregistered at t+880s while parameter /goldsmith/web/candidate used it`,
      `${NEW_AMI} was deregistered at t+880s while parameter /goldsmith/web/stable used it`,
      `${NEW_AMI} was deregistered at t+880s while the default version of launch template web-staging used it`,
    ]);
  });

  it('reports a group that used the image when it was deregistered, as recorded at the call', () => {
    // Prepare
    const history = healthyRelease();
    history.effects.push(
      effect({
        service: 'ec2',
        operation: 'DeregisterImage',
        at: at(880),
        input: { ImageId: OLD_AMI },
        usage: { imageId: OLD_AMI, parameters: [], launchTemplateDefaults: [], groups: ['web-staging'], runningInstances: [] },
      }),
    );

    // Act
    const problems = amiInUseKept.check(history);

    // Assess
    expect(problems).toEqual([`${OLD_AMI} was deregistered at t+880s while Auto Scaling group web-staging used it`]);
  });
});
