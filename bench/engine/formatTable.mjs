/** Plain-text table with right-aligned numeric columns, for the console and docs/benchmarks.md. */
export function formatTable(headers, rows) {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) =>
    `| ${cells.map((cell, column) => (column < 2 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (column < 2 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** 12345.6 -> "12,346"; small numbers keep significant digits. */
export function formatNumber(value, significant = 3) {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (Math.abs(value) >= 10 ** significant) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(significant)).toLocaleString('en-US', { maximumSignificantDigits: significant });
}

/** Bytes as KiB or MiB. */
export function formatBytes(bytes) {
  if (bytes === undefined) return '–';
  const sign = bytes < 0 ? '-' : '';
  const size = Math.abs(bytes);
  if (size >= 1024 * 1024) return `${sign}${formatNumber(size / (1024 * 1024))} MiB`;
  return `${sign}${formatNumber(size / 1024)} KiB`;
}
