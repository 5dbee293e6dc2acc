/**
 * The variables of a data export (docs/export-formats.md): one per column of the wide table,
 * with a name SPSS and R accept, a label, numeric codes with value labels for every closed
 * answer, and the "no opinion" codes as missing values. Choices are coded 1..n in the order of
 * the definition ("other" is n + 1), a multiple choice becomes one 0/1 variable per option, and a
 * ranking one variable per option holding its rank.
 */
import { OTHER_OPTION, range, type AnswerValue, type Answers } from '../answers';
import { countedItems, type VersionPlan } from '../authoring/versions';
import { itemsOf, type Item, type LocalizedText, type Survey } from '../survey-schema';

export interface Variable {
  name: string;
  label: string;
  type: 'numeric' | 'string';
  /** How SPSS and R should treat it: categories, ordered categories or a quantity. */
  level: 'nominal' | 'ordinal' | 'scale';
  /** Code → label, for numeric variables with a closed set of answers. */
  values?: [number, string][];
  /** Codes that are answers but not on the scale ("no opinion"): missing in analyses. */
  missing?: number[];
  /** Decimals a numeric answer may have (a typed number); whole numbers otherwise. */
  decimals?: number;
  /** This variable's value in a response (undefined: not answered). */
  read(answers: Answers): string | number | undefined;
  /** The questionnaire versions whose answers it holds (undefined: every version). */
  versions?: ReadonlySet<number>;
}

export type Text = (value: LocalizedText | undefined) => string;

/** The meta variables every export starts with: times in UTC (ISO 8601), then local times. */
export const META_VARIABLES = [
  'response_id',
  'session_id',
  'session_school',
  'survey_version',
  'language',
  'status',
  'started_at',
  'submitted_at',
  'started_local',
  'submitted_local',
] as const;

export function surveyVariables(survey: Survey, text: Text): Variable[] {
  return itemsOf(survey).flatMap((item) => itemVariables(item, text));
}

/**
 * The variables of a study over several versions of one questionnaire: the latest version's,
 * each holding the answers of every version in which its item kept its meaning; then, per
 * earlier version, its items that changed meaning or were removed, named `name_v<version>` and
 * holding only that version's answers (never mixed into a variable whose codes differ).
 */
export function studyVariables(
  plan: VersionPlan,
  surveys: readonly Survey[],
  text: Text,
): Variable[] {
  const latest = plan.latest;
  const variables = latest.sections
    .flatMap((s) => s.items)
    .flatMap((item) => {
      const versions = plan.versions.filter((v) => {
        const counted = countedItems(plan, v);
        return counted === 'all' || counted.has(item.id);
      });
      return itemVariables(item, text).map((v) => ({ ...v, versions: new Set(versions) }));
    });
  for (const survey of surveys) {
    if (survey.version === latest.version) continue;
    const counted = countedItems(plan, survey.version);
    for (const item of itemsOf(survey)) {
      if (counted === 'all' || counted.has(item.id)) continue;
      for (const v of itemVariables(item, text))
        variables.push({
          ...v,
          name: `${v.name}_v${survey.version}`,
          label: `${v.label} (v${survey.version})`,
          versions: new Set([survey.version]),
        });
    }
  }
  return variables;
}

