import type { RiskLevel } from '../../gql/graphql';

/** The call log's risk filter choice: any, a level, or 'UNGRADED' (calls nobody graded). */
export type CallRiskChoice = RiskLevel | 'UNGRADED' | '';

/**
 * The `calls` arguments of a risk filter choice (docs/intake.md): a level lists graded calls only — the API never lists a
 * call nobody graded under LOW, whose LOW is a placeholder — and 'UNGRADED' asks for those with `riskGraded: false`.
 */
export function callRiskArgs(choice: CallRiskChoice): { riskLevel?: RiskLevel; riskGraded?: boolean } {
  if (choice === 'UNGRADED') return { riskGraded: false };
  return choice ? { riskLevel: choice } : {};
}
