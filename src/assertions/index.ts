export { type AnalyzeHistoryOptions, analyzeHistory } from './analyzeHistory.js';
export { checkExpectations } from './checkExpectations.js';
export type { CheckExpectationsOptions } from './checkExpectations.js';
export { formatTimeline } from './formatTimeline.js';
export { formatSeconds, roundToMilliseconds } from './wording.js';
export type {
  AttemptObservation,
  EnclosingState,
  ExecutionAnalysis,
  ExpectationFailure,
  MapRunObservation,
  StateVisit,
} from './types.js';
