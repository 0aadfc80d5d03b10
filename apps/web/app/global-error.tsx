"use client";

// Last resort when even the root layout failed (no translations available): both scripts and English.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-Hans">
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: 560, margin: "15vh auto", padding: 16, textAlign: "center" }}>
        <h1>系统暂时无法完成请求</h1>
        <p>可能是数据库暂时不可用，请稍后重试。</p>
        <p lang="en">The system could not complete the request. Please try again shortly.</p>
        {error.digest && <p style={{ fontFamily: "monospace", fontSize: 12 }}>{error.digest}</p>}
        <button type="button" onClick={reset}>重试 / Try again</button>
      </body>
    </html>
  );
}
