/** A problem of a refused bundle (a file, or a session document of the hub), in the UI language. */
import type { BundleProblem } from '../../domain/bundle';
import type { ResponseProblem } from '../../domain/response-check';
import type { I18n } from '../i18n/i18n.svelte';

export function bundleProblemText(i18n: I18n, problem: BundleProblem): string {
  if (problem.code === 'response')
    return i18n.t('bundle.problem.response', {
      path: problem.path,
      detail: problem.problems.map((p) => responseProblemText(i18n, p)).join('; '),
    });
  const { code, ...params } = problem;
  return i18n.t(`bundle.problem.${code}`, params);
}

/** What the laptop's check found wrong with a response, in the UI language. */
export function responseProblemText(i18n: I18n, problem: ResponseProblem): string {
  const { kind, ...params } = problem;
  // The check's own detail of an answer ("one of 1, 2, 3") is not worded: the question is named.
  return i18n.t(`check.${kind}`, 'key' in params ? { key: params.key } : params);
}
