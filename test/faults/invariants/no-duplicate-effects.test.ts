import { describe, expect, it } from 'vitest';
import { at, BUILD_ARN, effect, healthyRelease, NEW_AMI, OLD_AMI } from '../history-fixture.ts';
import { noDuplicateEffects } from './no-duplicate-effects.ts';

describe('Invariant: no-duplicate-effects', () => {
  it('passes a release that did everything once', () => {
    // Prepare
    const history = healthyRelease();

    // Act
    const problems = noDuplicateEffects.check(history);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports a second build for one client token', () => {
    // Prepare
    const history = healthyRelease();
    history.effects.push(
      effect({
        service: 'imagebuilder',
        operation: 'StartImagePipelineExecution',
        at: at(50),
        input: { imagePipelineArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/acme-web', clientToken: 'tok-1' },
        output: { imageBuildVersionArn: `${BUILD_ARN.slice(0, -1)}2` },
      }),
    );

    // Act
    const problems = noDuplicateEffects.check(history);

    // Assess
    expect(problems.some((p) => p.startsWith('client token tok-1 started 2 builds'))).toBe(true);
    expect(problems.some((p) => p.startsWith('pipeline web built 2 images for 1 distinct triggers'))).toBe(true);
  });

  it('reports a refresh and a launch template version made outside any wave', () => {
    // Prepare
    const history = healthyRelease();
    history.effects.push(
      effect({
        service: 'autoscaling',
        operation: 'StartInstanceRefresh',
        at: at(950),
        input: { AutoScalingGroupName: 'web-staging' },
        output: { InstanceRefreshId: 'refresh-2' },
      }),
      effect({
        service: 'ec2',
        operation: 'CreateLaunchTemplateVersion',
        at: at(960),
        input: { LaunchTemplateName: 'web-staging' },
        output: { LaunchTemplateVersion: { VersionNumber: 3 } },
      }),
    );

    // Act
    const problems = noDuplicateEffects.check(history);

    // Assess
    expect(problems).toEqual([
      'launch template web-staging got a new version at t+960s outside any wave that rolls it',
      'group web-staging got an instance refresh at t+950s outside any wave that rolls it',
    ]);
  });

  it('reports two refreshes of one group in one wave', () => {
    // Prepare
    const history = healthyRelease();
    history.effects.push(
      effect({
        service: 'autoscaling',
        operation: 'StartInstanceRefresh',
        at: at(430),
        input: { AutoScalingGroupName: 'web-staging' },
        output: { InstanceRefreshId: 'refresh-2' },
      }),
    );

    // Act
    const problems = noDuplicateEffects.check(history);

    // Assess
    expect(problems).toEqual(['group web-staging in web-req-1-w0 got 2 instance refreshes (refresh-1, refresh-2)']);
  });

  it('reports a channel moved back to an older image, and changed with no release running', () => {
    // Prepare
    const history = healthyRelease();
    history.builds.push({ ...history.builds[0], arn: `${BUILD_ARN}-old`, amis: [{ region: 'us-east-1', imageId: OLD_AMI }], startedAt: at(-5000) });
    history.parameterWrites.push({ region: 'us-east-1', name: '/goldsmith/web/stable', version: 2, value: OLD_AMI, at: at(880) });
    history.parameterWrites.push({ region: 'us-east-1', name: '/goldsmith/web/stable', version: 3, value: NEW_AMI, at: at(990) });

    // Act
    const problems = noDuplicateEffects.check(history);

    // Assess
    expect(problems).toEqual([
      `/goldsmith/web/stable in us-east-1 changed more than once during release web-req-1`,
      `/goldsmith/web/stable in us-east-1 moved back from ${NEW_AMI} to the older ${OLD_AMI} at t+880s`,
      `/goldsmith/web/stable in us-east-1 changed to ${NEW_AMI} at t+990s while no release of web ran`,
    ]);
  });

  it('reports a launch template default moved back outside a failed wave', () => {
    // Prepare
    const history = healthyRelease();
    history.effects.push(
      effect({ service: 'ec2', operation: 'ModifyLaunchTemplate', at: at(950), input: { LaunchTemplateName: 'web-staging', DefaultVersion: '1' } }),
    );

    // Act
    const problems = noDuplicateEffects.check(history);

    // Assess
    expect(problems).toEqual(['launch template web-staging went back from version 2 to 1 at t+950s outside a failed wave']);
  });

  it('reports two Image Published events of one release', () => {
    // Prepare
    const history = healthyRelease();
    history.effects.push({ ...history.effects.at(-1)!, seq: 99, at: at(812) });

    // Act
    const problems = noDuplicateEffects.check(history);

    // Assess
    expect(problems).toEqual(["release web-req-1 put 2 'Goldsmith Image Published' events"]);
  });
});
