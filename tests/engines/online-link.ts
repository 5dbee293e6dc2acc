/**
 * An online link on a hub started by the test, for respondents in other engines (issue 25):
 * made over the hub's HTTP routes as a facilitator's laptop makes it, and its envelopes pulled
 * and opened with the study key, as the laptop does.
 */
import type { HubProcess } from '../e2e/fixtures/hub-process';
import { toBase64Url } from '../../src/sync/admission';
import { parseHubKey } from '../../src/sync/hub-names';
import { openPulled, type InboxEntry, type PulledEnvelope } from '../../src/sync/online-inbox';
import { studyKeyPair } from '../../src/sync/online-envelope';
import { study, studyJson } from '../fixtures/surveys';

export interface TestLink {
  path: string;
  /** Every envelope the hub holds for the study, opened and checked. */
  opened(): Promise<InboxEntry[]>;
}

export async function onlineLink(hub: HubProcess, studyId: string): Promise<TestLink> {
  const { token } = parseHubKey(hub.key(studyId, 'engines'))!;
  const base = `http://127.0.0.1:${hub.port}`;
  const auth = { Authorization: `Bearer ${token}` };
  const key = studyKeyPair();
  const id = `link-${studyId.replace(/_/g, '-')}`;
  const put = await fetch(`${base}/online/${id}`, {
    method: 'PUT',
    headers: auth,
    body: JSON.stringify({
      label: 'Engines',
      publicKey: toBase64Url(key.publicKey),
      definition: JSON.stringify(studyJson()),
    }),
  });
  if (!put.ok) throw new Error(`the link was refused: ${await put.text()}`);
  const survey = study();
  return {
    path: `/o/${id}`,
    async opened() {
      const page = (await (
        await fetch(`${base}/online/studies/${studyId}/envelopes?after=0`, { headers: auth })
      ).json()) as { envelopes: PulledEnvelope[] };
      return openPulled(key, page.envelopes, (surveyId, version) =>
        surveyId === survey.id && version === survey.version ? survey : undefined,
      );
    },
  };
}
