/**
 * A study on this laptop: its sessions (run here or imported from bundles) grouped by the
 * questionnaire they answered. Sessions of several versions of one questionnaire are one group:
 * their answers count together item by item where the item kept its meaning (VersionPlan).
 * Two different definitions under the same id and version (edited apart on two laptops) are
 * never mixed: the second one gets a group of its own.
 */
import { planVersions, type VersionPlan } from '../../domain/authoring/versions';
import type { Survey } from '../../domain/survey-schema';
import { validateSurvey } from '../../domain/survey-validate';
import type { KringDb, SessionRow } from '../../storage/db';
import { definitionKey } from '../../storage/definition-key';
import { SUMMARY_FORMAT } from '../../domain/results/session-summary';
import { sessionsOldestFirst } from '../../storage/session-store';

export interface StudyGroup {
  key: string;
  /** The latest version: what the results show. */
  survey: Survey;
  plan: VersionPlan;
  /** What its sessions' stored summaries are counted against: the latest version's text, keyed. */
  basis: string;
  sessions: SessionRow[];
  /** Session id → the version it ran. */
  versionOf: ReadonlyMap<string, number>;
  /** Version → its questionnaire. */
  surveyOf: ReadonlyMap<number, Survey>;
}

interface Gathering {
  key: string;
  /** Version → its definition, as stored (text, compared exactly). */
  definitions: Map<number, { text: string; survey: Survey }>;
  sessions: SessionRow[];
  versionOf: Map<string, number>;
}

export async function studyGroups(db: KringDb): Promise<StudyGroup[]> {
  const gatherings: Gathering[] = [];
  // Sessions of one questionnaire hold the same text: each text is checked once.
  const checks = new Map<string, ReturnType<typeof validateSurvey>>();
  for (const session of await sessionsOldestFirst(db)) {
    let checked = checks.get(session.definition);
    if (!checked) checks.set(session.definition, (checked = validateSurvey(session.definition)));
    if (!checked.ok) continue;
    const { id, version } = checked.survey;
    const fits = (g: Gathering) => {
      const known = g.definitions.get(version);
      const sameSurvey = [...g.definitions.values()][0]?.survey.id === id;
      return sameSurvey && (!known || known.text === session.definition);
    };
    let gathering = gatherings.find(fits);
    if (!gathering) {
      const taken = gatherings.filter((g) => g.key === id || g.key.startsWith(`${id}#`)).length;
      gathering = {
        key: taken ? `${id}#${taken + 1}` : id,
        definitions: new Map(),
        sessions: [],
        versionOf: new Map(),
      };
      gatherings.push(gathering);
    }
    gathering.definitions.set(version, { text: session.definition, survey: checked.survey });
    gathering.sessions.push(session);
    gathering.versionOf.set(session.id, version);
  }
  return gatherings.map(({ key, definitions, sessions, versionOf }) => {
    const plan = planVersions([...definitions.values()].map((d) => d.survey));
    const latestText = definitions.get(plan.latest.version)!.text;
    const basis = `summary-${SUMMARY_FORMAT}:${definitionKey(latestText)}`;
    const surveyOf = new Map([...definitions].map(([version, d]) => [version, d.survey]));
    return { key, survey: plan.latest, plan, basis, sessions, versionOf, surveyOf };
  });
}
