import type { ValidationIssue } from '../../domain/survey-validate';
import type { XlsFormOutcome } from '../../state/study/survey-library';
import type { XlsFormProblem } from '../../state/study/xlsform-file';

/** What became of a questionnaire file brought into the library. */
export type Outcome =
  | { kind: 'added'; name: string; xlsform: XlsFormOutcome | undefined }
  | {
      kind: 'invalid';
      name: string;
      issues: ValidationIssue[];
      xlsform: XlsFormOutcome | undefined;
    }
  | { kind: 'unreadable'; name: string; problem: XlsFormProblem | undefined };
