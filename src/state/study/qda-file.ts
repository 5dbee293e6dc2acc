/**
 * The study's coding as REFI-QDA files (domain/exchange/refi-qda-export.ts): a `.qdpx` (a zip
 * of `project.qde` and its sources' texts) or a `.qdc` codebook. Loaded only when a coder
 * exports (the zip writer stays off every other page).
 */
import { zipSync, strToU8 } from 'fflate';
import { qdaProject, type QdaStudy } from '../../domain/exchange/refi-qda-export';

/** The `.qdpx` file's bytes. */
export function qdpxFile(study: QdaStudy): Uint8Array {
  const { project, texts } = qdaProject(study);
  const files: Record<string, Uint8Array> = { 'project.qde': strToU8(project) };
  for (const { path, text } of texts) files[path] = strToU8(text);
  return zipSync(files, { level: 6 });
}

export { codebookQdc } from '../../domain/exchange/refi-qda-export';
