/**
 * WebKit tablets (Debian's WebKitGTK MiniBrowser over WebDriver): the standalone participant
 * page with every item type, and a session through the relay (this WebKit has no WebRTC) with
 * a Chromium facilitator. The tablet opens the laptop's LAN address over plain http, and its
 * browser asks for English, so these also cover the English texts.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allTypes, formKinds } from '../fixtures/surveys';
import { HubProcess } from '../e2e/fixtures/hub-process';
import { onlineLink } from './online-link';
import { deviceRows, startSession, submittedCount } from '../e2e/session-helpers';
import { L } from '../fixtures/study-walk';
import {
  answerPriorities,
  answerProfile,
  answerStatements,
  startResponse,
  storedResponses,
  submit,
} from './study-steps';
import { answerEveryItemType, EVERY_ITEM_TYPE_ANSWERS } from './every-item-type';
import { answerFormKinds, FORM_KINDS_ANSWERS } from './form-kinds';
import { webkitLanOrigin, webkitTablet } from './webkit';

test('a WebKit tablet answers every item type, resumes after a reload, submits; IndexedDB holds the answers', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'kring-webkit-')), 'all-types.json');
  writeFileSync(file, JSON.stringify(allTypes()));
  const tablet = await webkitTablet(`${webkitLanOrigin()}/facilitator`);
  try {
    expect(await tablet.evaluate(() => [isSecureContext, typeof window.RTCPeerConnection])).toEqual(
      [false, 'undefined'],
    );
    await answerEveryItemType(tablet, file, 'en');
    const rows = await storedResponses(tablet);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'submitted', language: 'en' });
    expect(rows[0]!.answers).toEqual(EVERY_ITEM_TYPE_ANSWERS);
  } finally {
    await tablet.close();
  }
});

test('a WebKit tablet answers the kinds an XLSForm brings: typed numbers, a choice filter, a pattern, dates, notes', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'kring-webkit-')), 'formulier.json');
  writeFileSync(file, JSON.stringify(formKinds()));
  const tablet = await webkitTablet(`${webkitLanOrigin()}/facilitator`);
  try {
    await answerFormKinds(tablet, file, 'en');
    const [row] = await storedResponses(tablet);
    expect(row?.status).toBe('submitted');
    expect(row?.answers).toEqual(FORM_KINDS_ANSWERS);
  } finally {
    await tablet.close();
  }
});

test('a WebKit tablet (no WebRTC) joins a Chromium facilitator through the relay and submits the whole study', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const tablet = await webkitTablet(webkitLanOrigin() + facilitator.joinPath);
  try {
    await tablet.see(L.en.start, 'button');
    const status = '[data-testid="connection"]';
    await tablet.expectAttribute(status, 'data-path', 'relay');
    // How it connects is for the facilitator: behind Details, one tap away.
    await tablet.click('[data-testid="connection-details"] summary');
    await tablet.see(/through the kit server/, '[data-testid="connection-details"] span');
    await expect(deviceRows(facilitator.page)).toHaveAttribute('data-path', 'relay');

    await startResponse(tablet, 'en');
    await answerProfile(tablet, 'en', 'leerling');
    await answerPriorities(tablet, 'en');
    await answerStatements(tablet, 'en', false);
    await submit(tablet, 'en');
    await tablet.see('✓ Received by the facilitator', '[data-testid="receipt"]');
    await expect(submittedCount(facilitator.page)).toHaveText('1 van 1 ingediend');
    const [row] = await storedResponses(tablet);
    expect(row?.answers['prioriteiten.differentiatie']).toBe(5);
  } finally {
    await tablet.close();
  }
});

test('a WebKit respondent answers an online link over plain http, and its sealed response reaches the hub', async () => {
  const hub = new HubProcess('0.0.0.0');
  await hub.start();
  const link = await onlineLink(hub, 'engines_webkit');
  const lan = new URL(webkitLanOrigin());
  const respondent = await webkitTablet(`http://${lan.hostname}:${hub.port}${link.path}`);
  try {
    expect(await respondent.evaluate(() => isSecureContext)).toBe(false);
    await startResponse(respondent, 'en');
    await answerProfile(respondent, 'en', 'leerkracht');
    await answerPriorities(respondent, 'en');
    await answerStatements(respondent, 'en', true);
    await submit(respondent, 'en');
    await respondent.see('Sent', '[data-testid="send-status"]');
    const [entry, ...more] = await link.opened();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ kind: 'opened', check: { status: 'valid' } });
  } finally {
    await respondent.close();
    await hub.kill();
  }
});
