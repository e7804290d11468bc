import { TargetError } from '../../errors.js';
import { defaultHandlerRealTimeLimitMs } from '../asl/limits.js';

export interface TimerHandle {
  cancel(): void;
}

/** A timer in the clock's queue; it is its own handle, so scheduling allocates one object. */
class ScheduledTimer implements TimerHandle {
  readonly at: number;
  /** Creation order: of two timers due at the same instant, the older fires first. */
  readonly sequence: number;
  /** Dropped on cancel: a cancelled timer stays queued until its instant, and must not keep its invocation's objects alive till then. */
  fire: (() => void) | undefined;

  constructor(at: number, sequence: number, fire: () => void) {
    this.at = at;
    this.sequence = sequence;
    this.fire = fire;
  }

  cancel(): void {
    this.fire = undefined;
  }
}

export interface VirtualClockOptions {
  /** Real milliseconds a handler may run without finishing or sleeping before the run is abandoned. */
  handlerRealTimeLimitMs?: number;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Resolves once every microtask queued so far, and every microtask those queue in turn, has run.
 * Node runs the `process.nextTick` queue only when the microtask queue is empty, so a tick queued from
 * inside a microtask fires exactly when the promise chains in motion have nothing left to do: the
 * same point an event-loop turn reaches, for the price of one tick instead of a pass through the
 * event loop's phases. The tick is queued from a microtask: queued from synchronous code, it would
 * run before the microtasks. Real I/O callbacks are not waited for:
 * a handler doing real I/O is running, and the clock waits for running handlers in real time anyway.
 */
function drainMicrotasks(): Promise<void> {
  // A promise reaction, not queueMicrotask: Node wraps each queueMicrotask callback in an async resource of its own.
  return new Promise<void>((resolve) => {
    void Promise.resolve().then(() => process.nextTick(resolve));
  });
}

/**
 * Drains that may pass before one full event-loop turn is taken instead. Draining never yields to the
 * event loop, so without this a long run (a Map over thousands of items) would hold off signals, real
 * timers and a live progress line until it ends. Either wait leaves the same state behind, so which
 * one is used changes no history.
 */
const DRAINS_PER_EVENT_LOOP_TURN = 64;

/** Microtask turns to wait for a target before waiting for every chain in motion to run out. */
const QUICK_SETTLE_TURNS = 32;

/**
 * What a wait of one microtask turn awaits: awaiting a settled native promise takes the same one turn as
 * `await undefined`, which first wraps `undefined` in a new promise. The quick waits take several turns
 * for every Lambda attempt.
 */
const oneTurn: Promise<void> = Promise.resolve();

/**
 * Waits until everything already set in motion has run, so that time only moves when nothing else
 * can happen first. Most targets (a handler that returns at once, a timer that just fired) settle
 * within a few microtask turns; when one has not, every promise chain in motion (concurrent branches,
 * a woken Map iteration's retry, invocation and next iteration) is let run until none has anything
 * left to do: with `untilIdle` (see {@link drainMicrotasks}), or else with a full event-loop turn,
 * which also lets real I/O callbacks catch up. Resolves true when the target settled within
 * `quickTurns`, false when the wait for every chain was needed.
 */
async function settle(isSettled: () => boolean, quickTurns: number, untilIdle: () => Promise<void> = yieldToEventLoop): Promise<boolean> {
  for (let turn = 0; turn < quickTurns; turn++) {
    if (isSettled()) return true;
    await oneTurn;
  }
  if (isSettled()) return true;
  await untilIdle();
  return false;
}

/** Where the target of an {@link VirtualClock.advanceUntil} stands; settling it wakes the clock's waits. */
class Settlement<T> {
  settled = false;
  ok = false;
  value: T | undefined;
  error: unknown;

