import { createRequire, registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

/** The packages the Lambda Node.js runtimes include for every function: the AWS SDK for JavaScript v3. */
const RUNTIME_PACKAGES = /^@(aws-sdk|smithy|aws-crypto)\//;

/**
 * Lets function code import the AWS SDK v3 without bundling it, as on AWS where the runtime ships it
 * (`/var/runtime/node_modules`). A package the function bundles itself still wins; only a specifier
 * that fails to resolve from the function's code falls back to the local cloud's own copy.
 */
export function provideRuntimeSdk(runtimeModulesParentUrl: string): void {
  const runtimeRequire = createRequire(runtimeModulesParentUrl);
  registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        if (!RUNTIME_PACKAGES.test(specifier)) throw error;
        // require() resolves from its calling module whatever parentURL says (as AWS's NODE_PATH lets it find the SDK).
        if (context.conditions?.includes('require')) return { url: pathToFileURL(runtimeRequire.resolve(specifier)).href, shortCircuit: true };
        return nextResolve(specifier, { ...context, parentURL: runtimeModulesParentUrl });
      }
    },
  });
}
