import { pathToFileURL } from 'node:url';
import { runExecution } from '../../engine/index.js';
import { LocalAccount } from '../../engine/runtime/localAccount.js';
import type {
  LocalFunction,
  LocalLambdaContext,
  LocalServiceFaultResolver,
  LocalServiceResolver,
  LocalServiceStandIn,
  LocalStateMachine,
  LocalStateMachineResolver,
  ScriptedCallback,
  ScriptedCallbackResolver,
} from '../../engine/api/types.js';
import { LogEvent, getOriginalHandler, readFaultLedgerEntry, withChaos } from '../../injectors/index.js';
import type { ChaosConfig, LambdaContextLike } from '../../injectors/types.js';
import { createRandom } from '../../random.js';
import { findFunction } from '../../scenarios/loadFunctions.js';
import { activityWorkerResolverFor } from './activityWorkerResolver.js';
import type { CallbackSpec, FunctionSpec, ScenarioFault, ServiceStandInSpec, StateMachineSpec } from '../../scenarios/types.js';
import { checkOptions, optionNames } from '../../sources/checkOptions.js';
import { TargetError } from '../../errors.js';
import { executionNameFor } from '../executionName.js';
import { failedAttemptsOf, matchFaultLedger } from '../matchFaultLedger.js';
import {
  executionOutcome,
  type InjectedFault,
  type RunPreparation,
  type ScenarioExecution,
  type ScenarioRunRequest,
  type Target,
} from '../types.js';
import { type AnyHandler, invokeHandler } from './invokeHandler.js';
import { ExecutionEnvironment } from './runtime/ExecutionEnvironment.js';
import { mapRunObservationsOf } from './mapRunObservations.js';
import { serviceFaultResolverFor } from './serviceFaultInjectors.js';

function optionalServiceFaults(serviceFaults: LocalServiceFaultResolver | undefined): { serviceFaults?: LocalServiceFaultResolver } {
  return serviceFaults === undefined ? {} : { serviceFaults };
}

export interface LocalTargetOptions {
  /** Real milliseconds a handler may run without finishing or sleeping on the virtual clock. */
  handlerRealTimeLimitMs?: number;
  /**
   * Where handlers run: `isolated` (default), each function's handler in its own execution environment (a
   * worker thread, reset when the function times out); `in-process`, in the calling thread, as a plain
   * call: several times faster (`chaos explore --handlers in-process`), but a handler that blocks blocks
   * the run, and one that hangs past its timeout is left pending instead of reset.
   */
  handlers?: 'isolated' | 'in-process';
  /**
   * Whether each execution's failed attempts are matched with the fault ledger (`ScenarioExecution.failedAttempts`,
   * which the JSON report shows); default true. `chaos explore`, which reads only outcomes, turns it off.
   */
  failedAttempts?: boolean;
}

/**
 * The default target: runs each scenario's state machine on sfn-chaos's virtual-time engine, with the
 * scenario's handlers wrapped by the same `withChaos` injector a deployed function uses.
 */
const LOCAL_TARGET_OPTIONS = optionNames<LocalTargetOptions>({ handlerRealTimeLimitMs: true, handlers: true, failedAttempts: true });

export function createLocalTarget(options: LocalTargetOptions = {}): Target {
  checkOptions('createLocalTarget', options, LOCAL_TARGET_OPTIONS);
  const environments = new Map<string, ExecutionEnvironment | InProcessHandler>();
  const serviceStandIns = new WeakMap<object, Promise<LocalServiceResolver>>();
  return {
    name: 'local',
    defaultBackoffTolerance: 0.001,
    whenInterrupted: 'finishing the current scenario',
    runScenario: (request) => runLocalScenario(request, options, environments, serviceStandIns),
    warmUp: (handler) => {
      if (options.handlers === 'in-process') return;
      const environment = environmentFor(environments, handler, false);
      if (environment instanceof ExecutionEnvironment) environment.warm();
    },
    prepare: (request) => {
      if (options.handlers !== 'in-process') warmEnvironments(request, environments);
      return Promise.resolve();
    },
  };
}

/**
 * Starts the execution environments of the functions the run's scenarios use (their own state machines'),
 * all side by side, before the first scenario starts: each would otherwise start (a thread, and the import of
 * the handler module) at the function's first invocation, one after another as the scenarios reach them. The
 * first invocation of each is still its cold start: it waits for the import and reports its failure.
 */
