/**
 * The workflows Goldsmith runs, each an ASL file beside this one, with the `${Key}` substitutions its
 * definition needs. Function keys name the function in kebab-case under functions/ (e.g.
 * `PlanReleaseFunctionArn` → functions/plan-release.ts). The stacks and the local deployer fill the same keys.
 */
export interface Workflow {
  /** The state machine's name suffix and file stem. */
  name: string;
  file: string;
  /** Every `${Key}` in the definition. */
  substitutions: readonly string[];
}

export const releaseWorkflow = {
  name: 'release',
  file: 'release.asl.json',
  substitutions: [
    'PlanReleaseFunctionArn',
    'StartBuildFunctionArn',
    'WaitForImageFunctionArn',
    'ReconcileImageFunctionArn',
    'GateFindingsFunctionArn',
    'LaunchTestInstanceFunctionArn',
    'CheckTestInstanceFunctionArn',
    'RunSmokeTestsFunctionArn',
    'CheckSmokeTestsFunctionArn',
    'TerminateTestInstancesFunctionArn',
    'RejectImageFunctionArn',
    'RequestApprovalFunctionArn',
    'PublishChannelFunctionArn',
    'VerifyChannelFunctionArn',
    'NotifyReleaseFunctionArn',
    'RetireImagesFunctionArn',
    'ReleaseLockFunctionArn',
    'RolloutWaveStateMachineArn',
    'EventBusName',
  ],
} as const satisfies Workflow;

export const rolloutWaveWorkflow = {
  name: 'rollout-wave',
  file: 'rollout-wave.asl.json',
  substitutions: [
    'RollLaunchTemplatesFunctionArn',
    'StartRefreshFunctionArn',
    'WaitForRefreshFunctionArn',
    'ReconcileRefreshFunctionArn',
    'RestoreLaunchTemplatesFunctionArn',
  ],
} as const satisfies Workflow;

/** In dependency order: a workflow's child workflows come first. */
export const workflows: readonly Workflow[] = [rolloutWaveWorkflow, releaseWorkflow];

/** `PlanReleaseFunctionArn` → `plan-release`. */
export function functionNameOf(key: string): string | undefined {
  const match = /^([A-Z][A-Za-z]+)FunctionArn$/.exec(key);
  return match?.[1].replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Fills `${Key}` placeholders; a missing key is an error, never an empty string. */
export function substitute(definition: string, values: Record<string, string>): string {
  return definition.replace(/\$\{([A-Za-z0-9]+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`No value for the definition substitution \${${key}}.`);
    return value;
  });
}
