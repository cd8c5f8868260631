/** How a message reaches a person (design.md "channels"): one small interface per channel. */
export type ChannelName = 'email' | 'zalo' | 'webhook';

/** Which ZNS template carries a message, and the values of its parameters. */
export type ZaloTemplateKind = 'reminder' | 'cue' | 'confirm';

/**
 * One message to one person, rendered for every channel: email uses subject/text/html (and the
 * `.ics` and unsubscribe link), Zalo the template kind and its parameters.
 */
export interface OutgoingMessage {
  subject: string;
  text: string;
  html: string;
  /** The ZNS template and its values; absent for email-only messages (an invitation to the console). */
  zalo?: { template: ZaloTemplateKind; data: Record<string, string> };
  /** An iCalendar document attached to the email (`session.ics`). */
  ics?: string;
  /** One-click unsubscribe (RFC 8058) for email; subscribers only. */
  unsubscribeUrl?: string;
  /** Stable per recipient and event: ZNS `tracking_id`, email Message-ID seed. */
  trackingId: string;
}

/** What a channel answers when the message left: the channel's own id of it. */
export interface SentMessage {
  id: string;
}

/**
 * One channel. Email and Zalo send an `OutgoingMessage` to an address (`to`: an email address, or a
 * phone `84…`); the webhook channel sends an event to a hook (`Channel<WebhookTarget, WebhookEvent>`).
 * Throws `ChannelError` on failure.
 */
export interface Channel<To = string, Message = OutgoingMessage> {
  name: ChannelName;
  send(to: To, message: Message): Promise<SentMessage>;
}