function warmEnvironments(request: RunPreparation, environments: Map<string, ExecutionEnvironment | InProcessHandler>): void {
  for (const key of new Set(request.scenarios.map((scenario) => scenario.stateMachine))) {
    for (const spec of request.file.stateMachines[key]?.functions ?? []) {
      if (spec.handlerFile === undefined || spec.handlerExport === undefined) continue;
      const environment = environmentFor(environments, { file: spec.handlerFile, exportName: spec.handlerExport }, false);
      if (environment instanceof ExecutionEnvironment) environment.warm();
    }
  }
}

/** The target's environment for one handler (`file#export`), made on first use and kept warm from one scenario to the next. */
function environmentFor(
  environments: Map<string, ExecutionEnvironment | InProcessHandler>,
  module: { file: string; exportName: string },
  inProcess: boolean,
): ExecutionEnvironment | InProcessHandler {
  const key = `${module.file}#${module.exportName}`;
  let environment = environments.get(key);
  if (environment === undefined) {
    environment = inProcess ? new InProcessHandler(module) : new ExecutionEnvironment(module);
    environments.set(key, environment);
  }
  return environment;
}

async function runLocalScenario(
  request: ScenarioRunRequest,
  options: LocalTargetOptions,
  environments: Map<string, ExecutionEnvironment | InProcessHandler>,
  serviceStandIns: WeakMap<object, Promise<LocalServiceResolver>>,
): Promise<ScenarioExecution> {
  const { scenario, stateMachine, runId } = request;
  const seed = scenario.seed ?? scenario.name;
  const ledger: InjectedFault[] = [];
  const warnings: Record<string, unknown>[] = [];
  const arm: ArmContext = {
    seed: String(seed),
    runId,
    scenarioId: scenario.name,
    ledger,
    warnings,
    environments,
    inProcess: options.handlers === 'in-process',
    serviceStandIns,
  };
  const functions = armFunctions(
    stateMachine,
    scenario.faults.filter((fault) => fault.stateMachine === undefined && fault.function !== undefined),
    arm,
  );

  const executionName = executionNameFor(runId, request.index, scenario.name);
  const result = await runExecution({
    definition: stateMachine.definition,
    input: scenario.input,
    stateMachineArn: `arn:${LocalAccount.partition}:states:${LocalAccount.region}:${LocalAccount.accountId}:stateMachine:${stateMachine.stateMachineName}`,
    executionName,
    functions: functionResolver(functions),
    random: createRandom(`${String(seed)}:jitter`),
    services: await serviceResolverFor(arm.serviceStandIns, stateMachine.services, scenario.services),
    ...optionalServiceFaults(serviceFaultResolverFor(scenario.faults, arm)),
    callbacks: callbackResolverFor(scenario.callbacks ?? []),
    activities: activityWorkerResolverFor(scenario.activities ?? []),
    stateMachines: await nestedStateMachinesFor(request, arm),
    s3Objects: s3ObjectsFor(request),
    ...(options.handlerRealTimeLimitMs !== undefined ? { handlerRealTimeLimitMs: options.handlerRealTimeLimitMs } : {}),
  });

  return {
    executionArn: result.executionArn,
    stateMachineArn: result.stateMachineArn,
    name: result.name,
    status: result.status,
    startDate: result.startDate,
    stopDate: result.stopDate,
    input: result.input,
    ...executionOutcome(result),
    events: result.events,
    asyncInvocations: result.asyncInvocations,
    ...(result.childExecutions === undefined ? {} : { childExecutions: result.childExecutions }),
    mapRuns: mapRunObservationsOf(result.events, result.mapRuns ?? []),
    ...(result.mapRuns === undefined ? {} : { mapRunExecutions: result.mapRuns.flatMap((run) => run.executions) }),
    injectedFaults: ledger,
    injectorWarnings: warnings,
    ...(options.failedAttempts === false
      ? {}
      : {
          failedAttempts: matchFaultLedger(
            failedAttemptsOf(result.events),
            // Lines of faults that fired in a child execution (their executionArn) explain none of this history's attempts.
            ledger
              .flatMap((line) => readFaultLedgerEntry(line) ?? [])
              .filter((entry) => entry.executionArn === null || entry.executionArn === result.executionArn),
          ),
        }),
  };
}

/** The local ARN of a state machine of the file (`arn:aws:states:REGION:ACCOUNT:stateMachine:NAME`). */
function localStateMachineArn(spec: StateMachineSpec): string {
  return `arn:${LocalAccount.partition}:states:${LocalAccount.region}:${LocalAccount.accountId}:stateMachine:${spec.stateMachineName}`;
}

