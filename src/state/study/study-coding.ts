/**
 * The study's coding doc, once per page and database: the coding view, the report and the hub
 * link share one Y.Doc, so what another coder does through the hub shows at once and is stored
 * by the same persistence (the `coding` room's update log) as this coder's own work.
 */
import { defaultCodebook } from '../../domain/coding';
import type { KringDb, SettingRow } from '../../storage/db';
import { DocPersistence, LOAD_ORIGIN } from '../../storage/doc-persistence';
import { CodingDoc } from '../../sync/coding-doc';

/** The update log room of the study's coding doc (bundles add to it). */
export const CODING_ROOM = 'coding';

export interface StudyCoding {
  coding: CodingDoc;
  persistence: DocPersistence<SettingRow>;
  /** Gives this use back; the last one stops the persistence. */
  release(): void;
}

interface Shared {
  coding: CodingDoc;
  persistence: DocPersistence<SettingRow>;
  users: number;
}

const open = new Map<string, Promise<Shared>>();

export async function openStudyCoding(db: KringDb): Promise<StudyCoding> {
  let shared = open.get(db.name);
  if (!shared) {
    shared = load(db);
    open.set(db.name, shared);
    shared.catch(() => open.delete(db.name));
  }
  const entry = await shared;
  entry.users++;
  let released = false;
  return {
    coding: entry.coding,
    persistence: entry.persistence,
    release() {
      if (released) return;
      released = true;
      if (--entry.users > 0) return;
      entry.persistence.destroy();
      open.delete(db.name);
    },
  };
}

/**
 * Shows coding state already stored in the log (a bundle's) in the open doc, if any; it is not
 * stored again.
 */
export async function showStoredCoding(db: KringDb, update: Uint8Array): Promise<void> {
  const shared = open.get(db.name);
  if (shared) (await shared).coding.merge(update, LOAD_ORIGIN);
}

async function load(db: KringDb): Promise<Shared> {
  await db.open();
  const coding = new CodingDoc();
  const persistence = new DocPersistence<SettingRow>({
    db,
    room: CODING_ROOM,
    doc: coding.doc,
    rows: 'settings',
    rowKey: (row) => row.key,
    materialize: () => [],
  });
  await persistence.load();
  coding.seedCodebook(defaultCodebook());
  await persistence.whenSaved();
  return { coding, persistence, users: 0 };
}
