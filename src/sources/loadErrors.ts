import { relative } from 'node:path';
import { distance } from 'fastest-levenshtein';

/**
 * Small helpers shared by the scenario loader for writing one-line, actionable error messages.
 */

/** A path into a parsed document: map keys and sequence indexes. */
export type DocumentPath = readonly (string | number)[];

/**
 * The candidate closest to `name`, if it is close enough to be a plausible typo: a small edit
 * distance (case ignored), or one name containing the other.
 */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  const allowed = Math.max(2, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const lower = candidate.toLowerCase();
    let d = distance(wanted, lower);
    if (wanted.length >= 3 && (lower.includes(wanted) || wanted.includes(lower))) d = Math.min(d, allowed);
    if (d <= allowed && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `; did you mean "x"?` when a close candidate exists, otherwise the empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const match = closestMatch(name, candidates);
  return match === undefined ? '' : `; did you mean ${JSON.stringify(match)}?`;
}

/** ` (did you mean "x"?)` when a close candidate exists, for messages that go on after it. */
export function suggestIn(name: string, candidates: Iterable<string>): string {
  const match = closestMatch(name, candidates);
  return match === undefined ? '' : ` (did you mean ${JSON.stringify(match)}?)`;
}

/** A path as the user should see it: relative to the working directory when that is shorter. */
export function displayPath(file: string, cwd: string): string {
  const shown = relative(cwd, file);
  if (shown === '') return '.';
  return shown.length < file.length ? shown : file;
}

/** The first line of a message, trimmed, so that foreign error texts never break the one-line rule. */
export function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '') ?? text;
  return line.trim();
}

/** `scenarios[0].faults[1].rate`, `states["Download Exoplanets"]`: a document path in user terms. */
export function formatPath(segments: DocumentPath): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? 'the document' : out;
}

/** Lists names for a message: `a, b, c` (at most `limit`, then `…`). */
export function listNames(names: readonly string[], limit = 8): string {
  const shown = names.slice(0, limit).map((name) => JSON.stringify(name));
  return names.length > limit ? `${shown.join(', ')}, …` : shown.join(', ');
}
