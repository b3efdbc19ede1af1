import type { CloudRuntime } from '../../cloud.ts';
import type { ServiceDefinition } from '../../service.ts';

export class DynamoDbService {
  readonly definition: ServiceDefinition;
  private readonly cloud: CloudRuntime;

  constructor(cloud: CloudRuntime) {
    this.cloud = cloud;
    this.definition = { signingName: 'dynamodb', model: 'dynamodb-2012-08-10', operations: {} };
  }
}
