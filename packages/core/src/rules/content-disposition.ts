// The Content-Disposition of a download (RFC 6266): the file's own name in UTF-8 as `filename*`
// (RFC 5987/8187 percent-encoding), and an ASCII stand-in as `filename` for clients that know no
// better. Pure: no I/O.

/** RFC 5987 `value-chars`: encodeURIComponent leaves ' ( ) * and ! unencoded, which attr-char does not allow all of. */
export function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/**
 * The header value: `attachment; filename="ascii"; filename*=UTF-8''…`. The ASCII stand-in is the
 * name with "_" for what ASCII cannot say, or `asciiName` where a readable one is known.
 */
export function contentDisposition(fileName: string, disposition: "attachment" | "inline" = "attachment", asciiName?: string): string {
  // Anything outside printable ASCII, and the quote and backslash that would end or escape the quoted string, become "_".
  const ascii = (asciiName ?? fileName).replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_") || "file";
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`;
}
