import type { GetParameterCommand, GetParameterCommandOutput } from '@aws-sdk/client-ssm';
import type { LocalFunction, LocalLambdaContext } from '../../../src/engine/index.js';
import { withChaos } from '../../../src/injectors/index.js';
import type { ChaosConfig, LambdaContextLike } from '../../../src/injectors/types.js';
import { ExecutionEnvironment } from '../../../src/targets/local/runtime/ExecutionEnvironment.js';
import { invokeHandler, type AnyHandler } from '../../../src/targets/local/invokeHandler.js';
import type { DeployedFunction, World } from './World.js';

/**
 * The deployed functions' code: each handler runs in its execution environment (the local target's
 * worker), behind `withChaos` configured as a deployed function is: from its stored `SFN_CHAOS_CONFIG`
 * as it is at invocation time, or from the SSM parameter `SFN_CHAOS_SSM_PARAMETER` names. Lambda starts
 * new execution environments when the environment changes, so each `SFN_CHAOS_CONFIG` value gets its own
 * injector; an SSM-reading function keeps one (its cache is what a warm environment has). The injector's
 * console lines go to the function's log group, in Lambda's text format. Time is the execution's virtual
 * clock; the attempt is known only from the payload, as on AWS.
 */
export class FunctionRuntime {
  private readonly environments = new Map<string, ExecutionEnvironment>();
  private readonly injectors = new Map<string, AnyHandler>();

  constructor(private readonly world: World) {}

  localFunction(fn: DeployedFunction): LocalFunction {
    return {
      name: fn.name,
      arn: fn.arn,
      timeoutSeconds: fn.spec.timeoutSeconds,
      runtime: fn.spec.runtime,
      invoke: (payload, context) => invokeHandler(this.handlerFor(fn), payload, context),
      stop: (context) => this.environmentOf(fn).stop(context),
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.environments.values()].map((environment) => environment.close()));
    this.environments.clear();
  }

  private environmentOf(fn: DeployedFunction): ExecutionEnvironment {
    const { handlerFile, handlerExport } = fn.spec;
    if (handlerFile === undefined || handlerExport === undefined)
      throw new Error(`function ${fn.name} has no handler (load the file with requireHandlers: true)`);
    const key = `${handlerFile}#${handlerExport}`;
    let environment = this.environments.get(key);
    if (environment === undefined) {
      environment = new ExecutionEnvironment({ file: handlerFile, exportName: handlerExport });
      this.environments.set(key, environment);
    }
    return environment;
  }

  private handlerFor(fn: DeployedFunction): AnyHandler {
    const parameterName = fn.variables['SFN_CHAOS_SSM_PARAMETER'];
    const raw = fn.variables['SFN_CHAOS_CONFIG'];
    const key = parameterName !== undefined ? `${fn.name}\nssm` : `${fn.name}\nenv\n${raw ?? ''}`;
    let handler = this.injectors.get(key);
    if (handler === undefined) {
      const environment = this.environmentOf(fn);
      const inner = (event: unknown, context: unknown): Promise<unknown> => environment.invoke(event, context as LocalLambdaContext);
      const parsed: unknown = raw === undefined ? undefined : JSON.parse(raw);
      handler = withChaos(inner as Parameters<typeof withChaos>[0], {
        ...(parameterName !== undefined
          ? {
              ssm: {
                parameterName,
                ttlMs: Number(fn.variables['SFN_CHAOS_SSM_TTL_SECONDS'] ?? '30') * 1000,
                client: { send: (command) => this.getParameter(command) },
              },
            }
          : { config: () => parsed as ChaosConfig | undefined }),
        sleep: (ms, context) => factsOf(context).sleep(ms),
        now: (context) => factsOf(context).now(),
        log: (line) => {
          const requestId = line['awsRequestId'];
          const at = typeof line['timestamp'] === 'string' ? Date.parse(line['timestamp']) : Date.now();
          this.world.appendLog(
            fn.logGroup,
            at,
            `${new Date(at).toISOString()}\t${String(requestId ?? '')}\tINFO\t${JSON.stringify(line)}\n`,
            `2026/01/01/[$LATEST]${fn.name}`,
          );
        },
      }) as unknown as AnyHandler;
      this.injectors.set(key, handler);
    }
    return handler;
  }

  private getParameter(command: GetParameterCommand): Promise<GetParameterCommandOutput> {
    const name = command.input.Name ?? '';
    const found = this.world.parameters.get(name);
    if (!found) return Promise.reject(Object.assign(new Error(`parameter ${name} not found`), { name: 'ParameterNotFound' }));
    return Promise.resolve({
      Parameter: {
        Name: name,
        Value: found.value,
        Type: found.type === 'SecureString' ? 'SecureString' : 'String',
        Version: found.version,
      },
      $metadata: {},
    });
  }
}

function factsOf(context: LambdaContextLike): LocalLambdaContext['sfnChaos'] {
  const facts = (context as Partial<LocalLambdaContext>).sfnChaos;
  if (!facts) throw new Error('invoked without the engine context');
  return facts;
}
