import type { CloudRuntime } from '../../cloud.ts';
import type { ServiceDefinition } from '../../service.ts';

export class SnsService {
  readonly definition: ServiceDefinition;
  private readonly cloud: CloudRuntime;

  constructor(cloud: CloudRuntime) {
    this.cloud = cloud;
    this.definition = { signingName: 'sns', model: 'sns-2010-03-31', operations: {} };
  }
}
