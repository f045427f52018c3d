// Sends one mail over SMTP with nodemailer. The port lets the outbox be tested without a server;
// integration tests use a real SMTP server on loopback. nodemailer is imported on the first mail,
// not at the console's start.
import type { SmtpConnection } from './smtp-config.js';

export interface OutgoingMail {
  /** Stable per outbox item, so a mail server or client can tell a resend from a new mail. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
}

export interface MailSender {
  /** Resolves when the server accepted the mail; rejects with the server's or the network's reason. */
  send(connection: SmtpConnection, mail: OutgoingMail): Promise<void>;
}

export const smtpMailSender: MailSender = {
  async send(c, mail) {
    const { default: nodemailer } = await import('nodemailer');
    const transport = nodemailer.createTransport({
      host: c.host,
      port: c.port,
      // tls: TLS from the first byte; starttls: upgrade required; none: plain, even if the server offers STARTTLS.
      secure: c.tls === 'tls',
      requireTLS: c.tls === 'starttls',
      ignoreTLS: c.tls === 'none',
      ...(c.user ? { auth: { user: c.user, pass: c.password ?? '' } } : {}),
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
    try {
      await transport.sendMail({ from: c.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    } finally {
      transport.close();
    }
  },
};
