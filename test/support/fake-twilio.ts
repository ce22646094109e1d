import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Messages API request as the server received it. */
export interface ReceivedSms {
  sid: string;
  accountSid: string;
  /** Basic-auth user the SDK sent (the Account SID or an API key). */
  authUser: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  userAgent: string;
  contentType: string;
  path: string;
  receivedAt: Date;
}

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Messages\.json$/;

/**
 * A local HTTP server that speaks the part of Twilio's REST API the backend uses: POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json with a form-encoded body and Basic auth,
 * answered with a Message resource (201) or Twilio's error JSON. The real `twilio` SDK is pointed
 * at it (TWILIO_API_BASE_URL); tests read the codes from what it received.
 */
export class FakeTwilio {
  readonly messages: ReceivedSms[] = [];
  private server?: Server;
  /** When set, the next requests fail with this Twilio error (e.g. 21211 invalid "To"). */
  failWith: { status: number; code: number; message: string } | null = null;

  constructor(private readonly credentials: { accountSid: string; authToken: string }) {}

  static credentials(): { accountSid: string; authToken: string } {
    return { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
  }

  get url(): string {
    const port = (this.server!.address() as AddressInfo).port;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => this.error(res, 500, 20500, String(err)));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  to(phone: string): ReceivedSms[] {
    return this.messages.filter((m) => m.to === phone);
  }

  /** Waits for the n-th message (1-based) to this phone and returns it. */
  async waitForMessage(phone: string, n = 1, timeoutMs = 10_000): Promise<ReceivedSms> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = this.to(phone);
      if (got.length >= n) return got[n - 1];
      if (Date.now() > deadline) throw new Error(`no SMS #${n} to ${phone} within ${timeoutMs} ms (got ${got.length})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The 6-digit code of the n-th message to this phone. */
  async codeFor(phone: string, n = 1): Promise<string> {
    const msg = await this.waitForMessage(phone, n);
    const code = /\b(\d{6})\b/.exec(msg.body)?.[1];
    if (!code) throw new Error(`SMS to ${phone} has no code: ${msg.body}`);
    return code;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = MESSAGES_PATH.exec(url.pathname);
    if (!match) return this.error(res, 404, 20404, `The requested resource ${url.pathname} was not found`);
    if (req.method !== 'POST') return this.error(res, 405, 20004, 'Method not allowed');
    const accountSid = match[1];

    const [scheme, encoded] = (req.headers.authorization ?? '').split(' ');
    const [user, password] = scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString().split(':') : [];
    if (user !== this.credentials.accountSid || password !== this.credentials.authToken || accountSid !== this.credentials.accountSid) {
      return this.error(res, 401, 20003, 'Authenticate');
    }

    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const to = form.get('To');
    const from = form.get('From');
    const messagingServiceSid = form.get('MessagingServiceSid');
    const body = form.get('Body');
    if (!to) return this.error(res, 400, 21604, "A 'To' phone number is required.");
    if (!from && !messagingServiceSid) return this.error(res, 400, 21603, "A 'From' phone number is required.");
    if (!body) return this.error(res, 400, 21602, 'Message body is required.');
    if (this.failWith) return this.error(res, this.failWith.status, this.failWith.code, this.failWith.message);

    const sid = `SM${randomBytes(16).toString('hex')}`;
    const now = new Date();
    this.messages.push({
      sid,
      accountSid,
      authUser: user,
      to,
      from,
      messagingServiceSid,
      body,
      userAgent: String(req.headers['user-agent'] ?? ''),
      contentType: String(req.headers['content-type'] ?? ''),
      path: url.pathname,
      receivedAt: now,
    });
    const date = now.toUTCString().replace('GMT', '+0000');
    this.json(res, 201, {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body,
      date_created: date,
      date_sent: null,
      date_updated: date,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from,
      messaging_service_sid: messagingServiceSid,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid,
      status: 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      to,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    });
  }

  private error(res: ServerResponse, status: number, code: number, message: string) {
    this.json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
  }

  private json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
