/**
 * A transcript file or pasted text, read into speaker turns (domain/transcripts): `.vtt` and
 * `.srt` as subtitles, `.docx` by its text (mammoth, loaded only then), anything else as text.
 * Nothing is stored here: the facilitator checks the turns, maps the speakers and stores the
 * transcript (coding-workspace.svelte.ts).
 */
import { readSubtitles } from '../../domain/transcripts/read-subtitles';
import {
  MAX_TRANSCRIPT_BYTES,
  readTranscriptText,
  type ReadTranscript,
  type TranscriptProblem,
} from '../../domain/transcripts/read-text';

/** A reading, with the text it was read from (kept only if the facilitator asks). */
export type TranscriptReading =
  (ReadTranscript & { original: string }) | TranscriptProblem | { code: 'unreadable' };

const withOriginal = (
  reading: ReadTranscript | TranscriptProblem,
  original: string,
): TranscriptReading => ('turns' in reading ? { ...reading, original } : reading);

/** Reads a transcript file; a file too large is refused before it is read. */
export async function readTranscriptFile(
  file: Blob & { name: string },
): Promise<TranscriptReading> {
  if (file.size > MAX_TRANSCRIPT_BYTES)
    return { code: 'tooLarge', limitMb: MAX_TRANSCRIPT_BYTES / 1024 / 1024 };
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (extension === 'docx') return readDocx(file);
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { code: 'unreadable' };
  }
  if (extension === 'vtt' || extension === 'srt')
    return withOriginal(readSubtitles(text, extension), text);
  return readPastedTranscript(text);
}

/** Reads pasted text: a WebVTT file's text is read as subtitles. */
export function readPastedTranscript(text: string): TranscriptReading {
  if (text.length > MAX_TRANSCRIPT_BYTES)
    return { code: 'tooLarge', limitMb: MAX_TRANSCRIPT_BYTES / 1024 / 1024 };
  if (/^\uFEFF?WEBVTT(\s|$)/.test(text)) return withOriginal(readSubtitles(text, 'vtt'), text);
  return withOriginal(readTranscriptText(text), text);
}

/** A Word file's text, its paragraphs apart and its line breaks kept (by mammoth). */
async function readDocx(file: Blob): Promise<TranscriptReading> {
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch {
    return { code: 'unreadable' };
  }
  let mammoth: typeof import('mammoth');
  try {
    mammoth = await import('mammoth');
  } catch {
    return { code: 'unreadable' }; // the reader itself could not be loaded
  }
  try {
    // As HTML, not mammoth's raw text: that drops a line break within a paragraph.
    const { value } = await mammoth.convertToHtml({ arrayBuffer: bytes });
    const text = textOfHtml(value);
    return withOriginal(readTranscriptText(text), text);
  } catch {
    return { code: 'notDocx' };
  }
}

/** Mammoth's HTML as text: a paragraph (or heading, list item) per block, breaks kept. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|h[1-6]|li|tr)>/gi, '\n\n')
    .replace(/<\/td>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) =>
      name === 'lt'
        ? '<'
        : name === 'gt'
          ? '>'
          : name === 'quot'
            ? '"'
            : name === '#39'
              ? "'"
              : '&',
    );
}
