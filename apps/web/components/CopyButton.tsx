"use client";

import { useState } from "react";
import { Button } from "./Button";

/** Copies `text` to the clipboard, then says so ("已复制") instead of its label. */
export function CopyButton({ text, label, copiedLabel }: { text: string; label: string; copiedLabel: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="secondary"
      size="sm"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true));
      }}
    >
      {copied ? copiedLabel : label}
    </Button>
  );
}
