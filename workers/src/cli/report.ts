import type { IngestReport } from '@jobportal/contracts';

const COLUMNS = ['read', 'indexed', 'updated', 'unchanged', 'duplicates', 'rejected'] as const;

/** The end-of-import report: one row per source, totals, reject reasons and where rejects went. */
export function formatReports(reports: IngestReport[], failures: Array<{ source: string; path: string; message: string }> = []): string {
  const lines: string[] = [];
  const header = ['source', ...COLUMNS, 'seconds'];
  const rows = reports.map((r) => [r.source, ...COLUMNS.map((c) => String(r[c])), (r.durationMs / 1000).toFixed(1)]);
  if (reports.length > 1) {
    rows.push(['TOTAL', ...COLUMNS.map((c) => String(reports.reduce((n, r) => n + r[c], 0))), (reports.reduce((n, r) => n + r.durationMs, 0) / 1000).toFixed(1)]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  lines.push('', 'Import report', fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt));
  for (const r of reports) {
    if (r.rejected > 0) {
      const reasons = Object.entries(r.rejectedByReason).map(([k, v]) => `${k} ${v}`).join(', ');
      lines.push(`  ${r.source}: rejected ${r.rejected} (${reasons}) -> ${r.quarantinePath}`);
    }
  }
  const coded = reports.filter((r) => r.needsReview !== undefined);
  if (coded.length > 0) {
    const flagged = coded.reduce((n, r) => n + r.needsReview!, 0);
    lines.push(`  occupation codes: ${flagged} postings flagged for review (soc.needs_review: low confidence or unreadable title)`);
  } else if (reports.length > 0) {
    lines.push('  occupation codes: not classified (--no-classify); npm run reclassify codes them');
  }
  for (const f of failures) lines.push(`  ${f.source}: NOT IMPORTED: ${f.message}`);
  return lines.join('\n');
}
