/**
 * Drag and drop in the editor (a mouse's way; the ↑ ↓ buttons are the keyboard's): a question
 * dropped on another takes its place, dropped on a part goes to the end of it; a part dropped on
 * a part takes its place. Moves that would break a "show if" are refused, as with the buttons
 * (authoring/operations.ts).
 */
import { moveItem, moveSection } from '../../../domain/authoring/operations';
import type { SurveyEditor } from '../../../state/study/survey-editor.svelte';

export type Dragged =
  { kind: 'item'; section: number; index: number } | { kind: 'section'; section: number };
export type DropTarget = { section: number; index?: number };

export class DragReorder {
  dragging = $state.raw<Dragged | undefined>();
  over = $state.raw<DropTarget | undefined>();

  constructor(private readonly editor: SurveyEditor) {}

  /** Whether `target` is where the dragged thing would land now (for the drop outline). */
  isOver(target: DropTarget): boolean {
    return this.over?.section === target.section && this.over.index === target.index;
  }

  start(event: DragEvent, what: Dragged): void {
    this.dragging = what;
    event.dataTransfer?.setData('text/plain', JSON.stringify(what));
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
    event.stopPropagation();
  }

  enter(event: DragEvent, target: DropTarget): void {
    const what = this.dragging;
    if (!what || (what.kind === 'section' && target.index !== undefined)) return;
    event.preventDefault(); // this is a place to drop
    event.stopPropagation();
    this.over = target;
  }

  drop(event: DragEvent, target: DropTarget): void {
    const what = this.dragging;
    this.end();
    if (!what) return;
    event.preventDefault();
    event.stopPropagation();
    this.editor.move((x) =>
      what.kind === 'section'
        ? moveSection(x, what.section, target.section)
        : moveItem(
            x,
            { section: what.section, index: what.index },
            {
              section: target.section,
              index: target.index ?? x.sections[target.section]!.items.length,
            },
          ),
    );
  }

  end(): void {
    this.dragging = undefined;
    this.over = undefined;
  }
}
