/**
 * Importing bundle files on the kit page, one after another, with progress and a way to stop.
 * In a browser the work runs in a Web Worker (bundle-import.worker.ts), so a study of thousands
 * of responses never freezes the page; where no Worker can run, it runs in the page.
 */
import type { KringDb } from '../../storage/db';
import { problemOf, type ProblemKind } from '../problems';
import { importStreamedBundle } from './bundle-file';
import type { ImportPhase, ImportProgress, ImportResult } from './bundles';
import { showStoredCoding } from './study-coding';

/** Responses stored per transaction: a closed page leaves whole batches, never half of one. */
export const IMPORT_BATCH = 1000;

export type WorkerRequest =
  { kind: 'import'; dbName: string; file: File; batchSize: number } | { kind: 'cancel' };

export type WorkerReply =
  | { kind: 'progress'; progress: ImportProgress }
  | { kind: 'phase'; phase: ImportPhase; ms: number }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'unreadable' }
  | { kind: 'failed'; problem: ProblemKind };

/** What became of one file. */
export type FileResult =
  | ImportResult
  | { ok: false; unreadable: true }
  /** It could not be stored (a full disk, say); what was stored stays. */
  | { ok: false; failed: ProblemKind };

export interface ImportCallbacks {
  onProgress: (progress: ImportProgress) => void;
}

/** A running import of one file, stoppable between batches. */
export interface RunningImport {
  result: Promise<FileResult>;
  cancel(): void;
}

/** Imports one file, in a Worker when the browser has one. */
export function importBundleFile(
  db: KringDb,
  file: File,
  { onProgress }: ImportCallbacks,
  makeWorker: (() => Worker) | undefined = typeof Worker === 'undefined' ? undefined : newWorker,
): RunningImport {
  let worker: Worker | undefined;
  try {
    worker = makeWorker?.();
  } catch {
    worker = undefined; // a browser that refuses the worker (a policy, say): the page does it
  }
  return worker ? inWorker(db, file, onProgress, worker) : inPage(db, file, onProgress);
}

/**
 * Puts a part of an import on the page's performance timeline (`kring import: check`, …), where
 * the browser's tools and the benchmark (bench/study-scale.ts) see how long each part took.
 */
function timeline(phase: ImportPhase, ms: number): void {
  const end = performance.now();
  performance.measure?.(`kring import: ${phase}`, { start: Math.max(0, end - ms), end });
}

function newWorker(): Worker {
  return new Worker(new URL('./bundle-import.worker.ts', import.meta.url), { type: 'module' });
}

function inWorker(
  db: KringDb,
  file: File,
  onProgress: (progress: ImportProgress) => void,
  worker: Worker,
): RunningImport {
  const result = new Promise<FileResult>((resolve) => {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const message = event.data;
      if (message.kind === 'progress') return onProgress(message.progress);
      if (message.kind === 'phase') return timeline(message.phase, message.ms);
      worker.terminate();
      if (message.kind === 'unreadable') resolve({ ok: false, unreadable: true });
      else if (message.kind === 'failed') resolve({ ok: false, failed: message.problem });
      else {
        const done = message.result;
        // The worker stored the coders' work; a coding doc open in this page merges it (if
        // that fails, the log has it and the page shows it when reloaded).
        if (done.ok && done.coding)
          void showStoredCoding(db, done.coding).then(
            () => resolve(done),
            () => resolve(done),
          );
        else resolve(done);
      }
    };
    worker.onerror = () => {
      worker.terminate();
      resolve({ ok: false, failed: 'unknown' });
    };
  });
  const request: WorkerRequest = { kind: 'import', dbName: db.name, file, batchSize: IMPORT_BATCH };
  worker.postMessage(request);
  return { result, cancel: () => worker.postMessage({ kind: 'cancel' } satisfies WorkerRequest) };
}

function inPage(
  db: KringDb,
  file: File,
  onProgress: (progress: ImportProgress) => void,
): RunningImport {
  const stop = new AbortController();
  const run = async (): Promise<FileResult> => {
    try {
      return await importStreamedBundle(db, file, {
        batchSize: IMPORT_BATCH,
        signal: stop.signal,
        onProgress,
        onPhase: timeline,
      });
    } catch (error) {
      return { ok: false, failed: problemOf(error) };
    }
  };
  return { result: run(), cancel: () => stop.abort() };
}
