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
};
