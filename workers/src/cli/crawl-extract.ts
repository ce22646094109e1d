import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CRAWL_ADAPTERS, adapterForUrl, createPostingNormalizer, extractPage, summarizePosting, type CrawlAdapterName } from '@jobportal/postings';
import { UsageError, parseCliArgs, runCli } from './args';

const USAGE = `Usage:
  npm run -s crawl:extract -- --file <page.html|answer.json> --url <URL the page was fetched from>
Prints the postings the saved page holds as JSON lines, through the same adapters and normalizers
as the crawler; {"expired": true} for a page that says the posting is gone. Problems (malformed
JSON-LD, not a posting page, ...) and the links a listing page holds go to stderr.
Options: --adapter <name> (default: from the URL's host; ${CRAWL_ADAPTERS.join(', ')}),
         --content-type <type> (as the server would have sent it), --links (print links as {"link": ...} lines)`;

interface ExtractArgs {
  file: string;
  url: string;
  adapter: CrawlAdapterName;
  contentType: string | null;
  links: boolean;
}

async function main(): Promise<number> {
  const args = parseCliArgs(
    process.argv.slice(2),
    { file: 'string', url: 'string', adapter: 'string', 'content-type': 'string', links: 'boolean' },
    USAGE,
    (a): ExtractArgs => {
      if (typeof a.file !== 'string') throw new UsageError('Give --file, the saved page.');
      if (typeof a.url !== 'string') throw new UsageError('Give --url, the address the page was fetched from (links and ids are resolved against it).');
      try {
        new URL(a.url);
      } catch {
        throw new UsageError(`--url "${a.url}" is not an absolute URL.`);
      }
      const adapter = typeof a.adapter === 'string' ? a.adapter : adapterForUrl(a.url);
      if (!(CRAWL_ADAPTERS as readonly string[]).includes(adapter)) throw new UsageError(`Unknown --adapter "${adapter}". Known: ${CRAWL_ADAPTERS.join(', ')}.`);
      return { file: a.file, url: a.url, adapter: adapter as CrawlAdapterName, contentType: typeof a['content-type'] === 'string' ? a['content-type'] : null, links: Boolean(a.links) };
    },
  );
  if (typeof args === 'number') return args;
  const path = resolve(args.file);
  let body: string;
  try {
    body = await readFile(path, 'utf8');
  } catch (err) {
    console.error(`Cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)}). Check the --file path.`);
    return 1;
  }
  const result = extractPage(args.adapter, { url: args.url, body, contentType: args.contentType });
  const normalize = createPostingNormalizer({ skills: null });
  const out: string[] = [];
  if (result.expired) out.push(JSON.stringify({ expired: true }));
  for (const raw of result.postings) {
    const n = normalize(raw);
    if (n.ok) out.push(JSON.stringify(summarizePosting(n.doc)));
    else console.error(`rejected ${n.reject.reason}: ${n.reject.detail}`);
  }
  if (args.links) for (const l of result.links) out.push(JSON.stringify({ link: l.url, lastmod: l.lastmod ?? null }));
  else if (result.links.length) console.error(`${result.links.length} links to follow (--links prints them)`);
  for (const p of result.problems) console.error(`${p.reason}: ${p.detail}`);
  if (out.length) process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

runCli(main, []);
