/**
 * Before a report goes out below High, the form asks the service which words of its crisis list the summary holds
 * (`crisisWords`, docs/protocol.md "Crisis words") and, when there are any, asks the reporter once whether to grade it
 * High or Imminent (new-user trial: "不想活了，药都攒好了…" was sent at “不确定” and waited 24 hours for grading). The list
 * lives in the service alone, which flags the same report when it is sent; a match only prompts, the reporter decides, and
 * no match means nothing.
 */
import { graphql } from '../../gql';

/** The service's answer: the crisis words the text holds, as its list writes them. */
export const CrisisWordsQuery = graphql(`
  query CrisisWords($text: String!) {
    crisisWords(text: $text)
  }
`);

/** The risk levels the report form offers ('' is “not sure”, sent as ungraded). */
export type ReportRisk = '' | 'LOW' | 'MODERATE' | 'HIGH' | 'IMMINENT';

/** True when the chosen risk is below High, so the form asks the service about the words before sending. Pure. */
export function belowHigh(risk: ReportRisk): boolean {
  return risk !== 'HIGH' && risk !== 'IMMINENT';
}

/** True when the form should stop once and ask: the service found crisis words and the chosen risk is below High. Pure. */
export function shouldAskCrisis(risk: ReportRisk, found: readonly string[]): boolean {
  return belowHigh(risk) && found.length > 0;
}
