import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Logger } from '../shared/logger';
import type { FaultTable } from './faults';

/** One message the sink received (`GET /__sandbox/mail`). */
export interface SinkMail {
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments: { filename: string | null; contentType: string; content: string }[];
}

export interface MailSink {
  /** `smtp://127.0.0.1:<port>`: what LiveCue's SMTP_URL would be. */
  smtpUrl: string;
  mail: SinkMail[];
  close(): Promise<void>;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);
}

/** Headers as sent (lowercase names, unfolded values): mailparser's parsed forms reshape List-* headers. */
function rawHeaders(lines: readonly { key: string; line: string }[]): Record<string, string> {
  return Object.fromEntries(lines.map(({ key, line }) => [key, line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim()]));
}

/**
 * An SMTP server that keeps what it receives (smtp-server speaks real SMTP, mailparser reads the
 * MIME). Any login is accepted; no TLS (loopback only).
 */
export async function startMailSink(options: { now: () => number; logger?: Logger; faults?: FaultTable }): Promise<MailSink> {
  const mail: SinkMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, callback) => {
      callback(null, { user: 'sandbox' });
    },
    onData: (stream, _session, callback) => {
      simpleParser(stream).then(
        (parsed) => {
          const fault = options.faults?.take('mail', 'DATA', '/') ?? null;
          if (fault?.status !== undefined && fault.status >= 400) {
            callback(Object.assign(new Error('refused by a sandbox fault'), { responseCode: fault.status }));
            return;
          }
          mail.push({
            receivedAt: new Date(options.now()).toISOString(),
            from: addresses(parsed.from).join(', '),
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: rawHeaders(parsed.headerLines),
            attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? null, contentType: a.contentType, content: a.content.toString('utf8') })),
          });
          // A held-back answer: the message is kept, the sender does not hear so until later.
          if (fault?.delayMs) setTimeout(callback, fault.delayMs).unref();
          else callback();
        },
        (err: unknown) => {
          options.logger?.warn('sandbox mail sink could not read a message', { component: 'sandbox', error: err instanceof Error ? err.message : String(err) });
          callback(err instanceof Error ? err : new Error(String(err)));
        },
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { resolve(); });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    smtpUrl: `smtp://127.0.0.1:${String(port)}`,
    mail,
    close: () => new Promise<void>((resolve) => { server.close(() => { resolve(); }); }),
  };
}
