/** English UI texts. The keys are the contract: nl.ts must translate every one (checked by tsc). */
export const en = {
  'app.loading': 'Loading…',
  'language.label': 'Language',
  'language.nl': 'Nederlands',
  'language.en': 'English',

  'welcome.heading': 'Questionnaire',
  'welcome.start': 'Start',
  'welcome.device': 'Your answers are saved on this device as you go.',

  'consent.accept': 'I agree, start the questionnaire',
  'consent.purpose': 'Why this questionnaire',
  'consent.whoSees': 'Who sees your answers',
  'consent.anonymity': 'Anonymity',
  'consent.howToStop': 'Stopping',

  'nav.back': 'Back',
  'nav.next': 'Next',
  'nav.toReview': 'Check and submit',
  'nav.sectionOf': 'Part {n} of {total}',
  'progress.label': '{answered} of {total} questions answered',

  'item.required': 'required',
  'item.requiredHint': 'Questions with * are required.',
  'item.saved': 'Saved',
  'item.saving': 'Saving…',
  'item.notSaved': 'Not saved yet',
  'item.charCount': '{count} of {max} characters',
  'item.otherPlaceholder': 'Please describe',
  'item.maxSelected': 'Choose at most {max}.',
  'item.clear': 'Clear answer',
  'item.school': 'School',
  'item.schoolPick': 'Choose your school',
  'item.role': 'Role',
  'item.rankHint': 'Put the most important first. Drag an item, or use the arrow buttons.',
  'item.rankUp': 'Move "{label}" up',
  'item.rankDown': 'Move "{label}" down',
  'item.rankKeep': 'Keep this order',
  'item.rankMoved': '"{label}" is now at position {n} of {total}.',

  'review.heading': 'Check your answers',
  'review.allDone': 'All required questions are answered. You can submit.',
  'review.missing':
    '{count} required question still needs an answer:|{count} required questions still need an answer:',
  'review.goTo': 'Go to this question',
  'review.submit': 'Submit my answers',
  'review.submitAnyway': 'You cannot submit until the required questions are answered.',
  'review.final': 'After submitting you can no longer change your answers.',
  'review.submitting': 'Submitting…',

  'thanks.heading': 'Thank you!',
  'thanks.body': 'Your answers are submitted and saved on this device.',
  'thanks.next': 'Next respondent',
  'thanks.nextHint': 'Pass the tablet on: the next person starts with an empty questionnaire.',

  'save.allSaved': 'All answers saved on this device',
  'save.saving': 'Saving…',
  'save.error.quota':
    'This device is full: your last answers are not saved yet. They are kept while this page stays open. Ask the facilitator to free up space, then tap "Try again".',
  'save.error.closed':
    'The browser closed the storage. Your answers are kept while this page stays open. Tap "Try again".',
  'save.error.unavailable':
    'This browser does not let Kring store answers (private mode?). Your answers are kept while this page stays open. Ask the facilitator for help.',
  'save.error.unknown':
    'Your last answers could not be saved. They are kept while this page stays open. Tap "Try again".',
  'save.retry': 'Try again',

  'error.heading': 'Something is wrong',
  'error.surveyInvalid':
    'The questionnaire file has {count} problem and cannot be used:|The questionnaire file has {count} problems and cannot be used:',
  'error.surveyLoad': 'The questionnaire could not be loaded ({reason}).',
  'error.storage':
    'This browser cannot store answers, so the questionnaire cannot start safely ({reason}).',
  'error.reload': 'Reload',

  'issue.expected': 'expected {expected}',
  'issue.received': ', received {received}',
  'issue.document': '(whole file)',

  'kit.heading': 'Kring kit',
  'kit.intro':
    'Participants open this address on their tablet, on the same network as this laptop:',
  'kit.noLan':
    'This laptop has no network address yet. Connect it to the school Wi-Fi or a hotspot.',
  'kit.tryParticipant': 'Try the questionnaire as a participant',
  'kit.checkFile': 'Check a questionnaire file',
  'kit.checkFileHint': 'Choose a questionnaire file (.json) to check it before a session.',
  'kit.fileValid': '"{title}" (version {version}) is valid: {sections} parts, {items} questions.',
  'kit.fileInvalid': '{name} has {count} problem:|{name} has {count} problems:',
  'kit.fileUnreadable': '{name} could not be read.',
  'kit.bundled': 'Bundled questionnaire',
  'kit.previewFile': 'Try this questionnaire as a participant',
  'preview.banner': 'Preview: answers given here are for trying the questionnaire only.',

  'join.heading': 'Join a session',
  'join.codeLabel': 'The code on the screen',
  'join.codeHint': 'Eight letters and digits, for example ABCD-2345.',
  'join.submit': 'Join',
  'join.codeInvalid':
    'That is not a session code: it has 8 letters and digits (there is no 0, 1, I, L or O in it).',
  'join.searching': 'Looking for the facilitator of session {code}…',
  'join.searchingHint':
    "Check that this tablet is on the same Wi-Fi as the facilitator's laptop. It keeps trying by itself.",
  'join.waiting': 'The facilitator will let this tablet in in a moment.',
  'join.removed':
    'The facilitator removed this tablet from the session. The answers on it stay saved here.',
  'join.closed': 'This session is closed: it takes no new answers.',
  'join.other': 'Join another session',
  'join.impostor':
    'Another device posed as the facilitator and was ignored. Please tell the facilitator.',
  'join.waitingSurvey':
    "Joined. The questionnaire arrives as soon as the facilitator's laptop is reached…",
  'join.definitionInvalid': 'The questionnaire the facilitator sent cannot be used:',
  'conn.online': 'Connected to the facilitator',
  'conn.offline':
    'Not connected to the facilitator. Your answers are saved on this tablet and are sent by themselves later.',
  'conn.closed':
    'The session is closed. You can still finish and submit the questionnaire you started.',
  'receipt.received': '✓ Received by the facilitator',
  'receipt.pending':
    'Not received by the facilitator yet: it is sent by itself as soon as this tablet reaches the laptop. Leave the tablet on.',
  'closed.heading': 'The session is closed',
  'closed.body': 'Thank you for taking part. No new questionnaires can be started.',
  'closed.pending':
    '{count} response on this tablet has not reached the facilitator yet. Leave this page open until it has.|{count} responses on this tablet have not reached the facilitator yet. Leave this page open until they have.',
  'closed.allReceived': 'Every response on this tablet has reached the facilitator.',
  'sessions.heading': 'Sessions',
  'sessions.new': 'New session',
  'sessions.noSurvey': 'No questionnaire available: check a questionnaire file below.',
  'sessions.survey': 'Questionnaire',
  'sessions.source.bundled': 'bundled',
  'sessions.source.file': 'checked file',
  'sessions.title': 'Title (optional)',
  'sessions.school': 'School',
  'sessions.start': 'Start the session',
  'sessions.earlier': 'Your sessions',
  'sessions.closed': 'closed',
  'session.back': 'All sessions',
  'session.failed': 'The session could not be opened ({reason}).',
  'session.missing': 'This session does not exist on this laptop.',
  'session.signalingDown':
    'The kit server cannot be reached: tablets cannot join or sync now. Is `npm start` still running? Kring keeps trying.',
  'session.joinHeading': 'Join on a tablet',
  'session.joinHow': 'Scan the QR code, or open the address and type the code:',
  'session.qrLabel': 'QR code to join this session',
  'session.submitted': '{submitted} of {count} submitted',
  'session.closedNote':
    'This session is closed: no new responses. Tablets still hand over what they have.',
  'session.devices': 'Devices ({count})',
  'session.admitByHand': 'Admit new tablets by hand',
  'session.close': 'Close the session',
  'session.closeConfirm':
    'Close this session? Tablets stop taking new responses; nothing already answered is lost.',
  'session.closeYes': 'Yes, close it',
  'session.closeCancel': 'Keep it open',
  'device.none': 'No tablets yet.',
  'device.name': 'Device',
  'device.state': 'State',
  'device.connection': 'Connection',
  'device.responses': 'Responses',
  'device.actions': 'Actions',
  'device.tablet': 'Tablet {n}',
  'device.blocked': 'Blocked: sent far more data than a questionnaire can hold',
  'device.waiting': 'Waiting to be admitted',
  'device.removed': 'Removed',
  'device.answering': 'Answering: {answered} of {total}',
  'device.submitted': 'Submitted',
  'device.joined': 'Joined',
  'device.online': 'connected',
  'device.offlineSince': 'offline since {time}',
  'device.counts': '{submitted} submitted of {started}',
  'device.quarantined': '{count} set aside: not valid|{count} set aside: not valid',
  'device.admit': 'Admit',
  'device.remove': 'Remove',
  'device.removeLabel': 'Remove tablet {n}',
  'session.storage.quota':
    'This laptop\'s storage is full: answers arriving from tablets cannot be stored. The tablets keep them and send them again. Free some space, then press "Try again".',
  'session.storage.closed':
    'The browser closed the storage of this page. The tablets keep their answers. Press "Try again".',
  'session.storage.unavailable':
    'This browser does not let Kring store answers on this laptop (private window?). The tablets keep their answers. Open the facilitator page in a normal window.',
  'session.storage.unknown':
    'Answers from the tablets could not be stored on this laptop. The tablets keep them. Press "Try again".',
  'conn.waiting':
    '{count} response on this tablet is waiting to be sent to the facilitator.|{count} responses on this tablet are waiting to be sent to the facilitator.',
  'results.heading': 'Results',
  'results.show': 'Show the results',
  'results.failed': 'The results could not be loaded ({reason}).',
  'results.filters': 'Filters',
  'results.all': 'All',
  'results.noRole': 'role not given',
  'results.includeInProgress': 'Also count questionnaires still being answered',
  'results.total': '{count} respondent|{count} respondents',
  'results.n': 'n = {n}',
  'results.noOpinion': '"{label}": {count} (not in the bars)',
  'results.median': 'median {median}',
  'results.view': 'Show as',
  'results.view.counts': 'Counts',
  'results.view.percent': 'Percentages',
  'results.view.table': 'Table',
  'results.exportPng': 'Save chart (PNG)',
  'results.exportCsv': 'Save table (CSV)',
  'results.none': 'No answers yet.',
  'results.chartLabel': 'Chart: {title}. The same numbers are in the table view.',
  'results.category': 'Answer',
  'results.count': 'Number',
  'results.openCount': '{count} answer|{count} answers',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
