/**
 * Which sections and items a respondent sees. Conditions point only to earlier answers
 * (checked by survey-validate.ts), so one pass in survey order decides everything; answers
 * of hidden items are kept (the participant may change their mind) but never count.
 */
import type { Answers } from './answers';
import { answerKeys } from './answers';
import { conditionHolds } from './condition';
import type { Item, Section, Survey } from './survey-schema';

export interface VisibleSection {
  section: Section;
  /** Index in survey.sections. */
  index: number;
  items: Item[];
}

/** The sections and items shown for these answers, and the answers that count (those of shown items). */
export function resolveVisibility(
  survey: Survey,
  answers: Answers,
): { sections: VisibleSection[]; relevant: Answers } {
  const relevant: Record<string, Answers[string]> = {};
  const sections: VisibleSection[] = [];
  survey.sections.forEach((section, index) => {
    if (!conditionHolds(section.showIf, relevant)) return;
    const items: Item[] = [];
    for (const item of section.items) {
      if (!conditionHolds(item.showIf, relevant)) continue;
      items.push(item);
      for (const key of answerKeys(item)) {
        const value = answers[key];
        if (value !== undefined) relevant[key] = value;
      }
    }
    if (items.length > 0) sections.push({ section, index, items });
  });
  return { sections, relevant };
}
