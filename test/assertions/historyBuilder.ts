import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { START } from './recordedHistory.js';

/**
 * Builds GetExecutionHistory-shaped histories by hand: ids count from 1, `previousEventId` defaults to the
 * event before, and the clock only moves on `wait(seconds)`.
 */
export class HistoryBuilder {
  private readonly events: HistoryEvent[] = [];
  private clockMs: number;

  constructor(input: unknown = {}, start: Date = START) {
    this.clockMs = start.getTime();
    this.add('ExecutionStarted', { executionStartedEventDetails: { input: JSON.stringify(input) } }, 0);
  }

  get lastId(): number {
    return this.events.length;
  }

  wait(seconds: number): this {
    this.clockMs += Math.round(seconds * 1000);
    return this;
  }

  add(type: string, fields: Record<string, unknown> = {}, previousEventId: number = this.lastId): number {
    const id = this.events.length + 1;
    this.events.push({ id, previousEventId, type, timestamp: new Date(this.clockMs), ...fields } as unknown as HistoryEvent);
    return id;
  }

  entered(name: string, type = 'TaskStateEntered', input: unknown = {}, previousEventId?: number): number {
    return this.add(
      type,
      { stateEnteredEventDetails: { name, input: JSON.stringify(input) } },
      previousEventId ?? this.firstStatePrevious(),
    );
  }

  exited(name: string, type = 'TaskStateExited', output: unknown = {}, previousEventId?: number): number {
    return this.add(type, { stateExitedEventDetails: { name, output: JSON.stringify(output) } }, previousEventId);
  }

  /** One optimized-integration attempt (`TaskScheduled` → `TaskStarted` → `TaskFailed`/`TaskSucceeded`). */
  taskAttempt(result: { error: string; cause?: string } | { output: unknown } | 'timedOut', previousEventId?: number): number {
    const resource = { resourceType: 'lambda', resource: 'invoke' };
    this.add('TaskScheduled', { taskScheduledEventDetails: { ...resource, region: 'us-east-1', parameters: '{}' } }, previousEventId);
    this.add('TaskStarted', { taskStartedEventDetails: resource });
    if (result === 'timedOut') return this.add('TaskTimedOut', { taskTimedOutEventDetails: { ...resource, error: 'States.Timeout' } });
    if ('error' in result) return this.add('TaskFailed', { taskFailedEventDetails: { ...resource, ...result } });
    return this.add('TaskSucceeded', { taskSucceededEventDetails: { ...resource, output: JSON.stringify(result.output) } });
  }

  /** One legacy Lambda-ARN attempt (`LambdaFunctionScheduled` → `…Started` → `…Failed`/`…Succeeded`). */
  lambdaAttempt(result: { error: string; cause?: string } | { output: unknown }, previousEventId?: number): number {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:download-exoplanets';
    this.add('LambdaFunctionScheduled', { lambdaFunctionScheduledEventDetails: { resource: arn, input: '{}' } }, previousEventId);
    this.add('LambdaFunctionStarted');
    if ('error' in result) return this.add('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: result });
    return this.add('LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: { output: JSON.stringify(result.output) } });
  }

  succeeded(output: unknown = {}): number {
    return this.add('ExecutionSucceeded', { executionSucceededEventDetails: { output: JSON.stringify(output) } });
  }

  failed(error: string, cause?: string): number {
    return this.add('ExecutionFailed', { executionFailedEventDetails: cause === undefined ? { error } : { error, cause } });
  }

  build(): HistoryEvent[] {
    return this.events.map((event) => ({ ...event }));
  }

  /** AWS gives the first state entered `previousEventId` 0. */
  private firstStatePrevious(): number {
    return this.lastId === 1 ? 0 : this.lastId;
  }
}

/**
 * "Download Exoplanets" fails with HTTPError on every attempt; the retrier waits `waits[i]` seconds before
 * attempt i + 2; then the catcher sends the execution to ErrorState.
 */
export function downloadExoplanetsHistory(waits: number[] = [10, 20, 40], type: 'task' | 'lambda' = 'task'): HistoryEvent[] {
  const history = new HistoryBuilder({ planets: 'all' });
  history.entered('Download Exoplanets', 'TaskStateEntered', { planets: 'all' });
  const fail = { error: 'HTTPError', cause: '{"errorType":"HTTPError","errorMessage":"503 Service Unavailable"}' };
  const attempt = (): number => (type === 'task' ? history.taskAttempt(fail) : history.lambdaAttempt(fail));
  attempt();
  for (const wait of waits) {
    history.wait(wait);
    attempt();
  }
  const errorOutput = { Error: fail.error, Cause: fail.cause };
  history.exited('Download Exoplanets', 'TaskStateExited', errorOutput);
  history.entered('ErrorState', 'PassStateEntered', errorOutput);
  history.exited('ErrorState', 'PassStateExited', errorOutput);
  history.succeeded(errorOutput);
  return history.build();
}
