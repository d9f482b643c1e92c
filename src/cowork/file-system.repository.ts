import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm, unlink } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Writes `data` so that a reader sees either the old file or the whole new one, never a torn
 * write: a temporary file in the same folder (same filesystem), flushed, then renamed over.
 * The mode is applied with chmod too, because the process umask would otherwise narrow it.
 */
export async function writeFileAtomic(file: string, data: string, mode: number): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, mode);
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Creates `dir` (and its parents) and sets `dir` itself to `mode`: recursive mkdir applies the
 * mode only to folders it creates, and a private folder must stay private when it already existed.
 */
export async function ensureDir(dir: string, mode: number): Promise<void> {
  await mkdir(dir, { recursive: true, mode });
  await chmod(dir, mode);
}

/** Removes a file if it is there; true when something was removed. */
export async function removeIfPresent(file: string): Promise<boolean> {
  try {
    await rm(file);
    return true;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return false;
    throw error;
  }
}
