/** Hands a file from the backend to the admin: already saved (desktop) or as a download. */
import type { ExportedFile } from '../../../src-main/api/contract';

/** Starts the download when the content came back; returns a sentence saying what happened. */
export function offerFile(file: ExportedFile): string {
  if (file.content === null) {
    return file.savedTo ? `Saved to ${file.savedTo}.` : 'Not saved.';
  }
  download({ fileName: file.fileName, mimeType: file.mimeType, content: file.content });
  return `Downloaded ${file.fileName}.`;
}

/** Has the browser save `content` as a file; nothing leaves the machine. */
export function download(file: { fileName: string; mimeType: string; content: string }): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  URL.revokeObjectURL(url);
}