  constructor(target: Promise<T>, clock: VirtualClock) {
    target.then(
      (value) => {
        this.settled = true;
        this.ok = true;
        this.value = value;
        clock.notifyChange();
      },
      (error: unknown) => {
        this.settled = true;
        this.error = error;
        clock.notifyChange();
      },
    );
  }
}

/**
 * A discrete-event clock. Virtual time jumps straight to the next due timer, but only while nothing is
 * actively running: every in-flight handler invocation must have finished or be blocked in a virtual
 * sleep. A handler awaiting real I/O therefore holds time still, so no timeout can fire early.
 *
 * Limitation: an invocation counts as blocked as soon as one of its virtual sleeps is pending, so
 * real I/O started concurrently with that sleep inside the same invocation is not waited for.
 *
 * @example
 * const clock = new VirtualClock(Date.parse('2025-01-01T00:00:00Z'));
 * await clock.sleep(70_000); // returns at once
 * new Date(clock.now()).toISOString(); // '2025-01-01T00:01:10.000Z'
 */
export class VirtualClock {
  #now: number;
  #nextSequence = 0;
  #timers: ScheduledTimer[] = [];
  readonly #invocations = new Set<InvocationActivity>();
  #changeListeners: (() => void)[] = [];
  #advancing = false;
  #drainsSinceEventLoopTurn = 0;
  /** The promise {@link VirtualClock.delay} made last: waiting for it cannot end before a timer fires. */
  #latestDelay: Promise<void> | undefined;
  /** Virtual time may not pass this instant: a wait that would reach it fails with `reached()` instead. */
  #deadline: { at: number; reached: () => Error } | undefined;
  #fatal: Error | undefined;
  /** `performance.now()` when the current wait in real time for running handlers began. */
  #realWaitStartedAt: number | undefined;
  readonly handlerRealTimeLimitMs: number;

  constructor(startMs: number, options: VirtualClockOptions = {}) {
    this.#now = startMs;
    this.handlerRealTimeLimitMs = options.handlerRealTimeLimitMs ?? defaultHandlerRealTimeLimitMs;
  }

  /** Virtual time in ms since the epoch. */
  now(): number {
    return this.#now;
  }

