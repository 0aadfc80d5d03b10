import { normalizeText } from "./text-input";
// Evidence files are checked by their content, not their name.

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 10;

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  signature.every((b, i) => bytes[offset + i] === b);

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/**
 * The entry names of a zip archive, from its central directory (what every zip reader trusts), or
 * null when the archive has none that can be read.
 */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  // End of central directory: 22 bytes plus a comment of up to 65535, at the end of the file.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(bytes, at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(bytes, eocd + 10);
  let at = u32(bytes, eocd + 16);
  const decoder = new TextDecoder("latin1");
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) return null;
    const nameLength = u16(bytes, at + 28);
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (next > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at = next;
  }
  return names;
}

/** The Office Open XML type of a zip: it has a [Content_Types].xml and the main part's folder. */
function officeOpenXmlType(bytes: Uint8Array): string | null {
  const names = zipEntryNames(bytes);
  if (!names?.includes("[Content_Types].xml")) return null; // a plain zip is not an Office document
  const has = (folder: string) => names.some((n) => n.startsWith(folder));
  if (has("word/")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (has("xl/")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (has("ppt/")) return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
  return null;
}

/**
 * The real type of a file from its first bytes: PDF, PNG, JPEG, GIF, WebP, Office Open XML
 * (docx/xlsx/pptx), legacy Office (OLE2), or null for anything else.
 */
export function sniffFileType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return "image/gif";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "application/x-ole-storage";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return officeOpenXmlType(bytes);
  return null;
}

/** The name a file is stored under: its last path segment, without control characters, at most 200. */
export function evidenceFileName(name: string): string {
  // Control characters out, and direction overrides too: "名单\u202Egnp.exe" must not read as "名单exe.png".
  const base = normalizeText((name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "")).trim();
  return base.slice(0, 200) || "file";
}

export type FileProblem = "files.tooLarge" | "files.type" | "files.tooMany";

export function checkEvidenceFiles(files: readonly { name: string; bytes: Uint8Array }[]):
  | { ok: true; files: { name: string; mimeType: string; bytes: Uint8Array }[] }
  | { ok: false; problem: FileProblem; fileName?: string } {
  if (files.length > MAX_FILES) return { ok: false, problem: "files.tooMany" };
  const checked = [];
  for (const file of files) {
    if (file.bytes.length > MAX_FILE_BYTES) return { ok: false, problem: "files.tooLarge", fileName: file.name };
    const mimeType = sniffFileType(file.bytes);
    if (!mimeType) return { ok: false, problem: "files.type", fileName: file.name };
    checked.push({ name: evidenceFileName(file.name), mimeType, bytes: file.bytes });
  }
  return { ok: true, files: checked };
}

/**
 * A file's size as the timeline shows it: bytes below 1 KB ("100 B"), then whole KB rounded up (a
 * 1,025-byte file is "2 KB", never "0 KB" or "1 KB" for more than a kilobyte), then MB with one decimal.
 */
export function fileSizeLabel(bytes: number): string {
  const size = Math.max(0, Math.trunc(bytes));
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${Math.ceil(size / 1024)} KB`;
  return `${(Math.ceil((size / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;
}
