import { randomBytes, randomInt } from 'node:crypto';
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

/** One code Verify "sent" (POST .../Verifications), with the code it made. */
export interface SentVerification {
  sid: string;
  serviceSid: string;
  to: string;
  channel: string;
  code: string;
  authUser: string;
  userAgent: string;
  contentType: string;
  path: string;
  receivedAt: Date;
}

/** One POST .../VerificationCheck as received, with what the server answered. */
export interface ReceivedVerificationCheck {
  serviceSid: string;
  to: string;
  code: string;
  outcome: 'approved' | 'pending' | 'not found';
  receivedAt: Date;
}

interface PendingVerification {
  sid: string;
  code: string;
  createdAt: Date;
  expiresAt: Date;
  wrongChecks: number;
  sends: Array<{ attempt_sid: string; channel: string; time: string }>;
}

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Messages\.json$/;
const VERIFY_PATH = /^\/v2\/Services\/([A-Za-z0-9]+)(?:\/(Verifications|VerificationCheck))?$/;
/** Verify's defaults: a code is good for 10 minutes and 5 checks. */
const VERIFY_TTL_MS = 10 * 60_000;
const VERIFY_MAX_CHECKS = 5;

/**
 * A local HTTP server that speaks the parts of Twilio's REST API the backend uses, with
 * form-encoded bodies, Basic auth (Account SID + auth token) and Twilio's error JSON:
 * - Messages: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, answered with a Message (201).
 * - Verify (the SDK's verify.twilio.com): GET /v2/Services/{ServiceSid}, POST
 *   /v2/Services/{ServiceSid}/Verifications (To, Channel: makes and "sends" a 6-digit code, or
 *   re-sends the pending one, 201) and POST /v2/Services/{ServiceSid}/VerificationCheck (To, Code:
 *   status "approved" or "pending", 200; 404 20404 when nothing is pending). An unknown service is
 *   404 20404.
 * The real `twilio` SDK is pointed at it (TWILIO_API_BASE_URL); tests read the codes from what it
 * received or sent.
 */
export class FakeTwilio {
  readonly messages: ReceivedSms[] = [];
  readonly verifications: SentVerification[] = [];
  readonly verificationChecks: ReceivedVerificationCheck[] = [];
  /** The Verify service this account has (TWILIO_VERIFY_SERVICE_SID); others are 404. */
  readonly verifyServiceSid = `VA${randomBytes(16).toString('hex')}`;
  private readonly pending = new Map<string, PendingVerification>();
  private server?: Server;
  /** When set, the next requests fail with this Twilio error (e.g. 21211 invalid "To"). */
  failWith: { status: number; code: number; message: string } | null = null;
  /** When true, every request's connection is dropped unanswered, as if Twilio could not be reached. */
  unreachable = false;

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

  /** Every code Verify sent to this phone, oldest first (a re-send repeats the pending code). */
  verificationsTo(phone: string): SentVerification[] {
    return this.verifications.filter((v) => v.to === phone);
  }

  checksFor(phone: string): ReceivedVerificationCheck[] {
    return this.verificationChecks.filter((c) => c.to === phone);
  }