/**
 * The file's other state machines, as nested workflows a `states:startExecution` Task can start: found
 * by ARN (any region and account, alias or version suffix ignored), state machine name or key. Each has
 * its functions armed with the scenario's faults addressed to it, its own service stand-ins, and the
 * scenario's faults on its Tasks. A state machine is armed when an execution first starts it: most
 * executions start none, and arming every other state machine of the file for each one was a sizeable
 * part of a short execution (`chaos explore` runs thousands a second).
 */
async function nestedStateMachinesFor(request: ScenarioRunRequest, arm: ArmContext): Promise<LocalStateMachineResolver> {
  const others = Object.entries(request.file.stateMachines).filter(([key]) => key !== request.scenario.stateMachine);
  const services = new Map<string, LocalServiceResolver>();
  for (const [key, spec] of others) services.set(key, await serviceResolverFor(arm.serviceStandIns, spec.services, undefined));
  const machines = new Map<string, LocalStateMachine>();
  const machineFor = (key: string, spec: StateMachineSpec): LocalStateMachine => {
    let machine = machines.get(key);
    if (machine === undefined) {
      const faults = request.scenario.faults.filter((fault) => fault.stateMachine === key);
      const functions = spec.functions.some((fn) => fn.handlerFile === undefined) ? [] : armFunctions(spec, faults, arm);
      machine = {
        stateMachineArn: localStateMachineArn(spec),
        definition: spec.definition,
        functions: functionResolver(functions),
        services: services.get(key) as LocalServiceResolver,
        ...optionalServiceFaults(serviceFaultResolverFor(request.scenario.faults, arm, key)),
      };
      machines.set(key, machine);
    }
    return machine;
  };
  return (ref) => {
    const name = /:stateMachine:([^:]+)/.exec(ref)?.[1] ?? ref;
    const match = others.find(([key, spec]) => spec.stateMachineName === name || key === name);
    return match === undefined ? undefined : machineFor(match[0], match[1]);
  };
}

interface ArmContext {
  seed: string;
  runId: string;
  scenarioId: string;
  ledger: InjectedFault[];
  warnings: Record<string, unknown>[];
  /** The target's execution environments, by handler (`file#export`): warm from one scenario to the next. */
  environments: Map<string, ExecutionEnvironment | InProcessHandler>;
  /** Handlers run in this thread (`handlers: 'in-process'`). */
  inProcess: boolean;
  /** The target's service stand-ins, made once per `services:` map of the file ({@link serviceResolverFor}). */
  serviceStandIns: WeakMap<object, Promise<LocalServiceResolver>>;
}

interface ArmedFunction {
  spec: FunctionSpec;
  local: LocalFunction;
}

/**
 * "Arming" locally means wrapping each function's own handler with `withChaos` and the scenario's
 * faults for it. The handler itself runs in its execution environment (a worker thread, started by
 * the first scenario that invokes it and kept warm for the next ones, as module state was when
 * handlers ran in-process), where a handler its author already wrapped is unwrapped first, so a fault
 * never fires twice; the injector runs here, around it.
 */
function armFunctions(stateMachine: StateMachineSpec, faults: ScenarioFault[], arm: ArmContext): ArmedFunction[] {
  const armed: ArmedFunction[] = [];
  for (const spec of stateMachine.functions) {
    if (spec.handlerFile === undefined || spec.handlerExport === undefined) {
      throw new TargetError('a function has no local handler; the file was loaded for the aws target (requireHandlers: false)');
    }
    const environment = environmentFor(arm.environments, { file: spec.handlerFile, exportName: spec.handlerExport }, arm.inProcess);
    const handler = (event: unknown, context: unknown): Promise<unknown> => environment.invoke(event, context as LocalLambdaContext);
    const config: ChaosConfig = {
      faults: faults.filter((fault) => fault.function === spec.key).map((fault) => fault.rule),
      seed: `${arm.seed}:${spec.key}`,
      runId: arm.runId,
      scenarioId: arm.scenarioId,
    };
    const wrapped = withChaos(handler as Parameters<typeof withChaos>[0], {
      config,
      sleep: (ms, context) => localFacts(context).sleep(ms),
      now: (context) => localFacts(context).now(),
      invocationInfo: (_event, context) => {
        const facts = localFacts(context);
        return { retryCount: facts.retryCount, executionArn: facts.executionArn, stateName: facts.stateName };
      },
      log: (line) => {
        if (line['sfnChaos'] === LogEvent.FaultInjected) arm.ledger.push(line);
        else if (line['sfnChaos'] === LogEvent.Warning) arm.warnings.push(line);
      },
    }) as unknown as AnyHandler;
    armed.push({
      spec,
      local: {
        name: spec.functionName,
        arn: spec.arn,
        timeoutSeconds: spec.timeoutSeconds,
        runtime: spec.runtime,
        ...(spec.eventInvokeConfig === undefined ? {} : { eventInvokeConfig: spec.eventInvokeConfig }),
        invoke: (payload, context) => invokeHandler(wrapped, payload, context),
        stop: (context) => environment.stop(context),
        // The file's function, not this scenario's copy: its environments stay warm from one scenario to the next.
        environmentKey: spec,
      },
    });
  }
  return armed;
}

