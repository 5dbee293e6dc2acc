/** English UI texts. The keys are the contract: nl.ts must translate every one (checked by tsc). */
export const en = {
  'app.loading': 'Loading…',
  'app.partUnavailable':
    "This part could not be loaded: the facilitator's laptop cannot be reached now. Your answers stay saved on this tablet.",
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
  'progress.label': 'Part {at} of {total}',
  'progress.review': 'All parts seen: check and submit',

  'item.required': 'required',
  'item.requiredHint': 'Questions with * are required.',
  'item.saved': 'Saved',
  'item.saving': 'Saving…',
  'item.notSaved': 'Not saved yet',
  'item.charCount': '{count} of {max} characters',
  'item.otherPlaceholder': 'Please describe',
  'item.maxSelected': 'Choose at most {max}.',
  'item.constraint': 'This answer does not have the form the question asks for.',
  'item.number': 'Type a number.',
  'item.numberWhole': 'Type a whole number.',
  'item.numberBetween': 'Type a number from {min} to {max}.',
  'item.numberAtLeast': 'Type a number of at least {min}.',
  'item.numberAtMost': 'Type a number of at most {max}.',
  'item.date.date': 'a date, like 2026-03-31',
  'item.date.time': 'a time, like 14:30',
  'item.date.datetime': 'a date and time, like 2026-03-31T14:30',
  'item.clear': 'Clear answer',
  'item.school': 'School',
  'item.schoolPick': 'Choose your school',
  'item.role': 'Role',
  'item.rankHint': 'Put the most important first. Drag an item, or use the arrow buttons.',
  'item.rankUp': 'Move "{label}" up',
  'item.rankDown': 'Move "{label}" down',
  'item.rankKeep': 'Keep this order',
  'item.rankMoved': '"{label}" is now at position {n} of {total}.',

  'review.yourAnswers': 'Your answers',
  'review.notAnswered': 'not answered',
  'review.change': 'Change',
  'review.changeLabel': 'Change your answer to: {question}',
  'review.heading': 'Check your answers',
  'review.allDone': 'All required questions are answered. You can submit.',
  'review.missing':
    '{count} required question still needs an answer:|{count} required questions still need an answer:',
  'review.refused': 'These answers cannot be sent as they are. Change them, then submit:',
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

  'problem.sentence': 'This did not work: {reason}.',
  'problem.quota': 'the storage of this device is full',
  'problem.closed': 'the browser closed the storage; reload the page',
  'problem.unavailable': 'this browser does not let Kring store data (private mode?)',
  'problem.unknown': 'an unexpected error; the browser console has the details',

  'error.heading': 'Something is wrong',
  'error.surveyInvalid':
    'The questionnaire file has {count} problem and cannot be used:|The questionnaire file has {count} problems and cannot be used:',
  'error.surveyUnreachable':
    "The questionnaire could not be loaded: this device has not opened it before and cannot reach the kit now. Connect to the kit's network and reload.",
  'error.noPreview':
    "There is no questionnaire to try out on this device: open it again from the laptop's start page.",
  'error.storage':
    'This browser cannot store answers, so the questionnaire cannot start safely ({reason}).',
  'error.reload': 'Reload',

  'issue.expected': 'expected {expected}',
  'issue.received': ', received {received}',
  'issue.document': '(whole file)',

  'standalone.banner':
    'For trying out: answers on this page stay on this device and reach no laptop.',
  'standalone.join': 'Join a session',
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
  'join.noAnswer':
    'No session answers to code {code}. Does it match the code on the facilitator’s screen? If not, type it again.',
  'join.waiting': 'The facilitator will let this tablet in in a moment.',
  'join.removed':
    'The facilitator removed this tablet from the session. The answers on it stay saved here.',
  'join.closed': 'This session is closed: it takes no new answers.',
  'join.other': 'Join another session',
  'join.checkCode':
    "Check code of the facilitator: {code}. The facilitator's screen shows the same; if not, tell the facilitator.",
  'earlier.pending':
    '{count} answer list from session {code} on this tablet has not reached its facilitator yet. It is kept here and goes when this tablet is back in that session.|{count} answer lists from session {code} on this tablet have not reached their facilitator yet. They are kept here and go when this tablet is back in that session.',
  'earlier.rejoin': 'Back to session {code}',
  'join.impostor':
    'Another device (check code {codes}) posed as the facilitator and was ignored. Please tell the facilitator.|{count} other devices (check codes {codes}) posed as the facilitator and were ignored. Please tell the facilitator.',
  'join.pick.heading': "Which check code does the facilitator's screen show?",
  'join.pick.hint':
    'Tap the same code as on the screen or the beamer. That way this tablet is sure it joins the right laptop.',
  'join.pick.several':
    '{count} laptops answer this session code. Pick the code of your facilitator; the other is ignored.',
  'join.pick.none': 'None of these',
  'join.pick.noneHint':
    'The tablet keeps looking. If the code on the screen does not show up here within half a minute, ask the facilitator.',
  'join.pick.wrong': "That code belongs to no laptop here. Look again at the facilitator's screen.",
  'join.waitingSurvey':
    "Joined. The questionnaire arrives as soon as the facilitator's laptop is reached…",
  'join.definitionInvalid': 'The questionnaire the facilitator sent cannot be used:',
  'conn.tablet': 'Tablet {n}',
  'conn.details': 'Details',
  'conn.online': 'Connected to the facilitator',
  'conn.path.webrtc': 'directly (WebRTC)',
  'conn.path.relay': 'through the kit server',
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
  'conn.waiting':
    '{count} response on this tablet is waiting to be sent to the facilitator.|{count} responses on this tablet are waiting to be sent to the facilitator.',
  'discussion.heading': 'Group discussion',
  'discussion.stance': 'What do you think of what is on the screen?',
  'discussion.agree': 'I agree',
  'discussion.disagree': 'I disagree',
  'discussion.reactionLabel': 'Your reaction',
  'discussion.anonymous': 'Anonymous: nobody sees who sent it. The facilitator reads it first.',
  'discussion.send': 'Send',
  'discussion.sent': '✓ Sent. It appears once the facilitator approves it.',
  'discussion.yours': 'You sent',
  'discussion.approved': 'Reactions of the group',
  'discussion.noneYet': 'No reactions shown yet.',
  'discussion.support': 'Support "{text}"',
  'discussion.back': 'Back to the questionnaire',
  'discussion.banner': 'The group is discussing the results.',
  'discussion.join': 'Join in',
  'online.sealedNote':
    'Your answers are kept on this device as you give them, and sent sealed: only the researchers of this study can read them.',
  'online.codeLabel': 'Your access code',
  'online.codeHint':
    'You received it with the invitation, for example K7PM-Q2XD. Each code is for one person.',
  'online.codeEmpty': 'Type the access code from your invitation.',
  'online.codeSubmit': 'Continue',
  'online.sent': 'Sent: the researchers have received your answers.',
  'online.sending': 'Sending your answers…',
  'online.waiting':
    'Not sent yet: the study’s server cannot be reached. Your answers are saved on this device and are sent by themselves as soon as it can; you may close this page and open the link again later.',
  'online.waitingOffline':
    'Not sent yet: this device is offline. Your answers are saved on it and are sent by themselves as soon as there is internet; you may close this page and open the link again later.',
  'online.notStored':
    'Your answers are saved on this device, but they could not be made ready to send (the device’s storage failed, perhaps full). Free some space and try again; keep this page open.',
  'online.earlierWaiting':
    '{count} earlier response on this computer has not been sent yet; it is sent by itself. Leave the page open or open the link again later.|{count} earlier responses on this computer have not been sent yet; they are sent by themselves. Leave the page open or open the link again later.',
  'online.tryNow': 'Try sending now',
  'online.keptHere': 'Your answers stay saved on this device.',
  'online.refused.unknownLink':
    'This link no longer exists, so your answers cannot be sent. Ask the researchers for a new link.',
  'online.refused.notOpenYet': 'This questionnaire does not take answers yet.',
  'online.refused.closed':
    'This questionnaire closed before your answers arrived, so they could not be sent.',
  'online.refused.linkFull': 'This questionnaire has received as many answers as it can take.',
  'online.refused.notYours': 'These answers could not be sent from this browser.',
  'online.refused.codeNeeded': 'An access code is needed to send your answers.',
  'online.refused.codeUnknown':
    'That access code is not one of this questionnaire’s. Check it and type it again.',
  'online.refused.codeUsed':
    'That access code has been used already: each code is for one person. Check it and type it again.',
  'online.refused.tooLarge':
    'Your answers are too long to send. Shorten an open answer and submit again.',
  'online.refused.malformed': 'Your answers could not be sent (the server did not accept them).',
  'online.answeredHeading': 'You have answered this questionnaire',
  'online.answeredBody': 'Thank you. Each person answers once.',
  'online.closedHeading': 'This questionnaire is closed',
  'online.closedBody': 'It takes no more answers. Thank you for your interest.',
  'online.notYetHeading': 'This questionnaire is not open yet',
  'online.notYetBody': 'It opens on {date}.',
  'online.unknownLink':
    'This link does not lead to a questionnaire. Check the address in your invitation.',
  'online.unreachable':
    'The questionnaire could not be loaded: this device has not opened it before and cannot reach the study’s server now. Check your internet connection and reload.',
} as const;

export type ParticipantKey = keyof typeof en;
export type Messages = Record<ParticipantKey, string>;
