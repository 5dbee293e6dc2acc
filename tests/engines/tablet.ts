/**
 * A tablet in a browser engine that Playwright does not drive (Firefox over WebDriver BiDi,
 * WebKitGTK over WebDriver classic), with the verbs the cross-engine tests need: click a
 * visible control by its text, tick a radio, type, read and wait. Each engine implements
 * `EngineDriver`; elements are found inside the page, clicked and typed into natively.
 */

/** A function that runs inside the page; its arguments and result cross as JSON. */
export type PageFunction<A extends unknown[], R> = (...args: A) => R;

export interface ElementRef {
  click(): Promise<void>;
  type(text: string): Promise<void>;
  /** Chooses the file at `path` in this file input. */
  setFile(path: string): Promise<void>;
  /** Presses on this element, moves onto `target` (`dy` pixels below its top) and lets go. */
  dragTo(target: ElementRef, dy: number): Promise<void>;
}

export interface EngineDriver {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  evaluate<A extends unknown[], R>(fn: PageFunction<A, R>, ...args: A): Promise<Awaited<R>>;
  /** The element `fn` returns in the page, or null. */
  element<A extends unknown[]>(
    fn: PageFunction<A, Element | null>,
    ...args: A
  ): Promise<ElementRef | null>;
  close(): Promise<void>;
}

/** Text to match: a string is looked for in the (whitespace-collapsed) text, a RegExp tested on it. */
export type TextMatch = string | RegExp;
type WireText = { source: string; flags: string } | string;
const wire = (text: TextMatch | undefined): WireText | null =>
  text === undefined
    ? null
    : typeof text === 'string'
      ? text
      : { source: text.source, flags: text.flags };

/**
 * Runs in the page: the first visible element that `css` selects whose text matches; with
 * `inner`, the element inside it that `inner` selects (the input of a label, say).
 */
function findVisible(css: string, text: WireText | null, inner: string | null): Element | null {
  const matches = (value: string) => {
    const clean = value.replace(/\s+/g, ' ').trim();
    if (text === null) return true;
    if (typeof text === 'string') return clean.includes(text);
    return new RegExp(text.source, text.flags).test(clean);
  };
  for (const element of Array.from(document.querySelectorAll(css))) {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const shown = box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
    const name = element.getAttribute('aria-label') ?? element.textContent ?? '';
    if (shown && matches(name)) return inner === null ? element : element.querySelector(inner);
  }
  return null;
}

const POLL_MS = 100;
/** A call into a page that is navigating can go unanswered: give up on it and ask again. */
const CALL_MS = 5_000;

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the page within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export class Tablet {
  constructor(
    readonly engine: string,
    readonly driver: EngineDriver,
  ) {}

  goto(url: string): Promise<void> {
    return this.driver.goto(url);
  }

  reload(): Promise<void> {
    return this.driver.reload();
  }

  evaluate<A extends unknown[], R>(fn: PageFunction<A, R>, ...args: A): Promise<Awaited<R>> {
    return this.driver.evaluate(fn, ...args);
  }

  /** Waits until `check` (run in Node, typically reading the page) returns a value that is not false, null or undefined. */
  async until<T>(
    check: () => Promise<T | false | null | undefined>,
    what: string,
    timeout = 30_000,
  ): Promise<T> {
    const end = Date.now() + timeout;
    let last: Error | undefined;
    for (;;) {
      try {
        const value = await withDeadline(check(), CALL_MS);
        if (value !== false && value !== null && value !== undefined) return value;
      } catch (error) {
        last = error as Error; // a page that is navigating answers nothing for a moment
      }
      if (Date.now() > end)
        throw new Error(
          `${this.engine}: timed out after ${timeout} ms waiting for ${what}${last ? ` (${last.message})` : ''}`,
        );
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  /** The visible element, once it is there. */
  async find(css: string, text?: TextMatch, timeout?: number): Promise<ElementRef> {
    return this.until(
      () => this.driver.element(findVisible, css, wire(text), null),
      `${css}${text === undefined ? '' : ` "${String(text)}"`}`,
      timeout,
    );
  }

  async click(css: string, text?: TextMatch): Promise<void> {
    try {
      await (await this.find(css, text)).click();
    } catch (error) {
      const what = `${css}${text === undefined ? '' : ` "${String(text)}"`}`;
      throw new Error(`${this.engine}: clicking ${what} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /** Drags the element `from` selects onto the one `to` selects (pointer down, move, up). */
  async drag(from: string, to: string): Promise<void> {
    await (await this.find(from)).dragTo(await this.find(to), 5);
  }

  /** Clicks the button whose text (or aria-label) matches. */
  button(name: TextMatch): Promise<void> {
    return this.click('button', name);
  }

  /** Types into an empty field (it is cleared first, as a user selecting all would). */
  async fill(css: string, text: string): Promise<void> {
    const field = await this.find(css);
    await this.driver.evaluate((selector: string) => {
      const input = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
      input.focus();
      input.select();
    }, css);
    await field.type(text);
  }

  /** Picks an option of a drop-down list by typing its first letters, as on a keyboard. */
  async select(css: string, optionText: string): Promise<void> {
    await (await this.find(css)).type(optionText);
    await this.until(
      () =>
        this.driver.evaluate(
          (selector: string, text: string) => {
            const select = document.querySelector<HTMLSelectElement>(selector);
            return select?.selectedOptions[0]?.textContent?.trim() === text;
          },
          css,
          optionText,
        ),
      `"${optionText}" chosen in ${css}`,
    );
  }

  /** Chooses a file in the file input of the label whose text matches (WebDriver: its path). */
  async upload(label: TextMatch, path: string): Promise<void> {
    const input = await this.until(
      () => this.driver.element(findVisible, 'label', wire(label), 'input[type="file"]'),
      `a file input labelled "${String(label)}"`,
    );
    await input.setFile(path);
  }

  /**
   * Puts a long text into a field at once, as pasting does (one input event), where typing it
   * key by key would take minutes.
   */
  async paste(css: string, text: string): Promise<void> {
    await this.find(css);
    await this.driver.evaluate(
      (selector: string, value: string) => {
        const field = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
        field.focus();
        field.value = value;
        field.dispatchEvent(
          new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }),
        );
      },
      css,
      text,
    );
  }

  /** Moves the focus away, as a finger tapping elsewhere does (fields save on blur). */
  async blur(): Promise<void> {
    await this.driver.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }

  /** Waits until a visible element that `css` selects has matching text. */
  async see(text: TextMatch, css = 'body *', timeout?: number): Promise<void> {
    await this.find(css, text, timeout);
  }

  /** Waits until the attribute of the first element `css` selects matches. */
  async expectAttribute(css: string, name: string, value: TextMatch, timeout?: number) {
    return this.until(
      async () => {
        const actual = await this.driver.evaluate(
          (selector: string, attribute: string) =>
            document.querySelector(selector)?.getAttribute(attribute) ?? null,
          css,
          name,
        );
        if (actual === null) return false;
        return (typeof value === 'string' ? actual === value : value.test(actual)) && actual;
      },
      `${css}[${name}] to be ${String(value)}`,
      timeout,
    );
  }

  /** Whether the radio or checkbox that `css` selects is checked. */
  checked(css: string): Promise<boolean> {
    return this.driver.evaluate(
      (selector: string) => document.querySelector<HTMLInputElement>(selector)?.checked ?? false,
      css,
    );
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
