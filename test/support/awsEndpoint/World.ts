import { randomUUID } from 'node:crypto';
import type { HistoryEvent } from '../../../src/engine/index.js';
import type { FunctionSpec, ScenarioFile, StateMachineSpec } from '../../../src/scenarios/types.js';
import { deployedFunctionAddress } from '../../../src/targets/aws/resolve/deployedFunctionAddress.js';
import { parseArn } from '../../../src/targets/aws/accounts.js';

/** A deployed function as Lambda keeps its configuration. */
export interface DeployedFunction {
  name: string;
  arn: string;
  spec: FunctionSpec;
  variables: Record<string, string>;
  revisionId: string;
  /** GetFunctionConfiguration reads left that report the last update InProgress. */
  inProgressReads: number;
  logGroup: string;
}

export interface DeployedMachine {
  arn: string;
  name: string;
  spec: StateMachineSpec;
  type: 'STANDARD' | 'EXPRESS';
  /** Express: where its execution events are logged (level ALL). */
  logGroup?: string;
}

export interface Execution {
  arn: string;
  name: string;
  input: string;
  machine: DeployedMachine;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
  /** The engine has finished (its events are in `events`); the API says RUNNING until `closesAtMs` too. */
  done: Promise<void>;
  finished: boolean;
  /** Real time (epoch ms) before which the API says RUNNING: AWS takes a moment even for a quick execution. */
  closesAtMs: number;
  /** The caller has seen it end (DescribeExecution answered its terminal status) or stopped it. */
  observed: boolean;
}

/** RUNNING as DescribeExecution would answer now. */
export function appearsRunning(execution: Execution): boolean {
  return execution.status !== 'ABORTED' && (!execution.finished || Date.now() < execution.closesAtMs);
}

export interface LogEventRecord {
  eventId: string;
  timestamp: number;
  message: string;
  logStreamName: string;
}

export interface WorldOptions {
  /** Keys of functions (`FunctionSpec.key`) whose injector reads its config from SSM (`/sfn-chaos/<name>`, TTL 0). */
  ssmFunctions?: readonly string[];
  /**
   * Keys of the state machines to deploy; default all. Two entries whose templates use the same logical ids
   * (`function`, `statemachine`) would be deployed under one name, as they would in one account; the first
   * deployed keeps it.
   */
  stateMachines?: readonly string[];
}

/**
 * Everything the endpoint holds: deployed functions, SSM parameters, log groups, state machines and
 * their executions. Seeded from a scenario file as if its state machines and functions were deployed,
 * each function carrying the injector (`SFN_CHAOS_INJECTOR=withChaos`).
 */
export class World {
  readonly functions = new Map<string, DeployedFunction>();
  readonly parameters = new Map<string, { value: string; type: string; version: number }>();
  readonly logGroups = new Map<string, LogEventRecord[]>();
  readonly machines = new Map<string, DeployedMachine>();
  readonly executions = new Map<string, Execution>();

  constructor(file: ScenarioFile, options: WorldOptions = {}) {
    const ssm = new Set(options.ssmFunctions ?? []);
    const keys = options.stateMachines === undefined ? undefined : new Set(options.stateMachines);
    for (const spec of Object.values(file.stateMachines)) {
      if (keys !== undefined && !keys.has(spec.key)) continue;
      for (const fn of spec.functions) this.deployFunction(fn, ssm.has(fn.key));
      this.deployMachine(spec);
    }
  }

  private deployFunction(spec: FunctionSpec, readsSsm: boolean): void {
    const address = deployedFunctionAddress(spec);
    const name = address.startsWith('arn:') ? (address.split(':')[6] ?? spec.functionName) : address;
    if (this.functions.has(name)) return;
    const logGroup = `/aws/lambda/${name}`;
    const variables: Record<string, string> = { SFN_CHAOS_INJECTOR: 'withChaos', APP_STAGE: 'soak' };
    if (readsSsm) Object.assign(variables, { SFN_CHAOS_SSM_PARAMETER: `/sfn-chaos/${name}`, SFN_CHAOS_SSM_TTL_SECONDS: '0' });
    this.functions.set(name, { name, arn: spec.arn, spec, variables, revisionId: randomUUID(), inProgressReads: 0, logGroup });
    this.logGroups.set(logGroup, []);
  }

  /** Where the aws target looks for it: `deployed:` (ARN or name), else the name in its functions' account and Region. */
  private deployMachine(spec: StateMachineSpec): void {
    const address = spec.deployed ?? spec.stateMachineName;
    const from = spec.functions.map((fn) => parseArn(fn.arn)).find((parts) => parts !== undefined);
    const arn = address.startsWith('arn:')
      ? address
      : `arn:${from?.partition ?? 'aws'}:states:${from?.region ?? 'us-east-1'}:${from?.accountId ?? '123456789012'}:stateMachine:${address}`;
    const name = arn.split(':')[6] ?? address;
    const type = spec.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
    const machine: DeployedMachine = {
      arn,
      name,
      spec,
      type,
      ...(type === 'EXPRESS' ? { logGroup: `/aws/vendedlogs/states/${name}` } : {}),
    };
    if (this.machines.has(arn)) return;
    if (machine.logGroup !== undefined) this.logGroups.set(machine.logGroup, []);
    this.machines.set(arn, machine);
  }

  /** A function by name, partial or full ARN (qualifiers ignored), as Lambda resolves `FunctionName`. */
  functionNamed(nameOrArn: string): DeployedFunction | undefined {
    const name = nameOrArn.startsWith('arn:') ? (nameOrArn.split(':')[6] ?? '') : (nameOrArn.split(':')[0] ?? '');
    return this.functions.get(name);
  }

  appendLog(group: string, timestamp: number, message: string, stream: string): void {
    const events = this.logGroups.get(group) ?? [];
    events.push({ eventId: String(events.length + 1).padStart(12, '0'), timestamp, message, logStreamName: stream });
    this.logGroups.set(group, events);
  }

  /** What a run left behind: fault configs in function environments and sfn-chaos SSM values. */
  leftArmed(): string[] {
    const left: string[] = [];
    for (const fn of this.functions.values()) if (fn.variables['SFN_CHAOS_CONFIG'] !== undefined) left.push(`${fn.name}: SFN_CHAOS_CONFIG`);
    for (const [name, parameter] of this.parameters)
      if (name.startsWith('/sfn-chaos/') || parameter.value.includes('"faults"')) left.push(`SSM ${name}`);
    return left;
  }

  /** Executions DescribeExecution would still call RUNNING (never read to the end, never stopped). */
  leftRunning(): string[] {
    return [...this.executions.values()].filter(appearsRunning).map((execution) => execution.arn);
  }

  /** Executions whose end no caller saw (on AWS a long one would still be running). */
  unobserved(): string[] {
    return [...this.executions.values()].filter((execution) => !execution.observed).map((execution) => execution.arn);
  }
}
