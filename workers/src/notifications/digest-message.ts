import type { AlertChannel, AlertFrequency, JobSummary } from '@jobportal/contracts';
import type { OutgoingMessage } from '@jobportal/notify';

export interface DigestSection {
  savedSearchName: string;
  /** How many new postings matched; more than hits.length when the list was cut. */
  total: number;
  hits: JobSummary[];
  unsubscribeUrl: string;
}

export interface DigestInput {
  channel: AlertChannel;
  to: string;
  userName: string;
  frequency: AlertFrequency;
  publicUrl: string;
  sections: DigestSection[];
}

/** SMS stays short: counts, the first postings' titles and links, one unsubscribe link per search. */
const SMS_HITS_PER_SEARCH = 3;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function jobUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/jobs/${encodeURIComponent(id)}`;
}

function where(hit: JobSummary): string {
  return [hit.company, hit.location.text].filter(Boolean).join(' · ');
}

const PERIOD_WORD: Record<AlertFrequency, string> = { instant: 'New', daily: "Today's", weekly: "This week's" };

/** One message for one user and channel: every saved search with new postings, each with its unsubscribe link. */
export function buildDigestMessage(input: DigestInput): OutgoingMessage {
  const count = input.sections.reduce((n, s) => n + s.total, 0);
  const subject =
    input.sections.length === 1
      ? `${PERIOD_WORD[input.frequency]} jobs for "${input.sections[0].savedSearchName}": ${count} new`
      : `${PERIOD_WORD[input.frequency]} jobs for your saved searches: ${count} new`;

  if (input.channel === 'sms') {
    const lines = [subject];
    for (const s of input.sections) {
      if (input.sections.length > 1) lines.push(`${s.savedSearchName} (${s.total}):`);
      for (const h of s.hits.slice(0, SMS_HITS_PER_SEARCH)) lines.push(`${h.title} ${jobUrl(input.publicUrl, h.id)}`);
      lines.push(`Stop "${s.savedSearchName}": ${s.unsubscribeUrl}`);
    }
    return { channel: 'sms', to: input.to, subject, text: lines.join('\n'), kind: 'digest' };
  }

  const text: string[] = [`Hello ${input.userName},`, ''];
  const html: string[] = [`<p>Hello ${escapeHtml(input.userName)},</p>`];
  for (const s of input.sections) {
    text.push(`${s.savedSearchName}: ${s.total} new`);
    html.push(`<h2>${escapeHtml(s.savedSearchName)}: ${s.total} new</h2><ul>`);
    for (const h of s.hits) {
      const url = jobUrl(input.publicUrl, h.id);
      text.push(`- ${h.title}${where(h) ? ` (${where(h)})` : ''}: ${url}`);
      html.push(`<li><a href="${escapeHtml(url)}">${escapeHtml(h.title)}</a>${where(h) ? ` <span>${escapeHtml(where(h))}</span>` : ''}</li>`);
    }
    html.push('</ul>');
    if (s.total > s.hits.length) {
      text.push(`  and ${s.total - s.hits.length} more on the site.`);
      html.push(`<p>and ${s.total - s.hits.length} more on the site.</p>`);
    }
    text.push(`Stop alerts for "${s.savedSearchName}": ${s.unsubscribeUrl}`, '');
    html.push(`<p><a href="${escapeHtml(s.unsubscribeUrl)}">Stop alerts for &ldquo;${escapeHtml(s.savedSearchName)}&rdquo;</a></p>`);
  }
  return { channel: 'email', to: input.to, subject, text: text.join('\n'), html: html.join('\n'), kind: 'digest' };
}