  /** Runs `fire` once virtual time reaches `now + delayMs` (negative delays count as 0). */
  schedule(delayMs: number, fire: () => void): TimerHandle {
    const timer = new ScheduledTimer(this.#now + Math.max(0, delayMs), this.#nextSequence++, fire);
    // Cancelled timers at the end of the queue go now, not at their instant: each Lambda attempt
    // cancels its function timer, and a run in which no time passes (a chain of Task states) would
    // otherwise keep every one of them, and the young generation's collections copy what is kept.
    // A cancelled timer never fires, so dropping it early changes nothing else.
    while (this.#timers.length > 0 && (this.#timers[this.#timers.length - 1] as ScheduledTimer).fire === undefined) this.#timers.pop();
    // Binary search for the first timer due later: a Map with many iterations keeps thousands of timers.
    let low = 0;
    let high = this.#timers.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#timers[middle] as ScheduledTimer).at <= timer.at) low = middle + 1;
      else high = middle;
    }
    if (low === this.#timers.length) this.#timers.push(timer);
    else this.#timers.splice(low, 0, timer);
    return timer;
  }

  /**
   * A promise resolved when virtual time reaches `now + delayMs`, for waits that are never cancelled
   * (retry backoff, Wait states): one timer and one promise, without the cancel handle of {@link VirtualClock.timer}.
   *
   * @example
   * await clock.advanceUntil(clock.delay(2_000)); // returns at once, 2 s later in virtual time
   */
  delay(delayMs: number): Promise<void> {
    const elapsed = new Promise<void>((resolve) => {
      this.schedule(delayMs, resolve);
    });
    this.#latestDelay = elapsed;
    return elapsed;
  }

  /** A promise resolved when virtual time reaches `now + delayMs`, plus a way to cancel it. */
  timer(delayMs: number): { elapsed: Promise<void>; cancel(): void } {
    let resolveElapsed: () => void = () => undefined;
    const elapsed = new Promise<void>((resolve) => {
      resolveElapsed = resolve;
    });
    const handle = this.schedule(delayMs, resolveElapsed);
    return { elapsed, cancel: () => handle.cancel() };
  }

  /** Lets virtual time pass for the engine itself (Wait states, retry backoff). */
  sleep(delayMs: number): Promise<void> {
    const { elapsed } = this.timer(delayMs);
    return this.advanceUntil(elapsed);
  }

  /**
   * Registers a handler invocation whose activity decides when time may advance. `label` names it in
   * error messages; pass a function to build the text only when a message needs it. `timeoutMs` is
   * the function's own timeout: real time the handler spends running counts against it too (see
   * {@link InvocationActivity.chargeRealTime}).
   */
  beginInvocation(label: string | (() => string), timeoutMs = Number.POSITIVE_INFINITY): InvocationActivity {
    const invocation = new InvocationActivity(this, label, timeoutMs);
    this.#invocations.add(invocation);
    return invocation;
  }

  /**
   * Sets the instant virtual time may not pass (an execution's TimeoutSeconds, or its hard maximum
   * duration). Once nothing can happen before it, `advanceUntil` moves the clock to that instant and
   * rejects with `reached()`. It wins over a timer due at that very instant, as a timer set when the
   * run began would.
   */
  setDeadline(atMs: number, reached: () => Error): void {
    this.#deadline = { at: atMs, reached };
  }

  /** Lifts the deadline of {@link VirtualClock.setDeadline} (the execution is over; what it started may run on). */
  clearDeadline(): void {
    this.#deadline = undefined;
  }

  /** Ends the run: `advanceUntil` rejects with this error (used for misuse detected inside handlers). */
  reportFatal(error: Error): void {
    this.#fatal ??= error;
    this.notifyChange();
  }

  /** @internal Called by invocations when they start or stop sleeping, finish or are abandoned. */
  notifyChange(): void {
    const listeners = this.#changeListeners;
    this.#changeListeners = [];
    for (const listener of listeners) listener();
  }

  /** @internal Real ms the current wait for running handlers has lasted so far (0 when not waiting). */
  realMsWaitedSoFar(): number {
    return this.#realWaitStartedAt === undefined ? 0 : performance.now() - this.#realWaitStartedAt;
  }

  /** @internal */
  forget(invocation: InvocationActivity): void {
    this.#invocations.delete(invocation);
  }

  /**
   * Drives time forward until `target` settles: waits (in real time) while some invocation is running,
   * otherwise fires the next due timer. Fails with a TargetError instead of hanging when a handler neither
   * finishes nor sleeps within the real-time limit, or when nothing at all can make progress.
   */
  async advanceUntil<T>(target: Promise<T>): Promise<T> {
    if (this.#advancing) {
      throw new TargetError('The virtual clock was asked to advance from inside a handler; handlers must wait with context.sfnChaos.sleep');
    }
    this.#advancing = true;
    const settlement = new Settlement(target, this);
    try {
      // What the caller set in motion before waiting (an invocation's handler, a branch's first
      // steps) is let run first; only the chains of this execution can be in motion, or a handler
      // that is still running, which the slow path waits for in real time. Most targets (a handler
      // that returns at once) settle within a few turns, and then nothing more is needed; this fast
      // path is kept apart from the slow one so that its async frame stays small (one per Lambda
      // attempt). A plain delay cannot settle before its timer fires, so counting turns for it is wasted.
      const quickTurns = target === this.#latestDelay ? 0 : QUICK_SETTLE_TURNS;
      for (let turn = 0; turn < quickTurns && !settlement.settled; turn++) await oneTurn;
      if (!settlement.settled) await this.#driveUntil(settlement);
      if (this.#fatal) throw this.#fatal;
      if (!settlement.ok) throw settlement.error;
      return settlement.value as T;
    } finally {
      this.#advancing = false;
    }
  }

  /**
   * The slow path of {@link VirtualClock.advanceUntil}, for a target that did not settle within the
   * quick turns: lets every chain in motion run out, then waits in real time while some invocation is
   * running, or else fires the next due timer, until the target settles.
   */
  async #driveUntil(settlement: Settlement<unknown>): Promise<void> {
    const isSettled = (): boolean => settlement.settled;
    // A target that a fired timer did not settle within the quick turns (a Map or Parallel waiting
    // for all its iterations) will not settle quickly after the next timers either: from then on
    // each timer's settle goes straight to the wait that lets everything in motion finish,
    // instead of spinning microtasks first.
    let quickTurns = QUICK_SETTLE_TURNS;
    await this.#untilIdle();
    while (!settlement.settled) {
      if (this.#fatal) throw this.#fatal;
      if (this.#anyInvocationRunning()) {
        // Only here does real time pass for running handlers (the engine's own work between two
        // waits is not theirs): each is charged for the wait, and one whose function timeout is
        // used up is frozen, so that virtual time can move on to its timeout.
        const running = this.#runningInvocations();
        const budgetMs = Math.min(...running.map((invocation) => invocation.realBudgetMs));
        const waitStarted = performance.now();
        this.#realWaitStartedAt = waitStarted;
        const limitMs = Math.max(0, Math.min(this.handlerRealTimeLimitMs, budgetMs));
        const changed = await this.#nextChange(limitMs);
        this.#realWaitStartedAt = undefined;
        // A timer may fire a fraction of a millisecond before `performance.now()` says it is due:
        // a wait that ran out lasted its whole limit.
        const waitedMs = changed ? performance.now() - waitStarted : Math.max(limitMs, performance.now() - waitStarted);
        let frozeAny = false;
        for (const invocation of running) if (invocation.chargeRealTime(waitedMs)) frozeAny = true;
        // Let the promise chains behind the change settle before deciding that time may move:
        // a handler that just returned must win over a timer due later.
        await settle(isSettled, QUICK_SETTLE_TURNS);
        if (!changed && !frozeAny && !settlement.settled) {
          const running = [...this.#invocations].filter((invocation) => invocation.isRunning);
          throw new TargetError(
            `${running.map((invocation) => invocation.label).join(', ')} neither finished nor slept on the virtual clock ` +
              `within ${this.handlerRealTimeLimitMs} ms of real time. Handlers that wait must use context.sfnChaos.sleep; ` +
              'real waits this long are not run locally, whatever the function timeout.',
          );
        }
        continue;
      }
      const timer = this.#takeNextTimer();
      const deadline = this.#deadline;
      if (deadline !== undefined && (timer === undefined || timer.at >= deadline.at)) {
        if (timer !== undefined) this.#timers.unshift(timer);
        this.#now = Math.max(this.#now, deadline.at);
        throw deadline.reached();
      }
      if (!timer) {
        throw new TargetError('The local engine stalled: nothing is running and no virtual timer is pending');
      }
      this.#now = Math.max(this.#now, timer.at);
      timer.fire?.();
      // Only the chains a virtual timer woke can be in motion here (no handler is running), so
      // waiting for the microtasks to run out is enough: a Map's 1,000 retry timers used to cost an
      // event-loop turn each.
      if (!(await settle(isSettled, quickTurns, this.#untilIdle))) quickTurns = 0;
    }
  }

  /** Waits for every chain in motion to run out: by draining microtasks, and one time in {@link DRAINS_PER_EVENT_LOOP_TURN} by an event-loop turn. */
  readonly #untilIdle = (): Promise<void> => {
    this.#drainsSinceEventLoopTurn += 1;
    if (this.#drainsSinceEventLoopTurn < DRAINS_PER_EVENT_LOOP_TURN) return drainMicrotasks();
    this.#drainsSinceEventLoopTurn = 0;
    return yieldToEventLoop();
  };

  #anyInvocationRunning(): boolean {
    for (const invocation of this.#invocations) if (invocation.isRunning) return true;
    return false;
  }

  #runningInvocations(): InvocationActivity[] {
    const running: InvocationActivity[] = [];
    for (const invocation of this.#invocations) if (invocation.isRunning) running.push(invocation);
    return running;
  }

  #takeNextTimer(): ScheduledTimer | undefined {
    for (;;) {
      const timer = this.#timers.shift();
      if (!timer || timer.fire !== undefined) return timer;
    }
  }

  /** Resolves true on the next change, or false when `limitMs` of real time pass without one. */
  #nextChange(limitMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const guard = setTimeout(() => resolve(false), limitMs);
      this.#changeListeners.push(() => {
        clearTimeout(guard);
        resolve(true);
      });
    });
  }
}

/**
 * One handler invocation as the clock sees it: running, blocked in virtual sleeps, frozen, or over.
 * Sleeps of an invocation that is over (finished, or abandoned after losing to a timeout) never
 * resolve, the way a Lambda sandbox is frozen once the invocation ends.
 *
 * Its function timeout is spent by virtual time (sleeps, and whatever else passes while it waits)
 * and by the real time it spends running (charged by the clock while it waits in real time for it).
 * Once both together reach the timeout, or once its environment reports that nothing can ever settle
 * the handler ({@link InvocationActivity.freeze}), it is frozen: no longer running, so virtual time
 * moves on to its function timeout, which then ends it.
 */
export class InvocationActivity {
  readonly #clock: VirtualClock;
  #label: string | (() => string);
  /** Created on the first sleep: most handlers never sleep, and a Set per invocation adds up in a Map. */
  #pendingSleeps: Set<TimerHandle> | undefined;
  #over = false;
  #frozen = false;
  readonly #startedAt: number;
  readonly #timeoutMs: number;
  #realMsSpent = 0;