/** A handler called in this thread (`handlers: 'in-process'`): loaded on first use, never reset. */
class InProcessHandler {
  readonly #loaded: Promise<AnyHandler>;
  #handler: AnyHandler | undefined;

  constructor(module: { file: string; exportName: string }) {
    this.#loaded = loadHandler({ handlerFile: module.file, handlerExport: module.exportName });
    this.#loaded.then(
      (handler) => {
        this.#handler = handler;
      },
      () => undefined,
    );
  }

  invoke(event: unknown, context: LocalLambdaContext): Promise<unknown> {
    const handler = this.#handler;
    if (handler !== undefined) return invokeHandler(handler, event, context);
    return this.#loaded.then((loaded) => invokeHandler(loaded, event, context));
  }

  /** A timed-out invocation is left to settle (or not) on its own: nothing here can be reset. */
  stop(_context: LocalLambdaContext): void {}
}

function localFacts(context: LambdaContextLike): LocalLambdaContext['sfnChaos'] {
  const facts = (context as Partial<LocalLambdaContext>).sfnChaos;
  if (!facts) throw new TargetError('the local target invoked a handler without its engine context');
  return facts;
}

async function loadHandler(spec: Pick<FunctionSpec, 'handlerFile' | 'handlerExport'>): Promise<AnyHandler> {
  if (spec.handlerFile === undefined || spec.handlerExport === undefined) {
    throw new TargetError('a function has no local handler; the file was loaded for the aws target (requireHandlers: false)');
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(spec.handlerFile).href)) as Record<string, unknown>;
  } catch (error) {
    throw new TargetError(`cannot load handler ${spec.handlerFile}: ${(error as Error).message}`, { cause: error });
  }
  const exported = module[spec.handlerExport];
  if (typeof exported !== 'function') {
    throw new TargetError(`${spec.handlerFile} has no function export "${spec.handlerExport}"`);
  }
  return getOriginalHandler(exported as AnyHandler);
}

/**
 * The armed function a Task's `FunctionName` (or `Resource` ARN) names. An execution asks again at every
 * Lambda attempt: the answer for each reference is kept in `byRef`, one per list of armed functions.
 */
function resolveFunction(
  functions: ArmedFunction[],
  byRef: Map<string, LocalFunction | undefined>,
  ref: string,
): LocalFunction | undefined {
  if (byRef.has(ref)) return byRef.get(ref);
  const spec = findFunction(
    functions.map((armed) => armed.spec),
    ref,
  );
  const local = functions.find((armed) => armed.spec === spec)?.local;
  byRef.set(ref, local);
  return local;
}

/** A Task's function by reference, among `functions` ({@link resolveFunction}). */
function functionResolver(functions: ArmedFunction[]): (ref: string) => LocalFunction | undefined {
  const byRef = new Map<string, LocalFunction | undefined>();
  return (ref) => resolveFunction(functions, byRef, ref);
}

/**
 * Service stand-ins for one scenario: the scenario's own win over the state machine's, and a key naming
 * the Task wins over a key naming its service call. A state machine's own (a scenario without any) are
 * made once and kept in `cache`, by its `services:` map: its `handler:` stand-ins are loaded once.
 */
