import nodemailer from 'nodemailer';
import type { SendMailOptions, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Channel, OutgoingMessage, SentMessage } from '../channel';
import { classifySmtpError } from './classify-smtp-error';

export interface EmailChannelOptions {
  /** `smtp://user:pass@host:587` or `smtps://…`. */
  smtpUrl: string;
  /** `MAIL_FROM`, e.g. `Chợ Livestream <nhac@cholivestream.vn>`. */
  from: string;
  /** Connection and greeting timeouts, ms. */
  timeoutMs: number;
}

export interface EmailChannel extends Channel {
  close(): void;
}

/** The SMTP host only: the URL carries the password. */
function hostOf(smtpUrl: string): string {
  try {
    return new URL(smtpUrl).host;
  } catch {
    return 'the SMTP server';
  }
}

function toMail(from: string, to: string, message: OutgoingMessage): SendMailOptions {
  return {
    from,
    to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    // List-Unsubscribe (RFC 2369) from `list`, and RFC 8058's one-click POST marker.
    ...(message.unsubscribeUrl
      ? { list: { unsubscribe: { url: message.unsubscribeUrl, comment: 'Unsubscribe' } } }
      : {}),
    ...(message.ics ? { attachments: [{ filename: 'session.ics', content: message.ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }] } : {}),
    headers: {
      ...(message.unsubscribeUrl ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
      'X-LiveCue-Tracking-Id': message.trackingId,
    },
  };
}

/** Email over SMTP (nodemailer): a plain-text and an HTML part, the `.ics`, the unsubscribe headers. */
export function createEmailChannel(options: EmailChannelOptions): EmailChannel {
  const smtp: SMTPTransport.Options = {
    url: options.smtpUrl,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs * 2,
  };
  const transport: Transporter<SMTPTransport.SentMessageInfo> = nodemailer.createTransport(smtp);
  const host = hostOf(options.smtpUrl);
  return {
    name: 'email',
    async send(to: string, message: OutgoingMessage): Promise<SentMessage> {
      try {
        const info = await transport.sendMail(toMail(options.from, to, message));
        return { id: info.messageId };
      } catch (err: unknown) {
        throw classifySmtpError(err, host);
      }
    },
    close() {
      transport.close();
    },
  };
}
