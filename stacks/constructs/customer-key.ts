import { Aws, Lazy, RemovalPolicy, Tags } from 'aws-cdk-lib';
import { AccountRootPrincipal, AnyPrincipal, Effect, type IGrantable, PolicyDocument, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnAlias, CfnKey, type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { Conditions } from '../security/grant.ts';

/**
 * What the account's IAM policies may let principals do with the key. AWS's default key policy grants
 * `kms:*` here; Goldsmith lists the actions instead, so that no policy anywhere has a `*` action.
 */
export const KEY_ACCOUNT_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateGrant',
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListGrants',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:RetireGrant',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateKeyDescription',
] as const;

/** What a service needs to write to and read from something encrypted with the key. */
export const KEY_USE_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'] as const;

export interface CustomerKeyProps {
  readonly description: string;
  readonly alias: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * A customer managed key with yearly rotation and an explicit key policy: the account's IAM policies
 * decide who uses it, and service principals are added one by one, each with its source conditions.
 */
export class CustomerKey extends Construct {
  readonly key: IKey;
  readonly keyArn: string;
  private readonly statements: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: CustomerKeyProps) {
    super(scope, id);
    this.statements.push(
      new PolicyStatement({
        sid: 'AccountIamPolicies',
        effect: Effect.ALLOW,
        principals: [new AccountRootPrincipal()],
        actions: [...KEY_ACCOUNT_ACTIONS],
        resources: ['*'],
      }),
    );
    const cfn = new CfnKey(this, 'Resource', {
      description: props.description,
      enableKeyRotation: true,
      pendingWindowInDays: 30,
      keyPolicy: Lazy.any({ produce: () => new PolicyDocument({ statements: this.statements }).toJSON() }),
    });
    cfn.applyRemovalPolicy(RemovalPolicy.DESTROY);
    for (const [key, value] of Object.entries(props.tags)) Tags.of(cfn).add(key, value);
    this.keyArn = cfn.attrArn;
    this.key = Key.fromKeyArn(this, 'Imported', cfn.attrArn);
    new CfnAlias(this, 'Alias', { aliasName: `alias/${props.alias}`, targetKeyId: cfn.ref });
  }

  /** Lets a service principal use the key, under the conditions that tie it to Goldsmith's resources. */
  allowService(sid: string, service: string, conditions: Conditions, actions: readonly string[] = KEY_USE_ACTIONS): void {
    this.statements.push(
      new PolicyStatement({ sid, effect: Effect.ALLOW, principals: [new ServicePrincipal(service)], actions: [...actions], resources: ['*'], conditions }),
    );
  }

  /**
   * Lets one IAM role use the key by its ARN in a condition: unlike a role principal, the condition does
   * not require the role to exist yet (service-linked roles appear on a service's first use).
   */
  allowRoleArn(sid: string, roleArn: string): void {
    this.statements.push(
      new PolicyStatement({
        sid,
        effect: Effect.ALLOW,
        principals: [new AnyPrincipal()],
        actions: [...KEY_USE_ACTIONS],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:PrincipalArn': roleArn, 'aws:PrincipalAccount': Aws.ACCOUNT_ID } },
      }),
    );
  }

  /** Lets a principal of this account use the key, through its IAM policy. */
  grantUse(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: [...KEY_USE_ACTIONS], resources: [this.keyArn] }));
  }
}
