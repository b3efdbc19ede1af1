import type { CloudRuntime } from '../../cloud.ts';
import type { RegionalStore, ServiceDefinition } from '../../service.ts';
import { getSecretValue, listSecretVersionIds, putSecretValue } from './secret-values.ts';
import { createSecret, deleteSecret, describeSecret, listSecrets, restoreSecret, tagResource, untagResource, updateSecret } from './secrets.ts';
import { createSecretsStore, type SecretsState } from './store.ts';

/** Secrets Manager: secrets with versions and staging labels, scheduled deletion and tags (no rotation). */
export class SecretsManagerService {
  readonly definition: ServiceDefinition;
  readonly store: RegionalStore<SecretsState> = createSecretsStore();

  constructor(_cloud: CloudRuntime) {
    this.definition = {
      signingName: 'secretsmanager',
      model: 'secretsmanager-2017-10-17',
      operations: {
        CreateSecret: createSecret,
        DescribeSecret: describeSecret,
        UpdateSecret: updateSecret,
        DeleteSecret: deleteSecret,
        RestoreSecret: restoreSecret,
        ListSecrets: listSecrets,
        TagResource: tagResource,
        UntagResource: untagResource,
        GetSecretValue: getSecretValue,
        PutSecretValue: putSecretValue,
        ListSecretVersionIds: listSecretVersionIds,
      },
    };
  }
}
