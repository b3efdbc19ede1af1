/**
 * The state names of statemachines/release.asl.json and rollout-wave.asl.json that the checkers read from
 * execution histories. They live here, once, so a renamed state breaks one file (and the test that checks
 * these names against the ASL files).
 */
export const RELEASE_STATES = {
  plan: 'Plan Release',
  alreadyRunning: 'Already Running',
  startBuild: 'Start Build',
  validate: 'Validate Image',
  rejectImage: 'Reject Image',
  requestApproval: 'Request Approval',
  publishCandidate: 'Publish Candidate',
  rollOutWave: 'Roll Out Wave',
  promoteStable: 'Promote Stable',
  releaseLock: 'Release Lock',
} as const;

export const WAVE_STATES = {
  rollLaunchTemplates: 'Roll Launch Templates',
  restoreLaunchTemplates: 'Restore Launch Templates',
} as const;
