import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/** A PDF whose lines are drawn in one column, or in two (left: experience, right: skills). */
export async function makePdf(left: string[], right: string[] = []): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  let page = pdf.addPage([612, 792]);
  let y = 750;
  for (const line of left) {
    if (y < 50) {
      page = pdf.addPage([612, 792]);
      y = 750;
    }
    page.drawText(line, { x: 40, y, size: 10, font });
    y -= 14;
  }
  let ry = 750;
  for (const line of right) {
    pdf.getPage(0).drawText(line, { x: 360, y: ry, size: 10, font });
    ry -= 14;
  }
  return Buffer.from(await pdf.save());
}

/** A PDF with a drawn shape and no text layer: what a scan looks like to a text extractor. */
export async function makeImageOnlyPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([612, 792]);
  page.drawRectangle({ x: 50, y: 50, width: 500, height: 700, color: rgb(0.9, 0.9, 0.9) });
  return Buffer.from(await pdf.save());
}

/** A DOCX with a heading paragraph and the jobs in a table (title | employer | dates). */
export async function makeDocxWithTable(intro: string[], rows: string[][], after: string[] = []): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          ...intro.map((t) => new Paragraph({ children: [new TextRun(t)] })),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: rows.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph(c)] })) })),
          }),
          ...after.map((t) => new Paragraph({ children: [new TextRun(t)] })),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
