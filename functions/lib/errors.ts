/** The errors of the function layer. Each keeps an explicit `name` for Step Functions' Retry and Catch. */

/** The event or step input does not match its schema; nothing was done. */
export class InvalidInputError extends Error {
  readonly issues: readonly string[];
  constructor(functionName: string, issues: readonly string[]) {
    super(`Invalid input for ${functionName}: ${issues.join('; ')}. Nothing was changed.`);
    this.name = 'InvalidInputError';
    this.issues = issues;
  }
}

/** An environment variable the function needs is missing: the deployment is incomplete. */
export class MissingEnvironmentError extends Error {
  constructor(names: readonly string[]) {
    super(
      `Missing environment variable${names.length > 1 ? 's' : ''} ${names.join(', ')}. The deployer sets them from core/release/catalogue.ts (Env); deploy again.`,
    );
    this.name = 'MissingEnvironmentError';
  }
}

/** The resolved config file is missing from the bundle, or is not what functions expect. */
export class ConfigFileError extends Error {
  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super(
      `The resolved Goldsmith config ${path} ${problem}. The deployer writes it into every function bundle (GOLDSMITH_CONFIG_FILE); deploy again.`,
      options,
    );
    this.name = 'ConfigFileError';
  }
}
