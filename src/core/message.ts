// The neutral message: what the core says, before any adapter renders it as Block Kit,
// a Discord embed or plain console text.

export type Visibility = 'ephemeral' | 'channel' | 'dm';

export interface Action {
  /** The command the button runs, e.g. "role approve". Buttons are commands with prefilled arguments. */
  command: string;
  args: Record<string, string>;
  label: string;
  style?: 'primary' | 'danger';
}

export interface Attachment {
  filename: string;
  contentType: string;
  /** base64 */
  data: string;
}

export interface Message {
  text: string;
  /** Short label/value pairs shown under the text. */
  fields?: { label: string; value: string }[];
  /** A table: first row is the header. */
  table?: string[][];
  actions?: Action[];
  attachments?: Attachment[];
  /** Marks a message relayed from verified staff (anti-impersonation). */
  verifiedStaff?: boolean;
  /** Groups related channel messages into one thread where the platform has threads. */
  threadKey?: string;
}

export interface Reply extends Message {
  visibility: Visibility;
}

export type Recipient = { kind: 'member'; memberId: string } | { kind: 'channel'; channel: string };

/** Something to deliver later through the outbox. */
export interface Notification {
  to: Recipient;
  message: Message;
}

export const reply = (text: string, extra: Partial<Reply> = {}): Reply => ({ visibility: 'ephemeral', text, ...extra });
