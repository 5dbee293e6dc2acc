/**
 * Imports a bundle file off the page's main thread: reads it piece by piece, checks it whole and
 * stores it in batches (state/study/bundle-file.ts), telling the page how far it is. The page stays responsive
 * however large the file; `cancel` stops it between batches.
 */
/// <reference lib="webworker" />
import { KringDb } from '../../storage/db';
import { problemOf } from '../problems';
import { importStreamedBundle } from './bundle-file';
import type { WorkerReply, WorkerRequest } from './bundle-import';

declare const self: DedicatedWorkerGlobalScope;
const reply = (message: WorkerReply) => self.postMessage(message);
const stop = new AbortController();

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'cancel') stop.abort();
  else void run(request.dbName, request.file, request.batchSize);
};

async function run(dbName: string, file: File, batchSize: number): Promise<void> {
  const db = new KringDb(dbName);
  try {
    const result = await importStreamedBundle(db, file, {
      batchSize,
      signal: stop.signal,
      onProgress: (progress) => reply({ kind: 'progress', progress }),
      onPhase: (phase, ms) => reply({ kind: 'phase', phase, ms }),
    });
    reply('unreadable' in result ? { kind: 'unreadable' } : { kind: 'done', result });
  } catch (error) {
    reply({ kind: 'failed', problem: problemOf(error) });
  } finally {
    db.close();
  }
}
