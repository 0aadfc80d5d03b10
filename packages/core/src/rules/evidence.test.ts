import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkEvidenceFiles, evidenceFileName, fileSizeLabel, MAX_FILE_BYTES, MAX_FILES, sniffFileType, zipEntryNames } from "./evidence";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

/** A real (stored, uncompressed) zip archive with these entries. */
function zip(entries: Record<string, string>): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, "utf8");
    const data = Buffer.from(text, "utf8");
    const crc = crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    local.push(header, nameBytes, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, directory, end]));
}

const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const office = (part: string) => zip({ "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": "<Relationships/>", [part]: "<x/>" });

const PDF = bytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], "JFIF", [0]);
const GIF = bytes("GIF89a", [1, 0, 1, 0, 0, 0, 0]);
const WEBP = bytes("RIFF", [26, 0, 0, 0], "WEBPVP8 ");
const OLE2 = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Array(504).fill(0));
const ELF = bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], new Array(56).fill(0));
const EXE = bytes("MZ", [0x90, 0, 3, 0, 0, 0], "This program cannot be run in DOS mode.");
const TEXT = bytes("This is not a PDF, just a renamed text file.\n");

describe("sniffFileType", () => {
  it("recognises each accepted type by its content", () => {
    expect(sniffFileType(PDF)).toBe("application/pdf");
    expect(sniffFileType(PNG)).toBe("image/png");
    expect(sniffFileType(JPEG)).toBe("image/jpeg");
    expect(sniffFileType(GIF)).toBe("image/gif");
    expect(sniffFileType(WEBP)).toBe("image/webp");
    expect(sniffFileType(OLE2)).toBe("application/x-ole-storage");
    expect(sniffFileType(office("word/document.xml"))).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(sniffFileType(office("xl/workbook.xml"))).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(sniffFileType(office("ppt/presentation.xml"))).toBe("application/vnd.openxmlformats-officedocument.presentationml.presentation");
  });

  it("refuses a zip that is not an Office document", () => {
    expect(sniffFileType(zip({ "readme.txt": "hello", "tool.exe": "MZ" }))).toBeNull();
    // folder names that merely contain "word/" or "xl/" are not Office parts
    expect(sniffFileType(zip({ "password/list.txt": "x", "excel-xl/a.bin": "y" }))).toBeNull();
    // an Office part without the package's [Content_Types].xml is a plain zip
    expect(sniffFileType(zip({ "word/document.xml": "<x/>" }))).toBeNull();
    // a package with content types but no document part
    expect(sniffFileType(zip({ "[Content_Types].xml": CONTENT_TYPES, "other/x.xml": "<x/>" }))).toBeNull();
    // a zip header with nothing readable behind it
    expect(sniffFileType(bytes([0x50, 0x4b, 0x03, 0x04], "word/xl/ppt/[Content_Types].xml"))).toBeNull();
  });

  it("refuses renamed text, executables, empty and truncated files", () => {
    expect(sniffFileType(TEXT)).toBeNull();
    expect(sniffFileType(bytes("PDF-1.4 but not at the start"))).toBeNull();
    expect(sniffFileType(ELF)).toBeNull();
    expect(sniffFileType(EXE)).toBeNull();
    expect(sniffFileType(new Uint8Array())).toBeNull();
    expect(sniffFileType(PNG.subarray(0, 4))).toBeNull();
    expect(sniffFileType(bytes("RIFF", [0, 0, 0, 0], "WAVE"))).toBeNull();
  });

  it("lists a zip's entries from its central directory", () => {
    expect(zipEntryNames(zip({ "a.txt": "1", "dir/b.txt": "2" }))).toEqual(["a.txt", "dir/b.txt"]);
    expect(zipEntryNames(TEXT)).toBeNull();
  });
});

describe("checkEvidenceFiles", () => {
  it("accepts files by content, whatever their names, and reports the sniffed type", () => {
    const result = checkEvidenceFiles([
      { name: "scan.png", bytes: PDF },
      { name: "photo", bytes: PNG },
    ]);
    expect(result).toEqual({
      ok: true,
      files: [
        { name: "scan.png", mimeType: "application/pdf", bytes: PDF },
        { name: "photo", mimeType: "image/png", bytes: PNG },
      ],
    });
    expect(checkEvidenceFiles([])).toEqual({ ok: true, files: [] });
  });

  it("refuses a file whose content is not an accepted type, naming it", () => {
    for (const content of [ELF, EXE, TEXT]) {
      expect(checkEvidenceFiles([{ name: "a.png", bytes: PNG }, { name: "report.pdf", bytes: content }])).toEqual({
        ok: false,
        problem: "files.type",
        fileName: "report.pdf",
      });
    }
  });

  it("refuses a file over 10 MB and more than 10 files", () => {
    const atLimit = new Uint8Array(MAX_FILE_BYTES);
    atLimit.set(PDF);
    expect(checkEvidenceFiles([{ name: "big.pdf", bytes: atLimit }]).ok).toBe(true);
    const over = new Uint8Array(MAX_FILE_BYTES + 1);
    over.set(PDF);
    expect(checkEvidenceFiles([{ name: "huge.pdf", bytes: over }])).toEqual({ ok: false, problem: "files.tooLarge", fileName: "huge.pdf" });
    const many = Array.from({ length: MAX_FILES + 1 }, (_, i) => ({ name: `${i}.pdf`, bytes: PDF }));
    expect(checkEvidenceFiles(many)).toEqual({ ok: false, problem: "files.tooMany" });
    expect(checkEvidenceFiles(many.slice(0, MAX_FILES)).ok).toBe(true);
  });

  it("stores a file under its own name only: no folders, no control characters, at most 200 characters", () => {
    expect(evidenceFileName("C:\\Users\\me\\進展報告.pdf")).toBe("進展報告.pdf");
    expect(evidenceFileName("../../etc/passwd.pdf")).toBe("passwd.pdf");
    expect(evidenceFileName("a\r\nb\u0000.pdf")).toBe("ab.pdf");
    expect(evidenceFileName("")).toBe("file");
    expect(evidenceFileName("dir/")).toBe("file");
    expect(evidenceFileName(`${"x".repeat(300)}.pdf`)).toHaveLength(200);
  });
});

describe("fileSizeLabel", () => {
  it("shows a small file in bytes, never as 0 KB", () => {
    expect(fileSizeLabel(0)).toBe("0 B");
    expect(fileSizeLabel(100)).toBe("100 B");
    expect(fileSizeLabel(1023)).toBe("1023 B");
  });
  it("rounds kilobytes and megabytes up", () => {
    expect(fileSizeLabel(1024)).toBe("1 KB");
    expect(fileSizeLabel(1025)).toBe("2 KB");
    expect(fileSizeLabel(1024 * 1024 - 1)).toBe("1024 KB");
    expect(fileSizeLabel(1024 * 1024)).toBe("1.0 MB");
    expect(fileSizeLabel(MAX_FILE_BYTES)).toBe("10.0 MB");
    expect(fileSizeLabel(2.41 * 1024 * 1024)).toBe("2.5 MB");
  });
});
