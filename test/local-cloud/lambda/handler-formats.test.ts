import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createFunction, payloadOf, resultOf } from './function-package.ts';

describe('Lambda: handler formats', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;
  const run = (name: string, event: unknown = { n: 2 }) => lambda.send(new InvokeCommand({ FunctionName: name, Payload: payloadOf(event) }));

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('loads an ES module handler from a .mjs file', async () => {
    // Prepare
    await createFunction(lambda, 'esm-mjs', { 'index.mjs': 'export const handler = async (event) => ({ format: "mjs", doubled: event.n * 2 });' });
    // Act
    const response = await run('esm-mjs');
    // Assess
    expect(resultOf(response.Payload)).toEqual({ format: 'mjs', doubled: 4 });
  });

  it('loads an ES module handler from a .js file under "type": "module"', async () => {
    // Prepare
    await createFunction(
      lambda,
      'esm-js',
      {
        'package.json': '{ "type": "module" }',
        'app.js': 'import { double } from "./lib/math.js";\nexport const handler = async (event) => ({ format: "esm", doubled: double(event.n) });',
        'lib/math.js': 'export const double = (n) => n * 2;',
      },
      { Handler: 'app.handler' },
    );
    // Act
    const response = await run('esm-js');
    // Assess
    expect(resultOf(response.Payload)).toEqual({ format: 'esm', doubled: 4 });
  });

  it('loads a CommonJS handler from a .js file', async () => {
    // Prepare
    await createFunction(lambda, 'cjs-js', {
      'index.js': 'const { double } = require("./math");\nexports.handler = async (event) => ({ format: typeof module, doubled: double(event.n) });',
      'math.js': 'module.exports.double = (n) => n * 2;',
    });
    // Act
    const response = await run('cjs-js');
    // Assess
    expect(resultOf(response.Payload)).toEqual({ format: 'object', doubled: 4 });
  });

  it('loads a CommonJS handler from a .cjs file', async () => {
    // Prepare
    await createFunction(lambda, 'cjs-cjs', { 'main.cjs': 'module.exports = { handler: async () => "cjs" };' }, { Handler: 'main.handler' });
    // Act
    const response = await run('cjs-cjs');
    // Assess
    expect(resultOf(response.Payload)).toBe('cjs');
  });

  it('finds a handler in a subdirectory under a nested export path', async () => {
    // Prepare
    await createFunction(
      lambda,
      'nested',
      { 'src/handlers/app.mjs': 'export const handlers = { main: async () => "nested" };' },
      { Handler: 'src/handlers/app.handlers.main' },
    );
    // Act
    const response = await run('nested');
    // Assess
    expect(resultOf(response.Payload)).toBe('nested');
  });

  it('runs a callback-style handler on nodejs22.x', async () => {
    // Prepare
    await createFunction(lambda, 'callback', {
      'index.js': 'exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { called: event.n }), 5); };',
    });
    // Act
    const response = await run('callback');
    // Assess
    expect(response.FunctionError).toBeUndefined();
    expect(resultOf(response.Payload)).toEqual({ called: 2 });
  });

  it('reports a callback-style handler on nodejs24.x as AWS does', async () => {
    // Prepare
    await createFunction(
      lambda,
      'callback-24',
      { 'index.js': 'exports.handler = (event, context, callback) => callback(null, 1);' },
      { Runtime: 'nodejs24.x' },
    );
    // Act
    const response = await run('callback-24');
    // Assess
    expect(response.FunctionError).toBe('Unhandled');
    expect(resultOf(response.Payload)).toMatchObject({
      errorType: 'Runtime.CallbackHandlerDeprecated',
      errorMessage: expect.stringContaining('AWS Lambda has removed support for callback-based function handlers starting with Node.js 24'),
    });
  });

  it('reports a handler the module does not export', async () => {
    // Prepare
    await createFunction(lambda, 'no-export', { 'index.mjs': 'export const other = async () => 1;' });
    // Act
    const response = await run('no-export');
    // Assess
    expect(response.FunctionError).toBe('Unhandled');
    expect(resultOf(response.Payload)).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.handler is undefined or not exported' });
  });

  it('reports a module that is missing', async () => {
    // Prepare
    await createFunction(lambda, 'no-module', { 'other.mjs': 'export const handler = async () => 1;' });
    // Act
    const response = await run('no-module');
    // Assess
    expect(response.FunctionError).toBe('Unhandled');
    expect(resultOf(response.Payload)).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: expect.stringContaining("Cannot find module 'index'"),
    });
  });

  it('reports a module with a syntax error', async () => {
    // Prepare
    await createFunction(lambda, 'bad-syntax', { 'index.mjs': 'export const handler = async () => {' });
    // Act
    const response = await run('bad-syntax');
    // Assess
    expect(response.FunctionError).toBe('Unhandled');
    expect(resultOf(response.Payload)).toMatchObject({ errorType: 'Runtime.UserCodeSyntaxError', errorMessage: expect.stringContaining('SyntaxError') });
  });
});
