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
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
