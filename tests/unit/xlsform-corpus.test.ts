/**
 * Public XLSForms Kring's authors did not write (tests/fixtures/xlsform/, sources and licences
 * in SOURCES.md): each imports into a valid survey with the questions and notes held here, and
 * no row of any form goes without a line in the report. The figure is in docs/BENCHMARKS.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromXlsForm } from '../../src/domain/authoring/xlsform';
import { formRows, cell } from '../../src/domain/authoring/xlsform/sheets';
import { readType } from '../../src/domain/authoring/xlsform/types';
import { readXlsForm } from '../../src/state/study/xlsform-file';
import { CORPUS, corpusFigure, importCorpus } from '../../bench/xlsform-corpus';

/** Per form: questions in it, brought over, notes of what was left out, notes of changes. */
const EXPECTED: [string, [number, number, number, number] | 'noSurvey'][] = [
  ['correlaid-all_types_survey.xlsx', [28, 28, 11, 0]],
  ['correlaid-mitwirken_umfrage.xlsx', [38, 38, 2, 2]],
  ['correlaid-testA.xlsx', [21, 21, 3, 9]],
  ['correlaid-testB.xlsx', [41, 41, 6, 10]],
  ['onadata-cascading.xlsx', [2, 2, 1, 1]],
  ['onadata-exp.xlsx', [7, 6, 10, 2]],
  ['onadata-form_with_unicode_in_relevant_column.xlsx', [2, 2, 1, 4]],
  ['onadata-select_one_external.xlsx', [3, 3, 1, 2]],
  ['pyxform-ODKValidateWarnings.xlsx', [2, 2, 2, 4]],
  ['pyxform-UCL_Biomass_Plot_Form.xlsx', [54, 42, 33, 14]],
  ['pyxform-attribute_columns_test.xlsx', [26, 21, 70, 14]],
  ['pyxform-case_insensitivity.xlsx', [3, 2, 3, 0]],
  ['pyxform-choice_filter_test.xlsx', [3, 3, 1, 2]],
  ['pyxform-extra_columns.xlsx', [1, 1, 1, 3]],
  ['pyxform-field-list.xlsx', [1, 1, 1, 7]],
  ['pyxform-flat_xlsform_test.xlsx', [26, 21, 40, 12]],
  ['pyxform-group.xlsx', [2, 2, 2, 2]],
  ['pyxform-include.xlsx', [2, 1, 2, 3]],
  ['pyxform-loop.xlsx', [2, 2, 1, 5]],
  ['pyxform-or_other.xlsx', [2, 2, 2, 3]],
  ['pyxform-pull_data.xlsx', [0, 0, 3, 3]],
  ['pyxform-specify_other.xlsx', [1, 1, 1, 3]],
  ['pyxform-survey_no_name.xlsx', 'noSurvey'],
  ['pyxform-text_and_integer.xlsx', [2, 2, 1, 3]],
  ['pyxform-xlsform_spec_test.xlsx', [26, 21, 39, 13]],
  ['pyxform-yes_or_no_question.xlsx', [1, 1, 1, 3]],
  ['xlsformorg-XLSForm_Standard.xlsx', 'noSurvey'],
  ['xlsformorg-advanced_notes.xlsx', [1, 1, 3, 1]],
  ['xlsformorg-appearance_widgets.xlsx', [27, 25, 21, 5]],
  ['xlsformorg-constraint_example.xlsx', [3, 3, 2, 2]],
  ['xlsformorg-delivery_outcome.xlsx', [6, 6, 3, 2]],
  ['xlsformorg-fatal_injury_survey.xlsx', [10, 10, 2, 1]],
  ['xlsformorg-instance_name_example.xlsx', [4, 4, 8, 1]],
  ['xlsformorg-new_cascading_select.xlsx', [3, 3, 1, 2]],
  ['xlsformorg-pizza_questionnaire.xlsx', [4, 4, 1, 4]],
  ['xlsformorg-question_types.xlsx', [16, 9, 9, 2]],
  ['xlsformorg-search_and_select.xlsx', [1, 1, 1, 3]],
  ['xlsformorg-tutorial_xlsform.xlsx', [6, 4, 10, 0]],
  ['xlsformorg-widgets_on_pages.xlsx', [45, 39, 25, 7]],
];

const forms = await importCorpus();

describe('the XLSForm corpus', () => {
  it('holds every form of the folder, with its counts', () => {
    expect(forms.map((f) => f.file)).toEqual(EXPECTED.map(([file]) => file));
    for (const [file, expected] of EXPECTED) {
      const form = forms.find((f) => f.file === file)!;
      if (expected === 'noSurvey') expect(form.unreadable, file).toBe('noSurvey');
      else {
        expect(form.issues, file).toEqual([]);
        expect([form.total, form.brought, form.leftOut, form.changed], file).toEqual(expected);
      }
    }
  });

  it('imports at least 90 % of the forms and brings over at least 85 % of their questions', () => {
    const figure = corpusFigure(forms);
    expect(figure.forms).toBeGreaterThanOrEqual(25);
    expect(figure.imported / figure.forms).toBeGreaterThanOrEqual(0.9);
    expect(figure.brought / figure.total).toBeGreaterThanOrEqual(0.85);
  });

  it('drops no row silently: every row of every form has a line in the report', async () => {
    for (const { file, unreadable } of forms) {
      if (unreadable) continue;
      const bytes = readFileSync(join(CORPUS, file));
      const read = await readXlsForm(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      );
      if (!read.ok) throw new Error(file);
      const { report } = fromXlsForm(read.form, { fileName: file });
      const reported = new Set(report.filter((n) => !n.sheet).map((n) => n.row));
      const silent = formRows(read.form.survey).filter((row) => {
        const type = readType(cell(row, 'type'));
        return type && type.kind !== 'begin' && type.kind !== 'end' && !reported.has(row.line);
      });
      expect(silent.map((r) => `${file} row ${r.line}`)).toEqual([]);
    }
  });
});
