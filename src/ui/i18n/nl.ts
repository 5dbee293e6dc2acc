import type { Messages } from './en';

/** Dutch UI texts (the default for schools in Flanders). */
export const nl: Messages = {
  'app.loading': 'Bezig met laden…',
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
  'progress.label': '{answered} van {total} vragen beantwoord',

  'item.required': 'verplicht',
  'item.requiredHint': 'Vragen met * zijn verplicht.',
  'item.saved': 'Bewaard',
  'item.saving': 'Bezig met bewaren…',
  'item.notSaved': 'Nog niet bewaard',
  'item.charCount': '{count} van {max} tekens',
  'item.otherPlaceholder': 'Vul aan',
  'item.maxSelected': 'Kies er hoogstens {max}.',
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

  'review.heading': 'Kijk je antwoorden na',
  'review.allDone': 'Alle verplichte vragen zijn beantwoord. Je kan indienen.',
  'review.missing':
    'Nog {count} verplichte vraag zonder antwoord:|Nog {count} verplichte vragen zonder antwoord:',
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

  'error.heading': 'Er loopt iets mis',
  'error.surveyInvalid':
    'Het vragenlijstbestand heeft {count} probleem en kan niet gebruikt worden:|Het vragenlijstbestand heeft {count} problemen en kan niet gebruikt worden:',
  'error.surveyLoad': 'De vragenlijst kon niet geladen worden ({reason}).',
  'error.storage':
    'Deze browser kan geen antwoorden bewaren, dus de vragenlijst kan niet veilig starten ({reason}).',
  'error.reload': 'Opnieuw laden',

  'issue.expected': 'verwacht {expected}',
  'issue.received': ', gevonden {received}',
  'issue.document': '(hele bestand)',

  'kit.heading': 'Kring-kit',
  'kit.intro': 'Deelnemers openen dit adres op hun tablet, op hetzelfde netwerk als deze laptop:',
  'kit.noLan':
    'Deze laptop heeft nog geen netwerkadres. Verbind hem met de wifi van de school of een hotspot.',
  'kit.tryParticipant': 'Probeer de vragenlijst als deelnemer',
  'kit.checkFile': 'Een vragenlijstbestand controleren',
  'kit.checkFileHint': 'Kies een vragenlijstbestand (.json) om het voor een sessie te controleren.',
  'kit.fileValid': '"{title}" (versie {version}) is in orde: {sections} delen, {items} vragen.',
  'kit.fileInvalid': '{name} heeft {count} probleem:|{name} heeft {count} problemen:',
  'kit.fileUnreadable': '{name} kon niet gelezen worden.',
  'kit.bundled': 'Meegeleverde vragenlijst',
  'kit.previewFile': 'Deze vragenlijst uitproberen als deelnemer',
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
  'join.waiting': 'De begeleider laat deze tablet zo meteen toe.',
  'join.removed':
    'De begeleider heeft deze tablet uit de sessie gehaald. De antwoorden erop blijven hier bewaard.',
  'join.closed': 'Deze sessie is afgesloten: ze neemt geen nieuwe antwoorden meer aan.',
  'join.other': 'Aan een andere sessie deelnemen',
  'join.impostor':
    'Een ander toestel deed zich voor als de begeleider en werd genegeerd. Meld het aan de begeleider.',
  'join.waitingSurvey':
    'Aangemeld. De vragenlijst komt zodra de laptop van de begeleider bereikt wordt…',
  'join.definitionInvalid': 'De vragenlijst die de begeleider stuurde, kan niet gebruikt worden:',
  'conn.online': 'Verbonden met de begeleider',
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
  'sessions.heading': 'Sessies',
  'sessions.new': 'Nieuwe sessie',
  'sessions.noSurvey': 'Geen vragenlijst beschikbaar: controleer hieronder een vragenlijstbestand.',
  'sessions.survey': 'Vragenlijst',
  'sessions.source.bundled': 'meegeleverd',
  'sessions.source.file': 'gecontroleerd bestand',
  'sessions.title': 'Titel (niet verplicht)',
  'sessions.school': 'School',
  'sessions.start': 'Sessie starten',
  'sessions.earlier': 'Je sessies',
  'sessions.closed': 'afgesloten',
  'session.back': 'Alle sessies',
  'session.failed': 'De sessie kon niet geopend worden ({reason}).',
  'session.missing': 'Deze sessie bestaat niet op deze laptop.',
  'session.signalingDown':
    'De kitserver is niet bereikbaar: tablets kunnen nu niet aansluiten of synchroniseren. Draait `npm start` nog? Kring blijft het proberen.',
  'session.joinHeading': 'Aansluiten met een tablet',
  'session.joinHow': 'Scan de QR-code, of open het adres en typ de code:',
  'session.qrLabel': 'QR-code om aan deze sessie deel te nemen',
  'session.submitted': '{submitted} van {count} ingediend',
  'session.closedNote':
    'Deze sessie is afgesloten: geen nieuwe antwoorden. Tablets geven nog door wat ze hebben.',
  'session.devices': 'Toestellen ({count})',
  'session.admitByHand': 'Nieuwe tablets met de hand toelaten',
  'session.close': 'Sessie afsluiten',
  'session.closeConfirm':
    'Deze sessie afsluiten? Tablets nemen geen nieuwe antwoorden meer aan; wat al beantwoord is, gaat niet verloren.',
  'session.closeYes': 'Ja, afsluiten',
  'session.closeCancel': 'Open laten',
  'device.none': 'Nog geen tablets.',
  'device.name': 'Toestel',
  'device.state': 'Toestand',
  'device.connection': 'Verbinding',
  'device.responses': 'Antwoorden',
  'device.actions': 'Acties',
  'device.tablet': 'Tablet {n}',
  'device.blocked': 'Geblokkeerd: stuurde veel meer gegevens dan een vragenlijst kan bevatten',
  'device.waiting': 'Wacht op toelating',
  'device.removed': 'Verwijderd',
  'device.answering': 'Bezig: {answered} van {total}',
  'device.submitted': 'Ingediend',
  'device.joined': 'Aangemeld',
  'device.online': 'verbonden',
  'device.offlineSince': 'offline sinds {time}',
  'device.counts': '{submitted} ingediend van {started}',
  'device.quarantined': '{count} apart gezet: niet geldig|{count} apart gezet: niet geldig',
  'device.admit': 'Toelaten',
  'device.remove': 'Verwijderen',
  'device.removeLabel': 'Tablet {n} verwijderen',
  'session.storage.quota':
    'De opslag van deze laptop is vol: antwoorden van de tablets kunnen niet bewaard worden. De tablets houden ze bij en sturen ze opnieuw. Maak ruimte vrij en druk dan op "Opnieuw proberen".',
  'session.storage.closed':
    'De browser heeft de opslag van deze pagina gesloten. De tablets houden hun antwoorden bij. Druk op "Opnieuw proberen".',
  'session.storage.unavailable':
    'Deze browser laat Kring geen antwoorden bewaren op deze laptop (privévenster?). De tablets houden hun antwoorden bij. Open de begeleiderspagina in een gewoon venster.',
  'session.storage.unknown':
    'Antwoorden van de tablets konden niet bewaard worden op deze laptop. De tablets houden ze bij. Druk op "Opnieuw proberen".',
  'conn.waiting':
    '{count} antwoordenlijst op deze tablet wacht om naar de begeleider te gaan.|{count} antwoordenlijsten op deze tablet wachten om naar de begeleider te gaan.',
  'results.heading': 'Resultaten',
  'results.show': 'Resultaten tonen',
  'results.failed': 'De resultaten konden niet geladen worden ({reason}).',
  'results.filters': 'Filters',
  'results.all': 'Alle',
  'results.noRole': 'rol niet opgegeven',
  'results.includeInProgress': 'Ook vragenlijsten meetellen die nog ingevuld worden',
  'results.total': '{count} respondent|{count} respondenten',
  'results.n': 'n = {n}',
  'results.noOpinion': '"{label}": {count} (niet in de balken)',
  'results.median': 'mediaan {median}',
  'results.view': 'Tonen als',
  'results.view.counts': 'Aantallen',
  'results.view.percent': 'Percentages',
  'results.view.table': 'Tabel',
  'results.exportPng': 'Grafiek bewaren (PNG)',
  'results.exportCsv': 'Tabel bewaren (CSV)',
  'results.none': 'Nog geen antwoorden.',
  'results.chartLabel': 'Grafiek: {title}. Dezelfde cijfers staan in de tabelweergave.',
  'results.category': 'Antwoord',
  'results.count': 'Aantal',
  'results.openCount': '{count} antwoord|{count} antwoorden',
};
