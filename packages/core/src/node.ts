import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DEFAULT_MAX_LENGTH } from './parse.js';
import type { FileHost } from './files.js';

export { keepYoungGenerationSmall, OPTIMISATION_BUDGET, optimiseOnlyHotCode, tuneV8ForChecks } from './v8-settings.js';

/** Why a file could not be read, in words for the person who named it. */
export class UnreadableFileError extends Error {
  constructor(
    readonly fileName: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a file as UTF-8 text for Plankit: refuses (with a clear message, never a crash) a file
 * that is missing, a directory, larger than the limit or not UTF-8 text. Nothing is written.
 */
export async function readPlankitText(fileName: string, maxBytes = DEFAULT_MAX_LENGTH): Promise<string> {
  let size: number;
  try {
    const info = await stat(fileName);
    if (info.isDirectory()) throw new UnreadableFileError(fileName, 'it is a folder, not a file');
    size = info.size;
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(fileName, describeFsError(error));
  }
  if (size > maxBytes) {
    throw new UnreadableFileError(fileName, `it is ${(size / 1048576).toFixed(1)} MB; Plankit reads files of up to ${(maxBytes / 1048576).toFixed(0)} MB`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(fileName);
  } catch (error) {
    throw new UnreadableFileError(fileName, describeFsError(error));
  }
  if (bytes.includes(0)) throw new UnreadableFileError(fileName, 'it holds binary data, not text (is it a Word or Excel file?)');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableFileError(fileName, 'it is not UTF-8 text (save it as UTF-8)');
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return error instanceof Error ? error.message : String(error);
}

/** Reads register and linked-plan files from disk, relative to the file that names them. */
export const nodeFileHost: FileHost = {
  async readText(fileName) {
    try {
      return await readPlankitText(fileName);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  },
  resolve(fromFile, relative) {
    return resolve(dirname(fromFile), relative);
  },
};
