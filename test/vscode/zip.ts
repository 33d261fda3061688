/**
 * Reads a .zip file (a .vsix is one) with Node alone: its central directory for the names, and an
 * entry's data (stored or deflated). Enough for the package test; no unzip binary is assumed.
 */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export class ZipFile {
  readonly entries: ZipEntry[] = [];
  private readonly data: Buffer;

  constructor(path: string) {
    this.data = readFileSync(path);
    const data = this.data;
    // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
    let end = -1;
    for (let i = data.length - 22; i >= Math.max(0, data.length - 65557); i--) {
      if (data.readUInt32LE(i) === 0x06054b50) {
        end = i;
        break;
      }
    }
    if (end < 0) throw new Error(`${path} is not a zip file`);
    const count = data.readUInt16LE(end + 10);
    let offset = data.readUInt32LE(end + 16);
    for (let n = 0; n < count; n++) {
      if (data.readUInt32LE(offset) !== 0x02014b50) throw new Error('bad central directory entry');
      const method = data.readUInt16LE(offset + 10);
      const compressedSize = data.readUInt32LE(offset + 20);
      const size = data.readUInt32LE(offset + 24);
      const nameLength = data.readUInt16LE(offset + 28);
      const extraLength = data.readUInt16LE(offset + 30);
      const commentLength = data.readUInt16LE(offset + 32);
      const localHeaderOffset = data.readUInt32LE(offset + 42);
      const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
      this.entries.push({ name, method, compressedSize, size, localHeaderOffset });
      offset += 46 + nameLength + extraLength + commentLength;
    }
  }

  names(): string[] {
    return this.entries.map((entry) => entry.name);
  }

  /** An entry's contents. */
  read(name: string): Buffer {
    const entry = this.entries.find((candidate) => candidate.name === name);
    if (!entry) throw new Error(`${name} is not in the zip`);
    const header = entry.localHeaderOffset;
    if (this.data.readUInt32LE(header) !== 0x04034b50) throw new Error('bad local header');
    const start = header + 30 + this.data.readUInt16LE(header + 26) + this.data.readUInt16LE(header + 28);
    const raw = this.data.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) return Buffer.from(raw);
    if (entry.method === 8) return inflateRawSync(raw);
    throw new Error(`unsupported compression method ${entry.method}`);
  }

  text(name: string): string {
    return this.read(name).toString('utf8');
  }
}
