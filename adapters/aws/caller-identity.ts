/** Who the credentials of a target are (STS GetCallerIdentity): the account a command works in, and proof the target answers. */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsTarget, clientSettings } from './local-deployer-clients.ts';

/** The target's account id. Two attempts only: an unreachable target should fail fast. */
export async function callerAccount(target: AwsTarget): Promise<string> {
  const sts = new STSClient({ ...clientSettings(target), maxAttempts: 2 });
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    return identity.Account as string;
  } finally {
    sts.destroy();
  }
}
