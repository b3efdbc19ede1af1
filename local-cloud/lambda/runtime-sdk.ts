import { registerHooks } from 'node:module';

/** The packages the Lambda Node.js runtimes include for every function: the AWS SDK for JavaScript v3. */
const RUNTIME_PACKAGES = /^@(aws-sdk|smithy|aws-crypto)\//;

/**
 * Lets function code import the AWS SDK v3 without bundling it, as on AWS where the runtime ships it
 * (`/var/runtime/node_modules`). A package the function bundles itself still wins; only a specifier
 * that fails to resolve from the function's code falls back to the local cloud's own copy.
 */
export function provideRuntimeSdk(runtimeModulesParentUrl: string): void {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        if (!RUNTIME_PACKAGES.test(specifier)) throw error;
        return nextResolve(specifier, { ...context, parentURL: runtimeModulesParentUrl });
      }
    },
  });
}
