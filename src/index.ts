/**
 * sfn-chaos: chaos and fault-injection testing for AWS Step Functions.
 * Every public export is listed here explicitly.
 */
export { ExitCode, InvalidInputError, SfnChaosError, TargetError } from './errors.js';
export type { SourceLocation } from './errors.js';

export { chaosMiddleware, getOriginalHandler, withChaos } from './injectors/index.js';
export type { ChaosConfig, FaultKind, FaultRule, WithChaosOptions } from './injectors/types.js';

export { loadScenarioFile } from './scenarios/load.js';
export { exitCodeFor, runScenarios } from './run/runScenarios.js';
export type { RunResult, RunScenariosOptions, ScenarioResult, ScenarioVerdict } from './run/runScenarios.js';
export type { Scenario, ScenarioFile, StateExpectation, ExecutionExpectation } from './scenarios/types.js';

export { type AnalyzeHistoryOptions, analyzeHistory, checkExpectations, formatTimeline } from './assertions/index.js';
export type { ExecutionAnalysis, ExpectationFailure, StateVisit, AttemptObservation } from './assertions/types.js';

export { runExecution } from './engine/index.js';
export type { ExecutionResult, LocalFunction, RunExecutionOptions } from './engine/api/types.js';

export { createLocalTarget } from './targets/local/localTarget.js';
export type { Target, ScenarioExecution, FailedAttemptOrigin } from './targets/types.js';

export { buildJsonReport, writeJsonReport } from './reporters/jsonReport.js';
export type { JsonReportOptions } from './reporters/jsonReport.js';
export { JSON_REPORT_SCHEMA_VERSION, jsonReportSchema } from './reporters/jsonReportSchema.js';
export { buildJunitReport, writeJunitReport } from './reporters/junitReport.js';
export { buildHtmlReport, writeHtmlReport } from './reporters/htmlReport.js';
export type { HtmlReportOptions } from './reporters/htmlReport.js';
export { createProgressReporter } from './reporters/progressReport.js';
export type { ProgressReporter, ProgressStream } from './reporters/progressReport.js';

export { runScenario } from './run/runScenario.js';
export type { InlineScenario, RunScenarioOptions, RunScenarioResult } from './run/runScenario.js';

export { buildRetryPlan, formatRetryPlan, lintDefinition, loadPlanDefinition, planErrorHandling, LintCode } from './plan/index.js';
export type { ErrorPlan, PlanLint, PlannedWait, RetryPlan, StatePlan } from './plan/index.js';
export { computeCoverage, formatCoverage } from './coverage/index.js';
export type { RuleCoverage, RunCoverage, StateCoverage, StateMachineCoverage } from './coverage/index.js';
