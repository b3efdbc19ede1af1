import {
  AutoScalingClient,
  type AutoScalingGroup,
  CreateAutoScalingGroupCommand,
  type CreateAutoScalingGroupCommandInput,
  DescribeAutoScalingGroupsCommand,
  DescribeInstanceRefreshesCommand,
  type InstanceRefresh,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, CreateLaunchTemplateVersionCommand, EC2Client, ModifyLaunchTemplateCommand } from '@aws-sdk/client-ec2';
import { expect } from 'vitest';
import type { CloudEvent } from '../../../local-cloud/cloud.ts';
import type { LocalCloudOptions } from '../../../local-cloud/index.ts';
import { startTestCloud, type TestCloud } from '../harness.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** A launch template with versions 1, 2 and 3, each on its own AMI; version 1 is the default. */
export interface Template {
  id: string;
  name: string;
  images: [string, string, string];
}

export interface AsgTestCloud {
  cloud: TestCloud;
  asg: AutoScalingClient;
  ec2: EC2Client;
  createTemplate(options?: { defaultVersion?: number; imageIdOfVersion3?: string }): Promise<Template>;
  createGroup(input: Partial<CreateAutoScalingGroupCommandInput> & { AutoScalingGroupName: string }): Promise<AutoScalingGroup>;
  group(name: string): Promise<AutoScalingGroup>;
  refresh(groupName: string, id: string): Promise<InstanceRefresh>;
  /** The instance refresh events emitted so far for a group, as `[detail-type suffix, detail]`. */
  refreshEvents(groupName: string): Array<[string, Record<string, unknown>]>;
  /** Moves simulated time forward in steps, letting the in-process EC2 calls of each step finish. */
  advance(seconds: number, stepSeconds?: number): Promise<void>;
}

let names = 0;

/** A frozen-clock local cloud with Auto Scaling and EC2 clients, and helpers to make launch templates and groups. */
export async function startAsgTestCloud(options: LocalCloudOptions = {}): Promise<AsgTestCloud> {
  const cloud = await startTestCloud(options);
  // Until the EventBridge service delivers events, record them without delivery.
  const events = cloud.runtime.services.events as unknown as { deliver?: unknown };
  if (typeof events.deliver !== 'function') events.deliver = async () => {};
  const asg = new AutoScalingClient(cloud.config());
  const ec2 = new EC2Client(cloud.config());
  const registerImage = () => cloud.runtime.services.ec2.registerImage(ACCOUNT, REGION, { name: `golden-asg-${++names}` }).imageId;

  const t: AsgTestCloud = {
    cloud,
    asg,
    ec2,
    async createTemplate({ defaultVersion, imageIdOfVersion3 } = {}) {
      const images: [string, string, string] = [registerImage(), registerImage(), imageIdOfVersion3 ?? registerImage()];
      const name = `web-${++names}`;
      const created = await ec2.send(
        new CreateLaunchTemplateCommand({ LaunchTemplateName: name, LaunchTemplateData: { ImageId: images[0], InstanceType: 't3.micro' } }),
      );
      const id = created.LaunchTemplate?.LaunchTemplateId as string;
      for (const imageId of images.slice(1))
        await ec2.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: id, LaunchTemplateData: { ImageId: imageId } }));
      if (defaultVersion) await ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: id, DefaultVersion: String(defaultVersion) }));
      return { id, name, images };
    },
    async createGroup(input) {
      await asg.send(new CreateAutoScalingGroupCommand({ MinSize: 0, MaxSize: 10, AvailabilityZones: [`${REGION}a`, `${REGION}b`], ...input }));
      return t.group(input.AutoScalingGroupName);
    },
    async group(name) {
      const out = await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }));
      return out.AutoScalingGroups?.[0] as AutoScalingGroup;
    },
    async refresh(groupName, id) {
      const out = await asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: groupName, InstanceRefreshIds: [id] }));
      return out.InstanceRefreshes?.[0] as InstanceRefresh;
    },
    refreshEvents(groupName) {
      return cloud.runtime.events
        .filter((e: CloudEvent) => e.source === 'aws.autoscaling' && e.detail.AutoScalingGroupName === groupName)
        .map((e) => [e['detail-type'].replace('EC2 Auto Scaling Instance Refresh ', ''), e.detail]);
    },
    async advance(seconds, stepSeconds = seconds) {
      for (let done = 0; done < seconds; done += stepSeconds) {
        cloud.clock.advance(Math.min(stepSeconds, seconds - done) * 1000);
        await settle();
      }
    },
  };
  return t;
}

/** Lets queued in-process work (EC2 calls made by timed steps) finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Asserts that a call fails with the error name the SDK surfaces, AWS's message and the HTTP status. */
export async function expectAsgError(call: Promise<unknown>, name: string, message: string | RegExp, status = 400): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e as { name: string; message: string; $metadata: { httpStatusCode?: number } },
  );
  expect(error, `expected ${name}`).toBeDefined();
  expect(error?.name).toBe(name);
  if (typeof message === 'string') expect(error?.message).toBe(message);
  else expect(error?.message).toMatch(message);
  expect(error?.$metadata.httpStatusCode).toBe(status);
}

/** Instance ids of a group, sorted. */
export const idsOf = (group: AutoScalingGroup) => (group.Instances ?? []).map((i) => i.InstanceId as string).sort();

/** The launch template versions a group's instances were launched from, sorted. */
export const versionsOf = (group: AutoScalingGroup) => (group.Instances ?? []).map((i) => i.LaunchTemplate?.Version as string).sort();
