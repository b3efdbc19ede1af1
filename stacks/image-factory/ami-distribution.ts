import type { RegionalDistribution } from '../../core/app-model/index.ts';

/**
 * A Region's AMI distribution settings as CloudFormation takes them: AmiDistributionConfiguration is raw
 * JSON to CloudFormation, so CDK does not capitalize its keys. Launch permissions name accounts and
 * organizations only; the model has no field for EC2's `all` group, so an AMI is never made public.
 */
export function amiDistribution({ region, amiDistributionConfiguration: ami }: RegionalDistribution) {
  const permission = ami.launchPermission;
  return {
    region,
    amiDistributionConfiguration: {
      Name: ami.name,
      Description: ami.description,
      AmiTags: { ...ami.amiTags },
      ...(ami.kmsKeyId ? { KmsKeyId: ami.kmsKeyId } : {}),
      ...(permission
        ? {
            LaunchPermissionConfiguration: {
              ...(permission.userIds?.length ? { UserIds: [...permission.userIds] } : {}),
              ...(permission.organizationArns?.length ? { OrganizationArns: [...permission.organizationArns] } : {}),
              ...(permission.organizationalUnitArns?.length ? { OrganizationalUnitArns: [...permission.organizationalUnitArns] } : {}),
            },
          }
        : {}),
    },
  };
}
