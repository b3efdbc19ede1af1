import type { GetCallerIdentityCommandInput, GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts';
import type { RequestContext } from '../../service.ts';

type Output<T> = Omit<T, '$metadata'>;

export function getCallerIdentity(_input: GetCallerIdentityCommandInput, ctx: RequestContext): Output<GetCallerIdentityCommandOutput> {
  return { UserId: 'AIDALOCALCLOUDUSER', Account: ctx.accountId, Arn: `arn:aws:iam::${ctx.accountId}:user/local` };
}
