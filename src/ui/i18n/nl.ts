import type { Messages } from './en';

/** Dutch UI texts (the default for schools in Flanders). */
export const nl: Messages = {
  'app.loading': 'Bezig met laden…',
  'app.partUnavailable':
    'Dit deel kon niet geladen worden: de laptop van de begeleider is nu niet bereikbaar. Je antwoorden blijven op deze tablet bewaard.',
  'language.label': 'Taal',
  'language.nl': 'Nederlands',
  'language.en': 'English',

  'welcome.heading': 'Vragenlijst',
  'welcome.start': 'Beginnen',
  'welcome.device': 'Je antwoorden worden meteen op dit toestel bewaard.',

  'consent.accept': 'Ik ga akkoord, start de vragenlijst',
  'consent.purpose': 'Waarom deze vragenlijst',
  'consent.whoSees': 'Wie ziet je antwoorden',
  'consent.anonymity': 'Anonimiteit',
  'consent.howToStop': 'Stoppen',

  'nav.back': 'Terug',
  'nav.next': 'Volgende',
  'nav.toReview': 'Nakijken en indienen',
  'nav.sectionOf': 'Deel {n} van {total}',
  'progress.label': 'Deel {at} van {total}',
  'progress.review': 'Alle delen gezien: nakijken en indienen',

  'item.required': 'verplicht',
  'item.requiredHint': 'Vragen met * zijn verplicht.',
  'item.saved': 'Bewaard',
  'item.saving': 'Bezig met bewaren…',
  'item.notSaved': 'Nog niet bewaard',
  'item.charCount': '{count} van {max} tekens',
  'item.otherPlaceholder': 'Vul aan',
  'item.maxSelected': 'Kies er hoogstens {max}.',
  'item.constraint': 'Dit antwoord heeft niet de vorm die de vraag vraagt.',
  'item.number': 'Typ een getal.',
  'item.numberWhole': 'Typ een geheel getal.',
  'item.numberBetween': 'Typ een getal van {min} tot {max}.',
  'item.numberAtLeast': 'Typ een getal van minstens {min}.',
  'item.numberAtMost': 'Typ een getal van hoogstens {max}.',
  'item.date.date': 'een datum, zoals 2026-03-31',
  'item.date.time': 'een tijd, zoals 14:30',
  'item.date.datetime': 'een datum en tijd, zoals 2026-03-31T14:30',
  'item.clear': 'Antwoord wissen',
  'item.school': 'School',
  'item.schoolPick': 'Kies je school',
  'item.role': 'Rol',
  'item.rankHint':
    'Zet het belangrijkste bovenaan. Sleep een onderdeel, of gebruik de pijlknoppen.',
  'item.rankUp': '"{label}" omhoog',
  'item.rankDown': '"{label}" omlaag',
  'item.rankKeep': 'Deze volgorde is goed',
  'item.rankMoved': '"{label}" staat nu op plaats {n} van {total}.',

  'review.yourAnswers': 'Je antwoorden',
  'review.notAnswered': 'niet beantwoord',
  'review.change': 'Wijzigen',
  'review.changeLabel': 'Je antwoord wijzigen op: {question}',
  'review.heading': 'Kijk je antwoorden na',
  'review.allDone': 'Alle verplichte vragen zijn beantwoord. Je kan indienen.',
  'review.missing':
    'Nog {count} verplichte vraag zonder antwoord:|Nog {count} verplichte vragen zonder antwoord:',
  'review.refused': 'Deze antwoorden kunnen zo niet verstuurd worden. Pas ze aan en dien dan in:',
  'review.goTo': 'Ga naar deze vraag',
  'review.submit': 'Mijn antwoorden indienen',
  'review.submitAnyway': 'Je kan pas indienen als de verplichte vragen beantwoord zijn.',
  'review.final': 'Na het indienen kan je je antwoorden niet meer wijzigen.',
  'review.submitting': 'Bezig met indienen…',

  'thanks.heading': 'Dank je wel!',
  'thanks.body': 'Je antwoorden zijn ingediend en bewaard op dit toestel.',
  'thanks.next': 'Volgende deelnemer',
  'thanks.nextHint': 'Geef de tablet door: de volgende persoon begint met een lege vragenlijst.',

  'save.allSaved': 'Alle antwoorden bewaard op dit toestel',
  'save.saving': 'Bezig met bewaren…',
  'save.error.quota':
    'Dit toestel is vol: je laatste antwoorden zijn nog niet bewaard. Ze blijven behouden zolang deze pagina openstaat. Vraag de begeleider om ruimte vrij te maken en tik dan op "Opnieuw proberen".',
  'save.error.closed':
    'De browser heeft de opslag gesloten. Je antwoorden blijven behouden zolang deze pagina openstaat. Tik op "Opnieuw proberen".',
  'save.error.unavailable':
    'Deze browser laat Kring geen antwoorden bewaren (privévenster?). Je antwoorden blijven behouden zolang deze pagina openstaat. Vraag de begeleider om hulp.',
  'save.error.unknown':
    'Je laatste antwoorden konden niet bewaard worden. Ze blijven behouden zolang deze pagina openstaat. Tik op "Opnieuw proberen".',
  'save.retry': 'Opnieuw proberen',

  'problem.sentence': 'Dit lukte niet: {reason}.',
  'problem.quota': 'de opslag van dit toestel is vol',
  'problem.closed': 'de browser heeft de opslag gesloten; laad de pagina opnieuw',
  'problem.unavailable': 'deze browser laat Kring geen gegevens bewaren (privévenster?)',
  'problem.unknown': 'een onverwachte fout; de console van de browser heeft de details',

  'error.heading': 'Er loopt iets mis',
  'error.surveyInvalid':
    'Het vragenlijstbestand heeft {count} probleem en kan niet gebruikt worden:|Het vragenlijstbestand heeft {count} problemen en kan niet gebruikt worden:',
  'error.surveyUnreachable':
    'De vragenlijst kon niet geladen worden: dit toestel opende ze nog niet eerder en bereikt de kit nu niet. Verbind met het netwerk van de kit en laad opnieuw.',
  'error.noPreview':
    'Er is geen vragenlijst om uit te proberen op dit toestel: open ze opnieuw vanaf de startpagina van de laptop.',
  'error.storage':
    'Deze browser kan geen antwoorden bewaren, dus de vragenlijst kan niet veilig starten ({reason}).',
  'error.reload': 'Opnieuw laden',

  'issue.expected': 'verwacht {expected}',
  'issue.received': ', gevonden {received}',
  'issue.document': '(hele bestand)',

  'standalone.banner':
    'Om uit te proberen: antwoorden op deze pagina blijven op dit toestel en bereiken geen laptop.',
  'standalone.join': 'Meedoen aan een sessie',
  'preview.banner':
    'Voorbeeld: antwoorden die je hier geeft, dienen enkel om de vragenlijst uit te proberen.',

  'join.heading': 'Deelnemen aan een sessie',
  'join.codeLabel': 'De code op het scherm',
  'join.codeHint': 'Acht letters en cijfers, bijvoorbeeld ABCD-2345.',
  'join.submit': 'Deelnemen',
  'join.codeInvalid':
    'Dat is geen sessiecode: ze heeft 8 letters en cijfers (er zit geen 0, 1, I, L of O in).',
  'join.searching': 'Op zoek naar de begeleider van sessie {code}…',
  'join.searchingHint':
    'Controleer of deze tablet op dezelfde wifi zit als de laptop van de begeleider. Hij blijft het zelf proberen.',
  'join.noAnswer':
    'Geen enkele sessie antwoordt op code {code}. Klopt de code met die op het scherm van de begeleider? Typ ze anders opnieuw.',
  'join.waiting': 'De begeleider laat deze tablet zo meteen toe.',
  'join.removed':
    'De begeleider heeft deze tablet uit de sessie gehaald. De antwoorden erop blijven hier bewaard.',
  'join.closed': 'Deze sessie is afgesloten: ze neemt geen nieuwe antwoorden meer aan.',
  'join.other': 'Aan een andere sessie deelnemen',
  'join.checkCode':
    'Controlecode van de begeleider: {code}. Het scherm van de begeleider toont dezelfde; zo niet, zeg het de begeleider.',
  'earlier.pending':
    '{count} antwoordenlijst van sessie {code} op deze tablet is nog niet bij de begeleider. Ze blijft hier bewaard en gaat mee zodra deze tablet weer in die sessie is.|{count} antwoordenlijsten van sessie {code} op deze tablet zijn nog niet bij de begeleider. Ze blijven hier bewaard en gaan mee zodra deze tablet weer in die sessie is.',
  'earlier.rejoin': 'Terug naar sessie {code}',
  'join.impostor':
    'Een ander toestel (controlecode {codes}) deed zich voor als de begeleider en werd genegeerd. Meld het aan de begeleider.|{count} andere toestellen (controlecodes {codes}) deden zich voor als de begeleider en werden genegeerd. Meld het aan de begeleider.',
  'join.pick.heading': 'Welke controlecode staat op het scherm van de begeleider?',
  'join.pick.hint':
    'Tik op dezelfde code als op het scherm of de beamer. Zo weet deze tablet zeker dat hij bij de juiste laptop aansluit.',
  'join.pick.several':
    '{count} laptops antwoorden op deze sessiecode. Kies de code van jouw begeleider; de andere wordt genegeerd.',
  'join.pick.none': 'Geen van deze',
  'join.pick.noneHint':
    'De tablet blijft zoeken. Staat de code van het scherm er binnen een halve minuut niet bij, vraag het dan aan de begeleider.',
  'join.pick.wrong':
    'Die code hoort bij geen enkele laptop hier. Kijk nog eens goed naar het scherm van de begeleider.',
  'join.waitingSurvey':
    'Aangemeld. De vragenlijst komt zodra de laptop van de begeleider bereikt wordt…',
  'join.definitionInvalid': 'De vragenlijst die de begeleider stuurde, kan niet gebruikt worden:',
  'conn.tablet': 'Tablet {n}',
  'conn.details': 'Details',
  'conn.online': 'Verbonden met de begeleider',
  'conn.path.webrtc': 'rechtstreeks (WebRTC)',
  'conn.path.relay': 'via de kitserver',
  'conn.offline':
    'Niet verbonden met de begeleider. Je antwoorden zijn op deze tablet bewaard en worden later vanzelf verstuurd.',
  'conn.closed':
    'De sessie is afgesloten. Je kunt de vragenlijst die je begon nog afwerken en indienen.',
  'receipt.received': '✓ Ontvangen door de begeleider',
  'receipt.pending':
    'Nog niet ontvangen door de begeleider: het wordt vanzelf verstuurd zodra deze tablet de laptop bereikt. Laat de tablet aan.',
  'closed.heading': 'De sessie is afgesloten',
  'closed.body': 'Bedankt voor je deelname. Er kunnen geen nieuwe vragenlijsten meer starten.',
  'closed.pending':
    '{count} antwoordenlijst op deze tablet is nog niet bij de begeleider. Laat deze pagina open tot ze er is.|{count} antwoordenlijsten op deze tablet zijn nog niet bij de begeleider. Laat deze pagina open tot ze er zijn.',
  'closed.allReceived': 'Alle antwoorden op deze tablet zijn bij de begeleider.',
  'conn.waiting':
    '{count} antwoordenlijst op deze tablet wacht om naar de begeleider te gaan.|{count} antwoordenlijsten op deze tablet wachten om naar de begeleider te gaan.',
  'discussion.heading': 'Groepsgesprek',
  'discussion.stance': 'Wat vind je van wat op het scherm staat?',
  'discussion.agree': 'Eens',
  'discussion.disagree': 'Oneens',
  'discussion.reactionLabel': 'Jouw reactie',
  'discussion.anonymous': 'Anoniem: niemand ziet wie het stuurde. De begeleider leest het eerst.',
  'discussion.send': 'Versturen',
  'discussion.sent': '✓ Verstuurd. Het verschijnt zodra de begeleider het goedkeurt.',
  'discussion.yours': 'Jij stuurde',
  'discussion.approved': 'Reacties van de groep',
  'discussion.noneYet': 'Nog geen reacties getoond.',
  'discussion.support': 'Steun "{text}"',
  'discussion.back': 'Terug naar de vragenlijst',
  'discussion.banner': 'De groep bespreekt de resultaten.',
  'discussion.join': 'Meedoen',
  'online.sealedNote':
    'Je antwoorden worden bewaard op dit toestel terwijl je ze geeft, en verzegeld verstuurd: alleen de onderzoekers van deze studie kunnen ze lezen.',
  'online.codeLabel': 'Je toegangscode',
  'online.codeHint':
    'Je kreeg hem bij de uitnodiging, bijvoorbeeld K7PM-Q2XD. Elke code is voor één persoon.',
  'online.codeEmpty': 'Typ de toegangscode uit je uitnodiging.',
  'online.codeSubmit': 'Verder',
  'online.sent': 'Verstuurd: de onderzoekers hebben je antwoorden ontvangen.',
  'online.sending': 'Je antwoorden worden verstuurd…',
  'online.waiting':
    'Nog niet verstuurd: de server van de studie is niet bereikbaar. Je antwoorden zijn bewaard op dit toestel en worden vanzelf verstuurd zodra het kan; je mag deze pagina sluiten en de link later opnieuw openen.',
  'online.waitingOffline':
    'Nog niet verstuurd: dit toestel is offline. Je antwoorden zijn erop bewaard en worden vanzelf verstuurd zodra er internet is; je mag deze pagina sluiten en de link later opnieuw openen.',
  'online.notStored':
    'Je antwoorden zijn bewaard op dit toestel, maar konden niet klaargezet worden om te versturen (de opslag van het toestel faalde, misschien is ze vol). Maak wat ruimte vrij en probeer opnieuw; houd deze pagina open.',
  'online.earlierWaiting':
    '{count} eerder antwoord op deze computer is nog niet verstuurd; het wordt vanzelf verstuurd. Laat de pagina open of open de link later opnieuw.|{count} eerdere antwoorden op deze computer zijn nog niet verstuurd; ze worden vanzelf verstuurd. Laat de pagina open of open de link later opnieuw.',
  'online.tryNow': 'Nu versturen',
  'online.keptHere': 'Je antwoorden blijven bewaard op dit toestel.',
  'online.refused.unknownLink':
    'Deze link bestaat niet meer, dus je antwoorden kunnen niet verstuurd worden. Vraag de onderzoekers om een nieuwe link.',
  'online.refused.notOpenYet': 'Deze vragenlijst neemt nog geen antwoorden aan.',
  'online.refused.closed':
    'Deze vragenlijst werd gesloten voor je antwoorden aankwamen, dus ze konden niet verstuurd worden.',
  'online.refused.linkFull':
    'Deze vragenlijst heeft zoveel antwoorden ontvangen als ze kan aannemen.',
  'online.refused.notYours': 'Deze antwoorden konden niet vanuit deze browser verstuurd worden.',
  'online.refused.codeNeeded': 'Er is een toegangscode nodig om je antwoorden te versturen.',
  'online.refused.codeUnknown':
    'Die toegangscode hoort niet bij deze vragenlijst. Kijk hem na en typ hem opnieuw.',
  'online.refused.codeUsed':
    'Die toegangscode is al gebruikt: elke code is voor één persoon. Kijk hem na en typ hem opnieuw.',
  'online.refused.tooLarge':
    'Je antwoorden zijn te lang om te versturen. Maak een open antwoord korter en dien opnieuw in.',
  'online.refused.malformed':
    'Je antwoorden konden niet verstuurd worden (de server nam ze niet aan).',
  'online.answeredHeading': 'Je hebt deze vragenlijst ingevuld',
  'online.answeredBody': 'Dank je wel. Iedereen vult hem één keer in.',
  'online.closedHeading': 'Deze vragenlijst is gesloten',
  'online.closedBody': 'Ze neemt geen antwoorden meer aan. Bedankt voor je interesse.',
  'online.notYetHeading': 'Deze vragenlijst is nog niet open',
  'online.notYetBody': 'Ze opent op {date}.',
  'online.unknownLink':
    'Deze link leidt niet naar een vragenlijst. Kijk het adres in je uitnodiging na.',
  'online.unreachable':
    'De vragenlijst kon niet geladen worden: dit toestel heeft ze nog niet eerder geopend en bereikt de server van de studie nu niet. Kijk je internetverbinding na en herlaad.',
};
