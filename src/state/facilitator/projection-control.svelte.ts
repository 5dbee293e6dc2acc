/**
 * The facilitator's remote for the beamer: the slides of a session (how to join, then one per
 * question), which one is on, and what the beamer may show of it. Results stay concealed until
 * the facilitator reveals them; a frozen slide keeps its numbers while answers keep arriving; a
 * blank beamer shows nothing. Every result passes the anonymity threshold (k) first.
 */
import { SvelteSet } from 'svelte/reactivity';
import { chartSpec } from '../../domain/results/chart-spec';
import { groupIdentical } from '../../domain/results/identical-answers';
import { applyThreshold, DEFAULT_K, projectableRole } from '../../domain/results/threshold';
import type { PublicDiscussion } from '../../domain/discussion';
import type { Item, LocalizedText } from '../../domain/survey-schema';
import { formatJoinCode } from '../../sync/join-code';
import type { FacilitatorSession } from './facilitator-session.svelte';
import type { OpenAnswerModeration } from './moderation.svelte';
import type { ProjectedSlide } from '../../sync/projection-channel';
import type { SessionResults } from './session-results.svelte';

export type SlideRef = { kind: 'join' } | { kind: 'item'; item: Item };

export interface ProjectionTexts {
  text: (value: LocalizedText | undefined) => string;
  role: (role: string | undefined) => string;
  noOpinion: (label: string, count: number) => string;
  joinUrl: string;
  shortJoinUrl: string;
}

export class ProjectionControl {
  index = $state(0);
  blank = $state(false);
  /** The beamer shows the open discussion instead of the slide. */
  showDiscussion = $state(false);
  /** The slide as it was when frozen; undefined when live. */
  frozen = $state.raw<ProjectedSlide | undefined>();
  readonly #revealed = new SvelteSet<number>();

  readonly slides: SlideRef[];
  readonly #session: FacilitatorSession;
  readonly #results: SessionResults;
  readonly #moderation: OpenAnswerModeration;
  readonly #texts: () => ProjectionTexts;
  readonly #discussion: () => PublicDiscussion | undefined;

  readonly live: ProjectedSlide = $derived.by(() => {
    const discussion = this.showDiscussion ? this.#discussion() : undefined;
    return discussion ? discussionSlide(discussion) : this.#build(this.index);
  });
  readonly slide: ProjectedSlide = $derived(
    this.blank ? { kind: 'blank' } : (this.frozen ?? this.live),
  );

  constructor(
    session: FacilitatorSession,
    results: SessionResults,
    moderation: OpenAnswerModeration,
    texts: () => ProjectionTexts,
    discussion: () => PublicDiscussion | undefined = () => undefined,
  ) {
    this.#discussion = discussion;
    this.#session = session;
    this.#results = results;
    this.#moderation = moderation;
    this.#texts = texts;
    const items = session.survey.sections
      .flatMap((s) => s.items)
      .filter((item) => item.type !== 'profile');
    this.slides = [{ kind: 'join' }, ...items.map((item): SlideRef => ({ kind: 'item', item }))];
  }

  get revealed(): boolean {
    return this.#revealed.has(this.index);
  }

  go(index: number): void {
    this.index = Math.max(0, Math.min(this.slides.length - 1, index));
    this.frozen = undefined;
    this.showDiscussion = false;
  }

  /** The question of the current slide, if it shows one (a discussion starts from it). */
  get currentItem(): Item | undefined {
    const ref = this.slides[this.index];
    return ref?.kind === 'item' ? ref.item : undefined;
  }

  next(): void {
    this.go(this.index + 1);
  }

  prev(): void {
    this.go(this.index - 1);
  }

  /** Shows the answers of the current question (it starts concealed). */
  toggleReveal(): void {
    if (this.#revealed.has(this.index)) this.#revealed.delete(this.index);
    else this.#revealed.add(this.index);
  }

  toggleFreeze(): void {
    this.frozen = this.frozen ? undefined : this.live;
  }

  toggleBlank(): void {
    this.blank = !this.blank;
  }

  #build(index: number): ProjectedSlide {
    const ref = this.slides[index];
    const texts = this.#texts();
    const session = this.#session;
    if (!ref || ref.kind === 'join')
      return {
        kind: 'join',
        title: session.session.title,
        code: formatJoinCode(session.session.joinCode),
        check: session.checkCode,
        url: texts.joinUrl,
        shortUrl: texts.shortJoinUrl,
        submitted: session.submitted,
        started: session.started,
      };
    const item = ref.item;
    const concealed = !this.#revealed.has(index);
    const title = texts.text(item.text);
    const k = session.session.k ?? DEFAULT_K;
    if (item.type === 'open-text') {
      const { groups, filter } = this.#results;
      const projectable = this.#moderation.projectable(this.#results.openAnswers(item.id));
      const answers = groupIdentical(projectable).map((same) => {
        const only = same.answers[0]!.role;
        const oneRole = same.answers.every((a) => a.role === only);
        const role = oneRole ? projectableRole(only, groups, filter.school, k) : undefined;
        return {
          text: same.text,
          count: same.answers.length,
          role: role && texts.role(role),
          highlighted: same.answers.some((a) => a.highlighted),
        };
      });
      return { kind: 'open', title, concealed, answers: concealed ? [] : answers };
    }
    const { results } = this.#results;
    const result = results.items.find((r) => r.item.id === item.id);
    if (!result) return { kind: 'result', title, n: 0, concealed };
    const shown = applyThreshold(result, results.n, k);
    if (!shown.shown)
      return { kind: 'result', title, n: result.n, concealed, hidden: { n: shown.n, k: shown.k } };
    const spec = chartSpec(result, texts.text, result.type === 'likert' ? 'percent' : 'counts');
    const note =
      spec?.noOpinion &&
      texts.noOpinion(
        spec.noOpinion.label,
        spec.noOpinion.counts.reduce((a, b) => a + b, 0),
      );
    return {
      kind: 'result',
      title,
      n: result.n,
      concealed,
      ...(concealed || !spec ? {} : { spec }),
      ...(note ? { note } : {}),
    };
  }
}

/** The beamer's view of a discussion: at most the ten most supported approved reactions. */
function discussionSlide(discussion: PublicDiscussion): ProjectedSlide {
  return {
    kind: 'discussion',
    prompt: discussion.prompt,
    reactions: discussion.reactions.slice(0, 10).map(({ text, votes }) => ({ text, votes })),
    agree: discussion.agree,
    disagree: discussion.disagree,
  };
}
