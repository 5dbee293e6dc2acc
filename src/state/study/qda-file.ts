/**
 * The study's coding as REFI-QDA files (domain/exchange/refi-qda-export.ts): a `.qdpx` (a zip
 * of `project.qde` and its sources' texts) or a `.qdc` codebook, and a `.qdpx` read back
 * (refi-qda-project.ts). Loaded only when a coder exports or imports (the zip code stays off
 * every other page).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { qdaProject, type QdaStudy } from '../../domain/exchange/refi-qda-export';
import { readQdaProject, type ProjectReading } from '../../domain/exchange/refi-qda-project';

/** The `.qdpx` file's bytes. */
export function qdpxFile(study: QdaStudy): Uint8Array {
  const { project, texts } = qdaProject(study);
  const files: Record<string, Uint8Array> = { 'project.qde': strToU8(project) };
  for (const { path, text } of texts) files[path] = strToU8(text);
  return zipSync(files, { level: 6 });
}

export { codebookQdc } from '../../domain/exchange/refi-qda-export';

/** Why a `.qdpx` file could not be read; nothing of it is stored. */
export type QdpxProblem =
  { ok: false; problem: 'notZip' | 'noProject' } | Extract<ProjectReading, { ok: false }>;

/** A `.qdpx` file's project, read (its texts from its `sources/` folder). */
export function readQdpx(
  bytes: Uint8Array,
  taken: ReadonlySet<string>,
): ProjectReading | QdpxProblem {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    return { ok: false, problem: 'notZip' };
  }
  // The standard names it project.qde; some tools write Project.QDE.
  const qde = Object.keys(files).find((name) => /^project\.qde$/i.test(name));
  if (!qde) return { ok: false, problem: 'noProject' };
  const byName = new Map(Object.entries(files).map(([name, data]) => [name.toLowerCase(), data]));
  const text = (path: string) => {
    const data = byName.get(path.toLowerCase());
    return data && strFromU8(data);
  };
  return readQdaProject(strFromU8(files[qde]!), text, taken);
}