function itemVariables(item: Item, text: Text): Variable[] {
  const label = text(item.text);
  const numeric = (
    name: string,
    sub: string,
    level: Variable['level'],
    values?: [number, string][],
    missing?: number[],
  ) => ({
    name,
    label: sub ? `${label} – ${sub}` : label,
    type: 'numeric' as const,
    level,
    ...(values ? { values } : {}),
    ...(missing ? { missing } : {}),
    read: (a: Answers) => asNumber(a[name]),
  });
  const string = (name: string, sub: string): Variable => ({
    name,
    label: sub ? `${label} – ${sub}` : label,
    type: 'string',
    level: 'nominal',
    read: (a) => asText(a[name]),
  });
  switch (item.type) {
    case 'rating-matrix': {
      const values = range(item.scale.min, item.scale.max).map((v): [number, string] => [
        v,
        v === item.scale.min
          ? `${v} ${text(item.scale.minLabel)}`
          : v === item.scale.max
            ? `${v} ${text(item.scale.maxLabel)}`
            : String(v),
      ]);
      return item.rows.map((row) =>
        numeric(`${item.id}.${row.id}`, text(row.text), 'ordinal', values),
      );
    }
    case 'likert': {
      const values = [...item.scale, ...(item.noOpinion ? [item.noOpinion] : [])].map(
        (p): [number, string] => [p.code, text(p.text)],
      );
      const missing = item.noOpinion ? [item.noOpinion.code] : undefined;
      return item.statements.map((s) =>
        numeric(`${item.id}.${s.id}`, text(s.text), 'ordinal', values, missing),
      );
    }
    case 'numeric-scale':
      return [numeric(item.id, '', 'scale')];
    case 'number':
      return [
        {
          ...numeric(item.id, '', 'scale'),
          ...(item.decimals > 0 ? { decimals: item.decimals } : {}),
        },
      ];
    case 'note':
      return [];
    case 'single-choice': {
      const options = choiceCodes(item, text);
      const variable: Variable = {
        ...numeric(item.id, '', 'nominal'),
        values: options.map(([, code, name]) => [code, name]),
        read: (a) => options.find(([id]) => id === a[item.id])?.[1],
      };
      return item.other
        ? [variable, string(`${item.id}.${OTHER_OPTION}`, text(item.other.text))]
        : [variable];
    }
    case 'multiple-choice': {
      const options = choiceCodes(item, text);
      const variables = options.map(([id, , name]): Variable => ({
        ...numeric(`${item.id}.${id === OTHER_OPTION ? 'other_chosen' : id}`, name, 'nominal', [
          [0, '-'],
          [1, name],
        ]),
        read: (a) => {
          const chosen = a[item.id];
          return Array.isArray(chosen)
            ? Number((chosen as readonly string[]).includes(id))
            : undefined;
        },
      }));
      return item.other
        ? [...variables, string(`${item.id}.${OTHER_OPTION}`, text(item.other.text))]
        : variables;
    }
    case 'ranking':
      return item.options.map((option): Variable => ({
        ...numeric(`${item.id}.${option.id}`, text(option.text), 'ordinal'),
        read: (a) => {
          const order = a[item.id];
          const at = Array.isArray(order) ? (order as readonly string[]).indexOf(option.id) : -1;
          return at === -1 ? undefined : at + 1;
        },
      }));
    case 'profile': {
      const roles = item.roles.map((r, i): [string, number, string] => [r.id, i + 1, text(r.text)]);
      const role: Variable = {
        ...numeric(`${item.id}.role`, 'role', 'nominal'),
        values: roles.map(([, code, name]) => [code, name]),
        read: (a) => roles.find(([id]) => id === a[`${item.id}.role`])?.[1],
      };
      return [role, string(`${item.id}.school`, 'school')];
    }
    case 'open-text':
    case 'date':
      return [string(item.id, '')];
  }
}

/** A choice item's options as [id, code, label], "other" last. */
function choiceCodes(
  item: Extract<Item, { type: 'single-choice' | 'multiple-choice' }>,
  text: Text,
): [string, number, string][] {
  // Whole-number option ids (an XLSForm's `1`, `0`, `99`) are the codes; otherwise 1, 2, 3…
  const numeric = item.options.every((o) => /^-?\d{1,9}$/.test(o.id));
  const codes = item.options.map((o, i) => (numeric ? Number(o.id) : i + 1));
  const options = item.options.map((o, i): [string, number, string] => [
    o.id,
    codes[i]!,
    text(o.text),
  ]);
  if (item.other) options.push([OTHER_OPTION, Math.max(0, ...codes) + 1, text(item.other.text)]);
  return options;
}

function asNumber(value: AnswerValue | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function asText(value: AnswerValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
