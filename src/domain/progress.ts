import type { Answers } from './answers';
import { answerConditions } from './condition';
import { isItemComplete, isItemStarted } from './answers';
import type { Item, Section } from './survey-schema';
import type { Survey } from './survey-schema';
import { resolveVisibility } from './visibility';

export interface MissingItem {
  section: Section;
  sectionIndex: number;
  item: Item;
}

export interface SurveyProgress {
  /** Shown items with at least one answer. */
  answered: number;
  /** Shown items. */
  total: number;
  /** Shown required items that are not complete, in survey order. */
  missingRequired: MissingItem[];
}

/** Pass `visibility` when it is already resolved for these answers, so it is not computed twice. */
export function surveyProgress(
  survey: Survey,
  answers: Answers,
  visibility: ReturnType<typeof resolveVisibility> = resolveVisibility(survey, answers),
): SurveyProgress {
  const { sections, relevant } = visibility;
  let answered = 0;
  let total = 0;
  const missingRequired: MissingItem[] = [];
  for (const { section, index, items } of sections) {
    for (const item of items) {
      if (item.type === 'note') continue; // nothing to answer
      total++;
      if (isItemStarted(item, relevant)) answered++;
      if (item.required && !isItemComplete(item, relevant)) {
        missingRequired.push({ section, sectionIndex: index, item });
      }
    }
  }
  return { answered, total, missingRequired };
}

/**
 * How many parts the respondent goes through: the parts shown now, and the parts whose
 * condition waits on an answer not given yet (they may still come). Once the profile is
 * answered the count stays put, however many questions a role adds to a part.
 */
export function partCount(
  survey: Survey,
  answers: Answers,
  visibility: ReturnType<typeof resolveVisibility> = resolveVisibility(survey, answers),
): number {
  const shown = new Set(visibility.sections.map((s) => s.index));
  return survey.sections.filter(
    (section, index) =>
      shown.has(index) ||
      answerConditions(section.showIf).some((c) => visibility.relevant[c.answer] === undefined),
  ).length;
}

/** Whether a response leaves a shown required question unanswered. */
export function missesRequired(survey: Survey, answers: Answers): boolean {
  // Every required question complete, shown or not (most submitted responses): nothing is
  // missing, whatever is shown. An item's completeness reads only its own answers, which a
  // shown item keeps.
  const allComplete = survey.sections.every((section) =>
    section.items.every((item) => !item.required || isItemComplete(item, answers)),
  );
  return !allComplete && surveyProgress(survey, answers).missingRequired.length > 0;
}
