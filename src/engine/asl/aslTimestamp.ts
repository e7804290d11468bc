/**
 * ASL timestamps are RFC 3339 date-times with an upper-case `T` and an explicit offset or `Z`, e.g.
 * `2016-03-14T01:59:00Z` or `2016-03-14T01:59:00.123+02:00`.
 */
const rfc3339Pattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch, or undefined when the text is not an ASL timestamp. */
export function parseAslTimestamp(text: string): number | undefined {
  const match = rfc3339Pattern.exec(text);
  if (!match) return undefined;
  // Date.parse is only reliable for up to 3 fractional digits.
  const fraction = match[2] === undefined ? '' : match[2].slice(0, 4);
  const ms = Date.parse(`${match[1]}${fraction}${match[3]}`);
  return Number.isNaN(ms) ? undefined : ms;
}
