/**
 * A transcript file or pasted text, read into speaker turns (domain/transcripts): `.vtt` and
 * `.srt` as subtitles, anything else as text. Nothing is stored here: the facilitator checks
 * the turns, maps the speakers and stores the transcript (coding-workspace.svelte.ts).
 */
import { readSubtitles } from '../../domain/transcripts/read-subtitles';
import {
  MAX_TRANSCRIPT_BYTES,
  readTranscriptText,
  type ReadTranscript,
  type TranscriptProblem,
} from '../../domain/transcripts/read-text';

export type TranscriptReading = ReadTranscript | TranscriptProblem | { code: 'unreadable' };

/** Reads a transcript file; a file too large is refused before it is read. */
export async function readTranscriptFile(file: Blob & { name: string }): Promise<TranscriptReading> {
  if (file.size > MAX_TRANSCRIPT_BYTES)
    return { code: 'tooLarge', limitMb: MAX_TRANSCRIPT_BYTES / 1024 / 1024 };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { code: 'unreadable' };
  }
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (extension === 'vtt' || extension === 'srt') return readSubtitles(text, extension);
  return readPastedTranscript(text);
}

/** Reads pasted text: a WebVTT file's text is read as subtitles. */
export function readPastedTranscript(text: string): TranscriptReading {
  if (text.length > MAX_TRANSCRIPT_BYTES)
    return { code: 'tooLarge', limitMb: MAX_TRANSCRIPT_BYTES / 1024 / 1024 };
  if (/^\uFEFF?WEBVTT(\s|$)/.test(text)) return readSubtitles(text, 'vtt');
  return readTranscriptText(text);
}
