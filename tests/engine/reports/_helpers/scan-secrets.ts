import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync, inflateRawSync } from 'node:zlib';

/** One piece of output to scan, named by where it came from (`html/index.html > zip:report.json`). */
export interface Blob {
  readonly name: string;
  readonly bytes: Buffer;
}

/** A secret found where it must not be. */
export interface Leak {
  readonly where: string;
  readonly secret: string;
  readonly form: string;
}

/**
 * Every form a secret could take in output: itself, its hex, and its base64/base64url at each of the
 * three byte alignments (a secret inside a larger base64 blob is encoded differently by its offset mod 3;
 * only the characters that depend on the secret's bytes alone are kept).
 */
export function secretForms(secret: string): { form: string; needle: string }[] {
  const raw = Buffer.from(secret, 'utf8');
  const forms = [
    { form: 'plain', needle: secret },
    { form: 'hex', needle: raw.toString('hex') },
    { form: 'HEX', needle: raw.toString('hex').toUpperCase() },
  ];
  for (const k of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(k), raw]).toString('base64');
    const drop = [0, 2, 3][k]!;
    const whole = Math.floor((k + raw.length) / 3) * 4;
    const b64 = encoded.slice(drop, whole);
    forms.push({ form: `base64@${k}`, needle: b64 });
    forms.push({ form: `base64url@${k}`, needle: b64.replace(/\+/g, '-').replace(/\//g, '_') });
  }
  return forms;
}

/** Every file under `dir`, recursively, as blobs named by their path relative to `dir`. */
export function filesUnder(dir: string): Blob[] {
  const out: Blob[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ name: relative(dir, p), bytes: readFileSync(p) });
    }
  };
  walk(dir);
  return out;
}

/** The entries of a zip archive (stored or deflated), read through its central directory. */
export function unzip(zip: Buffer): { name: string; bytes: Buffer }[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: { name: string; bytes: Buffer }[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + compressed);
    if (method !== 0 && method !== 8) throw new Error(`zip entry ${name}: compression method ${method} is not stored or deflate`);
    entries.push({ name, bytes: method === 8 ? inflateRawSync(data) : Buffer.from(data) });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const BASE64_RUN = /(?:data:[\w/+.-]+;base64,)?[A-Za-z0-9+/_-]{24,}={0,2}/g;

/**
 * A blob and everything hidden inside it: gzip and zip archives are expanded, and every long base64
 * run (data: URIs, the HTML report's embedded zip) is decoded and expanded in turn, a few levels deep.
 */
export function expand(blob: Blob, depth = 0): Blob[] {
  const out: Blob[] = [blob];
  if (depth > 3) return out;
  const b = blob.bytes;
  if (b.length > 2 && b[0] === 0x1f && b[1] === 0x8b) {
    out.push(...expand({ name: `${blob.name} > gunzip`, bytes: gunzipSync(b) }, depth + 1));
    return out;
  }
  if (b.length > 4 && b.readUInt32LE(0) === 0x04034b50) {
    for (const e of unzip(b)) out.push(...expand({ name: `${blob.name} > zip:${e.name}`, bytes: e.bytes }, depth + 1));
    return out;
  }
  const text = b.toString('latin1');
  for (const m of text.matchAll(BASE64_RUN)) {
    const run = m[0].replace(/^data:[^,]*,/, '');
    const decoded = Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (decoded.length < 16) continue;
    // Only what decodes to something: text, or an archive.
    const archive = (decoded[0] === 0x1f && decoded[1] === 0x8b) || decoded.readUInt32LE(0) === 0x04034b50;
    const printable = decoded.toString('latin1').replace(/[\x20-\x7e\t\r\n]/g, '').length < decoded.length * 0.1;
    if (archive || printable) out.push(...expand({ name: `${blob.name} > base64@${m.index}`, bytes: decoded }, depth + 1));
  }
  return out;
}

/** Where any secret, in any of its forms, occurs in the blobs or anything they hide. */
export function findLeaks(blobs: readonly Blob[], secrets: readonly string[]): { leaks: Leak[]; scanned: string[] } {
  const leaks: Leak[] = [];
  const scanned: string[] = [];
  const needles = secrets.flatMap((secret) => secretForms(secret).map((f) => ({ secret, ...f })));
  for (const blob of blobs) {
    for (const part of expand(blob)) {
      scanned.push(part.name);
      const text = part.bytes.toString('latin1');
      for (const n of needles) if (text.includes(n.needle)) leaks.push({ where: part.name, secret: n.secret, form: n.form });
    }
  }
  return { leaks, scanned };
}
