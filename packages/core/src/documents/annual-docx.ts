// The year-end report draft as a Word document (A4), laid out like the ministry's own: the title,
// the opening paragraph, "YYYY年重點工作情況" with its numbered sections (the section's first sentence
// in bold, as offices write them), then "YYYY+1年工作計劃". Body text indented two characters.

import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from "docx";
import type { AnnualDraft } from "../rules/annual-draft";

const A4 = { width: 11906, height: 16838 };
const MARGIN = 1440;
/** Two characters of 16 pt (三號) text: the first-line indent of a Chinese paragraph. */
const INDENT = 640;

function body(text: string): Paragraph {
  return new Paragraph({ indent: { firstLine: INDENT }, spacing: { line: 560, lineRule: "exact" }, children: [new TextRun(text)] });
}

export async function annualDraftDocx(draft: AnnualDraft): Promise<Buffer> {
  const document = new Document({
    creator: "Workplan",
    title: draft.title,
    styles: {
      default: {
        document: { run: { font: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "FangSong" }, size: 32 } },
        title: { run: { font: { eastAsia: "SimSun" }, size: 44, bold: true }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 480 } } },
        heading1: { run: { font: { eastAsia: "SimHei" }, size: 32, bold: false }, paragraph: { indent: { firstLine: INDENT }, spacing: { before: 240, after: 120 } } },
      },
    },
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], size: 24 })] })] }),
        },
        children: [
          new Paragraph({ text: draft.title, heading: HeadingLevel.TITLE }),
          body(draft.opening),
          new Paragraph({ text: draft.recordHeading, heading: HeadingLevel.HEADING_1 }),
          ...draft.sections.map(
            (s) =>
              new Paragraph({
                indent: { firstLine: INDENT },
                spacing: { line: 560, lineRule: "exact" },
                children: [new TextRun({ text: `${s.marker}${s.heading}`, bold: true }), new TextRun(s.body)],
              }),
          ),
          new Paragraph({ text: draft.planHeading, heading: HeadingLevel.HEADING_1 }),
          body(draft.planPreamble),
          ...draft.planLines.map(body),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(document));
}
