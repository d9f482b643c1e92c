import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { CoworkError, describeError } from '../cowork.errors';
import type { ManifestSignatureFile } from '../cowork.types';
import { removeIfPresent, writeFileAtomic } from '../file-system.repository';
import { isPlainObject, toSignatureFile } from './manifest.schema';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig.json';

/** Readable by every local user and process that consumes the manifest; nothing in it is secret. */
const FILE_MODE = 0o644;

export interface StoredManifest {
  readonly manifest: Record<string, unknown>;
  readonly signature: ManifestSignatureFile;
}

/** The two files `sync` writes into the target folder, and nothing else there. */
export class ManifestStoreRepository {
  readonly manifestFile: string;
  readonly signatureFile: string;

  constructor(readonly dir: string) {
    this.manifestFile = path.join(dir, MANIFEST_FILE);
    this.signatureFile = path.join(dir, SIGNATURE_FILE);
  }

  /**
   * Each file is replaced atomically. The manifest goes first: between the two renames a
   * reader sees a new manifest with the old signature, which fails verification (safe),
   * never an unsigned file that passes.
   */
  async write(stored: StoredManifest): Promise<string[]> {
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.manifestFile, `${JSON.stringify(stored.manifest, null, 2)}\n`, FILE_MODE);
    await writeFileAtomic(this.signatureFile, `${JSON.stringify(stored.signature, null, 2)}\n`, FILE_MODE);
    return [this.manifestFile, this.signatureFile];
  }

  async read(): Promise<StoredManifest> {
    const manifest = await this.readJson(this.manifestFile);
    if (!isPlainObject(manifest)) throw new CoworkError('MANIFEST_INVALID', `${this.manifestFile}: not a JSON object`);
    return { manifest, signature: toSignatureFile(await this.readJson(this.signatureFile), this.signatureFile) };
  }

  /** Removes both files if present; returns the ones removed. */
  async remove(): Promise<string[]> {
    const removed: string[] = [];
    for (const file of [this.manifestFile, this.signatureFile]) {
      if (await removeIfPresent(file)) removed.push(file);
    }
    return removed;
  }

  private async readJson(file: string): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new CoworkError('MANIFEST_INVALID', `${file}: cannot read (${describeError(error)}); run sync first`);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new CoworkError('MANIFEST_INVALID', `${file}: not valid JSON`);
    }
  }
}
