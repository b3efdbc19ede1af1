import { describe, expect, it } from 'vitest';
import { functionGrants, grantsFor, serviceRoleGrants } from '../../stacks/security/action-scopes.ts';
import { ArnPatterns } from '../../stacks/security/arn-patterns.ts';
import { UnscopedActionError } from '../../stacks/security/grant.ts';
import { nagResource } from '../../stacks/security/nag-suppressions.ts';
import { variantModel } from './variant-model.ts';

const render = (resource: string) => nagResource(resource).replace(/^Resource::/, '');

describe('Stacks: action scopes', () => {
  const { model, deploy } = variantModel();
  const ctx = { model, deploy, arns: new ArnPatterns(model.homeRegion) };
  const fn = (key: string) => {
    const found = model.functions.find((f) => f.key === key);
    if (!found) throw new Error(`no function ${key}`);
    return found;
  };

  it('scopes launch templates by ARN when config names them by id, and by the goldsmith:managed tag when by name', () => {
    // Prepare
    const roll = fn('roll-launch-templates');
    // Act
    const grants = functionGrants(roll, ctx).filter((g) => g.actions.includes('ec2:ModifyLaunchTemplate'));
    // Assess
    expect(grants.map((g) => ({ resources: g.resources.map(render), conditions: g.conditions }))).toEqual([
      { resources: ['arn:<AWS::Partition>:ec2:eu-central-1:<AWS::AccountId>:launch-template/lt-0123456789abcdef0'], conditions: undefined },
      {
        resources: ['arn:<AWS::Partition>:ec2:eu-central-1:<AWS::AccountId>:launch-template/*'],
        conditions: { StringEquals: { 'aws:ResourceTag/goldsmith:managed': 'true' } },
      },
    ]);
  });

  it('passes Goldsmith’s build role by ARN, and a pipeline’s own profile role only to EC2', () => {
    // Prepare
    const launch = fn('launch-test-instance');
    // Act
    const grants = functionGrants(launch, ctx).filter((g) => g.actions.includes('iam:PassRole'));
    // Assess
    expect(grants.map((g) => g.resources.map(render))).toEqual([
      ['arn:<AWS::Partition>:iam::<AWS::AccountId>:role/acme-platform-test-web-server-build'],
      ['arn:<AWS::Partition>:iam::<AWS::AccountId>:role/*'],
    ]);
    for (const grant of grants) expect(grant.conditions).toEqual({ StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } });
    expect(grants[1].wildcardReason).toMatch(/own instance profile/);
  });

  it('writes channel parameters in every Region of their pipeline, and nowhere else', () => {
    // Prepare
    const publish = fn('publish-channel');
    // Act
    const [grant] = functionGrants(publish, ctx).filter((g) => g.actions.includes('ssm:PutParameter'));
    // Assess
    expect(grant.resources.map(render).sort()).toEqual(
      [
        'arn:<AWS::Partition>:ssm:eu-central-1:<AWS::AccountId>:parameter/goldsmith/app-server/candidate',
        'arn:<AWS::Partition>:ssm:eu-central-1:<AWS::AccountId>:parameter/goldsmith/app-server/stable',
        'arn:<AWS::Partition>:ssm:eu-central-1:<AWS::AccountId>:parameter/goldsmith/web-server/candidate',
        'arn:<AWS::Partition>:ssm:eu-central-1:<AWS::AccountId>:parameter/goldsmith/web-server/stable',
        'arn:<AWS::Partition>:ssm:eu-west-1:<AWS::AccountId>:parameter/goldsmith/web-server/candidate',
        'arn:<AWS::Partition>:ssm:eu-west-1:<AWS::AccountId>:parameter/goldsmith/web-server/stable',
      ].sort(),
    );
  });

  it('reads AWS public parameters without an account in their ARN', () => {
    // Prepare
    const watch = fn('watch-upstream');
    // Act
    const [grant] = functionGrants(watch, ctx).filter((g) => g.actions.includes('ssm:GetParameter'));
    // Assess
    expect(grant.resources.map(render)).toContain(
      'arn:<AWS::Partition>:ssm:eu-central-1::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    );
  });

  it('gives every wildcard resource a reason', () => {
    // Prepare
    const grants = [
      ...model.functions.flatMap((f) => functionGrants(f, ctx)),
      ...model.roles.filter((r) => r.principal !== 'lambda.amazonaws.com' && r.principal !== 'ec2.amazonaws.com').flatMap((r) => serviceRoleGrants(r, ctx)),
    ];
    // Act
    const unexplained = grants.filter((g) => g.resources.some((r) => r.includes('*')) && !g.wildcardReason);
    // Assess
    expect(grants.length).toBeGreaterThan(50);
    expect(unexplained).toEqual([]);
  });

  it('throws UnscopedActionError for an action it does not know, instead of granting it on *', () => {
    // Prepare
    const act = () => grantsFor('Function demo', ['s3:GetObject'], ctx, []);
    // Act & Assess
    expect(act).toThrow(UnscopedActionError);
    expect(act).toThrow(
      'Function demo needs s3:GetObject, which the stacks do not know how to scope. Add it to stacks/security/action-scopes.ts with the narrowest resources IAM allows.',
    );
  });
});
