// CSV as Excel reads it (RFC 4180, CRLF line ends). Pure: no I/O.

/** Opening the file in Excel must not run anything: a cell that starts like a formula is quoted as text. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** The byte-order mark that tells Excel the file is UTF-8 (without it, Chinese shows as mojibake). */
export const UTF8_BOM = "\uFEFF";
