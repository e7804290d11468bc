import type { Service } from './wire.js';

/** How one call is made to fail; `stall` answers normally, late. */
export type FailureKind = 'throttle' | 'error500' | 'error503' | 'error503Html' | 'reset' | 'stall';

/** One failure: what, and whether the call took effect before it (the answer was lost). */
export interface Failure {
  kind: FailureKind;
  afterEffect: boolean;
}

export interface FailurePlanOptions {
  /** Seed of the plan: the same seed fails the same call numbers the same way. */
  seed: number;
  /** Share of calls that fail, 0 to 1. */
  rate: number;
}

const KINDS: readonly FailureKind[] = ['throttle', 'throttle', 'error500', 'error503', 'error503Html', 'reset', 'stall'];

/**
 * Which calls fail and how: a seeded LCG (Numerical Recipes constants) draws per call whether it fails,
 * the kind, and, for a 5xx or a reset, whether the call took effect first. A throttle never takes
 * effect (AWS refuses the call before doing anything); a stall answers normally after its wait.
 */
export class FailurePlan {
  private state: number;
  readonly injected: Record<FailureKind, number> = { throttle: 0, error500: 0, error503: 0, error503Html: 0, reset: 0, stall: 0 };
  lostAnswers = 0;
  calls = 0;

  constructor(private readonly options: FailurePlanOptions) {
    this.state = (options.seed >>> 0) ^ 0x9e3779b9;
  }

  private draw(): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state / 2 ** 32;
  }

  /** The failure of the next call, or undefined when it goes through. */
  next(_service: Service, _operation: string): Failure | undefined {
    this.calls += 1;
    const fails = this.draw() < this.options.rate;
    const kind = KINDS[Math.floor(this.draw() * KINDS.length)] ?? 'throttle';
    const late = this.draw() < 0.5;
    if (!fails) return undefined;
    this.injected[kind] += 1;
    const afterEffect = kind !== 'throttle' && kind !== 'stall' && late;
    if (afterEffect) this.lostAnswers += 1;
    return { kind, afterEffect };
  }

  /** Injected failures so far, all kinds together. */
  total(): number {
    return Object.values(this.injected).reduce((sum, count) => sum + count, 0);
  }
}
