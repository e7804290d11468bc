/**
 * The `StringMatches` comparison: `*` matches any run of characters (including none); `\*` is a literal
 * asterisk and `\\` a literal backslash. Nothing else is special.
 */
export function stringMatches(value: string, pattern: string): boolean {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index] as string;
    const next = pattern[index + 1];
    if (character === '\\' && (next === '*' || next === '\\')) {
      source += escapeForRegExp(next);
      index++;
    } else if (character === '*') {
      source += '[\\s\\S]*';
    } else {
      source += escapeForRegExp(character);
    }
  }
  return new RegExp(`^${source}$`).test(value);
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