  constructor(clock: VirtualClock, label: string | (() => string), timeoutMs = Number.POSITIVE_INFINITY) {
    this.#clock = clock;
    this.#label = label;
    this.#startedAt = clock.now();
    this.#timeoutMs = timeoutMs;
  }

  /** Real milliseconds the handler may still run before its function timeout is used up. */
  get realBudgetMs(): number {
    return this.#timeoutMs - (this.#clock.now() - this.#startedAt) - this.#realMsSpent;
  }

  /** True once the invocation can make no more progress and only waits for its function timeout. */
  get isFrozen(): boolean {
    return this.#frozen;
  }

  /**
   * Counts `ms` of real time the handler spent running against its function timeout. Returns true
   * when that used the timeout up and the invocation was frozen.
   */
  chargeRealTime(ms: number): boolean {
    if (this.#over || this.#frozen) return false;
    this.#realMsSpent += ms;
    if (this.realBudgetMs > 0) return false;
    this.freeze();
    return true;
  }

  /**
   * Stops counting the invocation as running: nothing it does from now on is seen, and its function
   * timeout ends it. For a handler out of time, or one its environment knows can never settle.
   */
  freeze(): void {
    if (this.#over || this.#frozen) return;
    this.#frozen = true;
    this.#dropSleeps();
    this.#clock.notifyChange();
  }

  /** Names the invocation in error messages. */
  get label(): string {
    if (typeof this.#label === 'function') this.#label = this.#label();
    return this.#label;
  }

  get isRunning(): boolean {
    return !this.#over && !this.#frozen && (this.#pendingSleeps === undefined || this.#pendingSleeps.size === 0);
  }

  sleep(delayMs: number): Promise<void> {
    if (this.#over || this.#frozen) return new Promise<void>(() => undefined);
    if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0) {
      this.#clock.reportFatal(
        new TargetError(`${this.label} called sleep(${String(delayMs)}); the delay must be a finite number of ms >= 0`),
      );
      return new Promise<void>(() => undefined);
    }
    // Real time spent so far includes the wait the clock is in now, charged only once it ends.
    const realMsSpent = this.#realMsSpent + this.#clock.realMsWaitedSoFar();
    if (realMsSpent > 0 && delayMs >= this.#timeoutMs - (this.#clock.now() - this.#startedAt) - realMsSpent) {
      // The real time already spent leaves too little for this sleep: the timeout comes first.
      this.freeze();
      return new Promise<void>(() => undefined);
    }
    const pendingSleeps = (this.#pendingSleeps ??= new Set<TimerHandle>());
    return new Promise<void>((resolve) => {
      const handle = this.#clock.schedule(delayMs, () => {
        pendingSleeps.delete(handle);
        resolve();
      });
      pendingSleeps.add(handle);
      this.#clock.notifyChange();
    });
  }

  /** The handler settled. */
  finish(): void {
    this.#end();
  }

  /** The handler lost to a timeout; whatever it still waits for is dropped. */
  abandon(): void {
    this.#end();
  }

  #dropSleeps(): void {
    if (this.#pendingSleeps === undefined) return;
    for (const sleep of this.#pendingSleeps) sleep.cancel();
    this.#pendingSleeps.clear();
  }

  #end(): void {
    if (this.#over) return;
    this.#over = true;
    this.#dropSleeps();
    this.#clock.forget(this);
    this.#clock.notifyChange();
  }
}
