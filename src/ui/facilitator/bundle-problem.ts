/** A problem of a refused bundle (a file, or a session document of the hub), in the UI language. */
import type { BundleProblem } from '../../domain/bundle';
import type { I18n } from '../i18n/i18n.svelte';

export function bundleProblemText(i18n: I18n, problem: BundleProblem): string {
  const { code, ...params } = problem;
  return i18n.t(`bundle.problem.${code}`, params);
}
