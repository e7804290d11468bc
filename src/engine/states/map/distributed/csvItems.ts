/**
 * Splits CSV text into rows of fields (RFC 4180: quoted fields may hold the delimiter, line breaks and
 * doubled quotes). Values stay strings, as Step Functions passes them to a Distributed Map. An empty
 * last line (the file's final line break) is not a row.
 *
 * @example
 * csvRows('a,b\n1,"x, y"\n'); // [['a', 'b'], ['1', 'x, y']]
 */
export function csvRows(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * CSV rows as the items of a Distributed Map: one object per row, keyed by the headers (the first row
 * with `CSVHeaderLocation: FIRST_ROW`, or the `CSVHeaders` given). UNCONFIRMED: what AWS does with a row
 * that has more or fewer fields than headers; here missing fields are empty strings and extra ones dropped.
 *
 * @example
 * csvItems('id,name\n1,ada\n', undefined); // [{ id: '1', name: 'ada' }]
 */
export function csvItems(text: string, givenHeaders: readonly string[] | undefined): Array<Record<string, string>> {
  const rows = csvRows(text);
  const headers = givenHeaders ?? rows.shift() ?? [];
  return rows.map((row) => {
    const item: Record<string, string> = {};
    headers.forEach((header, index) => {
      item[header] = row[index] ?? '';
    });
    return item;
  });
}
