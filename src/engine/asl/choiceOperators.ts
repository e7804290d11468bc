/** The comparison operators of Choice rules, decoded from their names (`NumericLessThanEqualsPath`). */

const comparisonFamilies = ['String', 'Numeric', 'Boolean', 'Timestamp'] as const;
export type ComparisonFamily = (typeof comparisonFamilies)[number];

/** Longest first, so that `LessThanEquals` is not read as `LessThan`. */
const relations = ['LessThanEquals', 'GreaterThanEquals', 'LessThan', 'GreaterThan', 'Equals'] as const;
export type Relation = (typeof relations)[number];

const typeTests = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'] as const;
export type TypeTest = (typeof typeTests)[number];

export type ChoiceOperator =
  | { kind: 'compare'; family: ComparisonFamily; relation: Relation; operandIsPath: boolean }
  | { kind: 'matches' }
  | { kind: 'typeTest'; test: TypeTest };

export function choiceOperatorOf(key: string): ChoiceOperator | undefined {
  if (key === 'StringMatches') return { kind: 'matches' };
  if ((typeTests as readonly string[]).includes(key)) return { kind: 'typeTest', test: key as TypeTest };
  const family = comparisonFamilies.find((candidate) => key.startsWith(candidate));
  if (!family) return undefined;
  let rest = key.slice(family.length);
  const operandIsPath = rest.endsWith('Path');
  if (operandIsPath) rest = rest.slice(0, -'Path'.length);
  const relation = relations.find((candidate) => candidate === rest);
  if (!relation) return undefined;
  if (family === 'Boolean' && relation !== 'Equals') return undefined;
  return { kind: 'compare', family, relation, operandIsPath };
}

/** The operator keys present in a rule (a valid comparison rule has exactly one). */
export function operatorKeysOf(rule: Record<string, unknown>): string[] {
  return Object.keys(rule).filter((key) => choiceOperatorOf(key) !== undefined);
}
