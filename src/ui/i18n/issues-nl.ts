import type { IssueCode } from '../../domain/validation-issues';

/** Dutch wording of survey validation issues, as "verwacht …" (English: domain/validation-issues.ts). */
export const issuesNl: Record<IssueCode, string> = {
  json: 'geldige JSON',
  jsonAt: 'geldige JSON (de fout staat op regel {line}, kolom {column})',
  notObject: 'een vragenlijstdefinitie (een JSON-object)',
  newerFormat:
    '{max} of lager (dit bestand komt uit een nieuwere Kring: werk Kring bij om het te openen)',
  unknownField: 'geen veld met deze naam (controleer de spelling)',
  missingField: 'het veld "{field}" (het ontbreekt)',
  type: '{expected}',
  id: 'een id van kleine letters, cijfers en _ (beginnend met een letter, hoogstens 40 tekens)',
  code: 'een code van letters, cijfers, _ en - (hoogstens 40)',
  pattern: 'een reguliere expressie die te lezen is',
  language: 'een taalcode zoals "nl"',
  text: 'een niet-lege tekst',
  minEntries: 'een lijst van minstens {min}',
  integer: 'een geheel getal',
  atLeast: 'een getal van minstens {min}',
  atMost: 'een getal van hoogstens {max}',
  translation: 'een tekst in "{lang}"',
  duplicateItemId: 'een vraag-id dat maar één keer voorkomt in de vragenlijst',
  duplicate: 'een waarde die niet eerder in deze lijst voorkomt',
  scaleOrder: 'een getal groter dan min ({min})',
  scaleLength: 'hoogstens {points} schaalpunten (max ≤ {max})',
  scaleStep: 'een stap die een geheel aantal keren past van min tot max',
  noOpinionCode: 'een code die de schaal niet gebruikt',
  reservedOther: 'een ander id dan "other" (voorbehouden voor "ander, namelijk …")',
  maxSelected: 'hoogstens het aantal opties ({count})',
  conditionSource: 'de antwoordsleutel van een eerdere vraag (bv. "profiel.role")',
  oneOf: 'een van {values}',
};
