import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HandlerNotFoundError, ImportModuleError, MalformedHandlerNameError, UserCodeSyntaxError } from './runtime-errors.ts';

// biome-ignore lint/suspicious/noExplicitAny: a user handler takes whatever the event is.
export type UserHandler = (event: any, context: any, callback?: (error?: unknown, result?: unknown) => void) => unknown;

const FUNCTION_EXPR = /^([^.]*)\.(.*)$/;

/**
 * Loads a handler the way the AWS Node.js runtime does: `dir/file.export.nested` names the module
 * `dir/file` under the task root, tried as is and with `.js`, `.mjs` and `.cjs` (import() honours
 * `"type": "module"` in the nearest package.json), then through require's resolution; the export
 * is looked up on the module and then on its default export (a CommonJS module's `module.exports`).
 */
export async function loadHandler(taskRoot: string, handlerString: string): Promise<UserHandler> {
  if (handlerString.includes('..')) {
    throw new MalformedHandlerNameError(
      `'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const handlerPart = basename(handlerString);
  const moduleRoot = handlerString.slice(0, handlerString.indexOf(handlerPart)).replace(/\/$/, '');
  const match = FUNCTION_EXPR.exec(handlerPart);
  if (!match) throw new MalformedHandlerNameError('Bad handler');
  const [, moduleName, handlerName] = match;
  const module = await loadModule(taskRoot, moduleRoot, moduleName);
  let handler = findIn(handlerName, module);
  if (!handler && typeof module === 'object' && module !== null && 'default' in module) handler = findIn(handlerName, (module as { default: unknown }).default);
  if (!handler) throw new HandlerNotFoundError(`${handlerString} is undefined or not exported`);
  if (typeof handler !== 'function') throw new HandlerNotFoundError(`${handlerString} is not a function`);
  return handler as UserHandler;
}

async function loadModule(taskRoot: string, moduleRoot: string, moduleName: string): Promise<unknown> {
  const withoutExtension = resolve(taskRoot, moduleRoot, moduleName);
  try {
    for (const extension of ['', '.js', '.mjs', '.cjs']) {
      const path = `${withoutExtension}${extension}`;
      if (existsSync(path) && statSync(path).isFile()) return await import(pathToFileURL(path).href);
    }
    const require = createRequire(join(taskRoot, 'index.js'));
    return require(require.resolve(moduleName, { paths: [taskRoot, join(taskRoot, moduleRoot)] }));
  } catch (error) {
    if (error instanceof SyntaxError) throw new UserCodeSyntaxError(error);
    const code = (error as { code?: string }).code;
    // The runtime reports a module (or a module it imports) that cannot be found as an import error.
    if (error instanceof Error && (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND')) throw new ImportModuleError(error);
    throw error;
  }
}

function findIn(path: string, module: unknown): unknown {
  return path
    .split('.')
    .reduce<unknown>((nested, key) => (nested && typeof nested === 'object' ? (nested as Record<string, unknown>)[key] : undefined), module);
}