  /** Waits for the n-th code (1-based) Verify sent to this phone and returns it. */
  async waitForVerification(phone: string, n = 1, timeoutMs = 10_000): Promise<SentVerification> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = this.verificationsTo(phone);
      if (got.length >= n) return got[n - 1];
      if (Date.now() > deadline) throw new Error(`no Verify code #${n} to ${phone} within ${timeoutMs} ms (got ${got.length})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The code of the n-th verification Verify sent to this phone. */
  async verifyCodeFor(phone: string, n = 1): Promise<string> {
    return (await this.waitForVerification(phone, n)).code;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    if (this.unreachable) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const notFound = () => this.error(res, 404, 20404, `The requested resource ${url.pathname} was not found`);
    const [scheme, encoded] = (req.headers.authorization ?? '').split(' ');
    const [user, password] = scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString().split(':') : [];
    const authenticated = user === this.credentials.accountSid && password === this.credentials.authToken;

    const verify = VERIFY_PATH.exec(url.pathname);
    if (verify) {
      if (!authenticated) return this.error(res, 401, 20003, 'Authenticate');
      const [, serviceSid, resource] = verify;
      if (serviceSid !== this.verifyServiceSid) return notFound();
      if (!resource) return req.method === 'GET' ? this.json(res, 200, this.serviceResource()) : this.error(res, 405, 20004, 'Method not allowed');
      if (req.method !== 'POST') return this.error(res, 405, 20004, 'Method not allowed');
      const form = await readForm(req);
      if (this.failWith) return this.error(res, this.failWith.status, this.failWith.code, this.failWith.message);
      return resource === 'Verifications' ? this.startVerification(req, res, url.pathname, user, form) : this.checkVerification(res, form, url.pathname);
    }

    const match = MESSAGES_PATH.exec(url.pathname);
    if (!match) return notFound();
    if (req.method !== 'POST') return this.error(res, 405, 20004, 'Method not allowed');
    const accountSid = match[1];
    if (!authenticated || accountSid !== this.credentials.accountSid) return this.error(res, 401, 20003, 'Authenticate');

    const form = await readForm(req);
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

  private startVerification(req: IncomingMessage, res: ServerResponse, path: string, authUser: string, form: URLSearchParams) {
    const to = form.get('To');
    const channel = form.get('Channel');
    if (!to || !/^\+[1-9]\d{6,14}$/.test(to)) return this.error(res, 400, 60200, 'Invalid parameter `To`');
    if (!channel || !['sms', 'call', 'email', 'whatsapp', 'sna'].includes(channel)) return this.error(res, 400, 60200, 'Invalid parameter `Channel`');
    const now = new Date();
    let verification = this.pending.get(to);
    if (!verification || verification.expiresAt <= now) {
      verification = {
        sid: `VE${randomBytes(16).toString('hex')}`,
        code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
        createdAt: now,
        expiresAt: new Date(now.getTime() + VERIFY_TTL_MS),
        wrongChecks: 0,
        sends: [],
      };
      this.pending.set(to, verification);
    }
    verification.sends.push({ attempt_sid: `VL${randomBytes(16).toString('hex')}`, channel, time: now.toISOString() });
    this.verifications.push({
      sid: verification.sid,
      serviceSid: this.verifyServiceSid,
      to,
      channel,
      code: verification.code,
      authUser,
      userAgent: String(req.headers['user-agent'] ?? ''),
      contentType: String(req.headers['content-type'] ?? ''),
      path,
      receivedAt: now,
    });
    this.json(res, 201, {
      ...this.verificationResource(verification, to, channel, 'pending'),
      lookup: { carrier: null },
      send_code_attempts: verification.sends,
      sna: null,
      url: `https://verify.twilio.com/v2/Services/${this.verifyServiceSid}/Verifications/${verification.sid}`,
    });
  }

  private checkVerification(res: ServerResponse, form: URLSearchParams, path: string) {
    const to = form.get('To');
    const code = form.get('Code');
    if (!to) return this.error(res, 400, 60200, 'Invalid parameter: To or VerificationSid is required');
    if (!code || !/^\d{4,10}$/.test(code)) return this.error(res, 400, 60200, 'Invalid parameter `Code`');
    const record = (outcome: ReceivedVerificationCheck['outcome']) =>
      this.verificationChecks.push({ serviceSid: this.verifyServiceSid, to, code, outcome, receivedAt: new Date() });
    const verification = this.pending.get(to);
    if (!verification || verification.expiresAt <= new Date()) {
      this.pending.delete(to);
      record('not found');
      return this.error(res, 404, 20404, `The requested resource ${path} was not found`);
    }
    const approved = code === verification.code;
    if (approved) this.pending.delete(to);
    else if (++verification.wrongChecks >= VERIFY_MAX_CHECKS) this.pending.delete(to);
    record(approved ? 'approved' : 'pending');
    this.json(res, 200, {
      ...this.verificationResource(verification, to, 'sms', approved ? 'approved' : 'pending'),
      sna_attempts_error_codes: [],
    });
  }

  private verificationResource(v: PendingVerification, to: string, channel: string, status: 'pending' | 'approved') {
    const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return {
      sid: v.sid,
      service_sid: this.verifyServiceSid,
      account_sid: this.credentials.accountSid,
      to,
      channel,
      status,
      valid: status === 'approved',
      amount: null,
      payee: null,
      date_created: iso(v.createdAt),
      date_updated: iso(new Date()),
    };
  }

  private serviceResource() {
    return {
      sid: this.verifyServiceSid,
      account_sid: this.credentials.accountSid,
      friendly_name: 'Job portal',
      code_length: 6,
      lookup_enabled: false,
      skip_sms_to_landlines: false,
      dtmf_input_required: true,
      do_not_share_warning_enabled: false,
      custom_code_enabled: false,
      url: `https://verify.twilio.com/v2/Services/${this.verifyServiceSid}`,
    };
  }

  private error(res: ServerResponse, status: number, code: number, message: string) {
    this.json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
  }

  private json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
