/**
 * `lib0/logging` as Kring's browser build has it (scripts/bundle-aliases.ts). Yjs and y-webrtc
 * use it for a few warnings; lib0's own module also brings a styled DOM console with lib0/schema
 * and lib0/dom (about 4 KB gzipped for tablets), which Kring never shows. These are the exports
 * they use, printing plain text; y-webrtc's debug log (lib0's `localStorage.log`) stays off.
 */
export const BOLD = Symbol('bold');
export const UNBOLD = Symbol('unbold');
export const BLUE = Symbol('blue');
export const GREY = Symbol('grey');
export const GREEN = Symbol('green');
export const RED = Symbol('red');
export const PURPLE = Symbol('purple');
export const ORANGE = Symbol('orange');
export const UNCOLOR = Symbol('uncolor');

const plain = (args: unknown[]) => args.filter((arg) => typeof arg !== 'symbol');

export const print = (...args: unknown[]): void => console.log(...plain(args));
export const warn = (...args: unknown[]): void => console.warn(...plain(args));
export const printError = (error: unknown): void => console.error(error);
export const createModuleLogger =
  (_moduleName: string): ((...args: unknown[]) => void) =>
  () =>
    undefined;
