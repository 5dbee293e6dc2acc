import type { Item, LocalizedText, Survey } from './survey-schema';

/** One translatable text of a survey and where it sits (a path as survey-validate reports it). */
export interface TextSite {
  path: string;
  text: LocalizedText;
}

/** Every translatable text of a survey, in reading order. */
export function* localizedTexts(survey: Survey): Generator<TextSite> {
  yield { path: 'title', text: survey.title };
  for (const [key, text] of Object.entries(survey.intro)) yield { path: `intro.${key}`, text };
  for (const [s, section] of survey.sections.entries()) {
    const at = `sections[${s}]`;
    yield { path: `${at}.title`, text: section.title };
    if (section.description) yield { path: `${at}.description`, text: section.description };
    for (const [i, item] of section.items.entries()) yield* itemTexts(item, `${at}.items[${i}]`);
  }
}

function* itemTexts(item: Item, at: string): Generator<TextSite> {
  yield { path: `${at}.text`, text: item.text };
  if (item.help) yield { path: `${at}.help`, text: item.help };
  if ('requiredMessage' in item && item.requiredMessage)
    yield { path: `${at}.requiredMessage`, text: item.requiredMessage };
  if ('constraintMessage' in item && item.constraintMessage)
    yield { path: `${at}.constraintMessage`, text: item.constraintMessage };
  const lists: [string, { text: LocalizedText }[] | undefined][] = [];
  switch (item.type) {
    case 'rating-matrix':
      lists.push(['rows', item.rows]);
      yield { path: `${at}.scale.minLabel`, text: item.scale.minLabel };
      yield { path: `${at}.scale.maxLabel`, text: item.scale.maxLabel };
      break;
    case 'likert':
      lists.push(['statements', item.statements], ['scale', item.scale]);
      if (item.noOpinion) yield { path: `${at}.noOpinion.text`, text: item.noOpinion.text };
      break;
    case 'single-choice':
    case 'multiple-choice':
      lists.push(['options', item.options]);
      if (item.other) yield { path: `${at}.other.text`, text: item.other.text };
      break;
    case 'ranking':
      lists.push(['options', item.options]);
      break;
    case 'numeric-scale':
      if (item.minLabel) yield { path: `${at}.minLabel`, text: item.minLabel };
      if (item.maxLabel) yield { path: `${at}.maxLabel`, text: item.maxLabel };
      break;
    case 'profile':
      lists.push(['roles', item.roles], ['schools', item.schools]);
      for (const [n, role] of item.roles.entries())
        if (role.plural) yield { path: `${at}.roles[${n}].plural`, text: role.plural };
      break;
    case 'open-text':
    case 'number':
    case 'date':
    case 'note':
      break;
  }
  for (const [name, entries] of lists) {
    for (const [n, entry] of (entries ?? []).entries()) {
      yield { path: `${at}.${name}[${n}].text`, text: entry.text };
    }
  }
}
