import type { CloudRuntime } from '../../cloud.ts';
import type { ServiceDefinition } from '../../service.ts';

export class AutoScalingService {
  readonly definition: ServiceDefinition;
  private readonly cloud: CloudRuntime;

  constructor(cloud: CloudRuntime) {
    this.cloud = cloud;
    this.definition = { signingName: 'autoscaling', model: 'autoscaling-2011-01-01', operations: {} };
  }
}
