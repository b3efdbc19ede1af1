/**
 * The AWS SDK for JavaScript v3 that the Lambda Node.js runtimes ship (`/var/runtime/node_modules`): function
 * bundles leave it out and import it at run time, which keeps every bundle a few hundred KiB instead of over a MiB.
 * The deployer's bundler (bundle.ts) and the SST stacks use this one plugin, so both ship the same code.
 */
/** The SDK's own packages: service clients, `@aws-sdk/core`, and the Smithy and crypto packages they build on. */
const RUNTIME_PROVIDED = /^@(aws-sdk|smithy|aws-crypto)\//;

/**
 * AWS does not document whether the runtime includes the DynamoDB document client, so it is bundled (with the
 * marshalling it uses); it imports the rest of the SDK from the runtime, as the clients do.
 */
const BUNDLED_ANYWAY = /^@aws-sdk\/(lib-dynamodb|util-dynamodb)(\/|$)/;

/** True when the runtime provides the import, so the bundle must leave it out. */
export function isRuntimeProvided(specifier: string): boolean {
  return RUNTIME_PROVIDED.test(specifier) && !BUNDLED_ANYWAY.test(specifier);
}

/** What decides the bundles' content, for caches keyed by their build settings. */
export const RUNTIME_SDK_SETTINGS = `${RUNTIME_PROVIDED.source} except ${BUNDLED_ANYWAY.source}, loaded by require`;

/** The part of esbuild's plugin API the plugin uses: SST v2 brings its own, older esbuild, and both accept this shape. */
interface SdkPlugin {
  name: string;
  setup(build: {
    onResolve(
      options: { filter: RegExp },
      callback: (args: { path: string; kind: string }) => { path: string; external?: true; namespace?: string } | undefined,
    ): void;
    onLoad(options: { filter: RegExp; namespace: string }, callback: (args: { path: string }) => { contents: string; loader: 'js' }): void;
  }): void;
}

const NAMESPACE = 'runtime-sdk';

/** True for the stand-in modules the plugin makes (esbuild's metafile lists them as inputs, with no file behind them). */
export const isRuntimeSdkInput = (input: string) => input.startsWith(`${NAMESPACE}:`);

/**
 * An esbuild plugin that leaves the runtime's SDK packages out of the bundle (esbuild's `external` has no
 * exceptions). The bundle loads them with `require()`, even where the code says `import`: the SDK's packages
 * are CommonJS without a `"type"`, and an ESM import of one makes Node parse its whole file once more to detect
 * its format (the EC2 client is 2 MB). On Lambda, `require()` finds them through NODE_PATH, as `import` does
 * through the runtime's own resolution.
 */
export const runtimeProvidedSdk: SdkPlugin = {
  name: 'goldsmith-runtime-provided-sdk',
  setup(build) {
    build.onResolve({ filter: /^@(aws-sdk|smithy|aws-crypto)\// }, (args) => {
      if (!isRuntimeProvided(args.path)) return undefined;
      return args.kind === 'require-call' ? { path: args.path, external: true } : { path: args.path, namespace: NAMESPACE };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};