function serviceResolverFor(
  cache: WeakMap<object, Promise<LocalServiceResolver>>,
  machineStandIns: Readonly<Record<string, ServiceStandInSpec>> | undefined,
  scenarioStandIns: Readonly<Record<string, ServiceStandInSpec>> | undefined,
): Promise<LocalServiceResolver> {
  if (scenarioStandIns !== undefined || machineStandIns === undefined) return makeServiceResolver(machineStandIns, scenarioStandIns);
  let resolver = cache.get(machineStandIns);
  if (resolver === undefined) {
    resolver = makeServiceResolver(machineStandIns, undefined);
    cache.set(machineStandIns, resolver);
  }
  return resolver;
}

async function makeServiceResolver(
  machineStandIns: Readonly<Record<string, ServiceStandInSpec>> | undefined,
  scenarioStandIns: Readonly<Record<string, ServiceStandInSpec>> | undefined,
): Promise<LocalServiceResolver> {
  const layers = [scenarioStandIns, machineStandIns].filter((layer) => layer !== undefined);
  const resolved = new Map<ServiceStandInSpec, LocalServiceStandIn>();
  for (const spec of layers.flatMap((layer) => Object.values(layer))) resolved.set(spec, await toLocalStandIn(spec));
  return ({ stateName, serviceAction }) => {
    for (const key of [stateName, serviceAction]) {
      for (const layer of layers) {
        const spec = Object.hasOwn(layer, key) ? layer[key] : undefined;
        if (spec) return resolved.get(spec);
      }
    }
    return undefined;
  };
}

async function toLocalStandIn(spec: ServiceStandInSpec): Promise<LocalServiceStandIn> {
  switch (spec.kind) {
    case 'response':
      return { kind: 'response', response: spec.response };
    case 'error':
      return { kind: 'error', error: spec.error, ...(spec.cause === undefined ? {} : { cause: spec.cause }) };
    case 'job':
      return {
        kind: 'job',
        seconds: spec.seconds,
        ...(spec.response === undefined ? {} : { response: spec.response }),
        ending: spec.ending,
      };
    case 'handler': {
      const handler = await loadHandler({ handlerFile: spec.handlerFile, handlerExport: spec.handlerExport });
      return { kind: 'handler', invoke: (parameters, context) => invokeHandler(handler, parameters, context) };
    }
  }
}

/** The first `callbacks:` entry naming the state whose visit and attempt (when given) match. */
function callbackResolverFor(callbacks: readonly CallbackSpec[]): ScriptedCallbackResolver {
  return ({ stateName, visit, attempt }) => {
    const spec = callbacks.find(
      (candidate) => candidate.state === stateName && (candidate.visit ?? visit) === visit && (candidate.attempt ?? attempt) === attempt,
    );
    if (!spec) return undefined;
    const scripted: ScriptedCallback = {};
    if (spec.after !== undefined) scripted.afterSeconds = spec.after;
    if (spec.heartbeat !== undefined) scripted.heartbeatEverySeconds = spec.heartbeat;
    if (spec.answer !== undefined) scripted.answer = spec.answer;
    return scripted;
  };
}

/** Execution names must be 1-80 characters from a restricted set; these trace back to the run and scenario. */

/**
 * The S3 objects a local run's Distributed Maps read: S3 is one per account, so every state machine's
 * `s3Objects:` of the file, the scenario's own state machine's over the others', and the scenario's over all.
 * Without objects of the scenario's own, they are the same for every scenario of a state machine: made once.
 */
function s3ObjectsFor(request: ScenarioRunRequest): Readonly<Record<string, string>> {
  if (request.scenario.s3Objects !== undefined) return collectS3Objects(request);
  let objects = s3ObjectsByStateMachine.get(request.stateMachine);
  if (objects === undefined) {
    objects = Object.freeze(collectS3Objects(request));
    s3ObjectsByStateMachine.set(request.stateMachine, objects);
  }
  return objects;
}

/** {@link s3ObjectsFor}'s answers for scenarios without objects of their own, by their state machine. */
const s3ObjectsByStateMachine = new WeakMap<StateMachineSpec, Readonly<Record<string, string>>>();

function collectS3Objects(request: ScenarioRunRequest): Record<string, string> {
  const objects: Record<string, string> = {};
  const layers = [
    ...Object.values(request.file.stateMachines).filter((spec) => spec !== request.stateMachine),
    request.stateMachine,
    request.scenario,
  ];
  for (const layer of layers) {
    for (const [uri, spec] of Object.entries(layer.s3Objects ?? {})) {
      Object.defineProperty(objects, uri, { value: spec.body, enumerable: true, writable: true, configurable: true });
    }
  }
  return objects;
}
