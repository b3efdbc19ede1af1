import type { CloudRuntime } from '../../cloud.ts';
import type { ServiceDefinition } from '../../service.ts';

export class SsmService {
  readonly definition: ServiceDefinition;
  private readonly cloud: CloudRuntime;

  constructor(cloud: CloudRuntime) {
    this.cloud = cloud;
    this.definition = { signingName: 'ssm', model: 'ssm-2014-11-06', operations: {} };
  }
}
