import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import * as nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { APP_CONFIG, AppConfig } from '@loa/config';
import type { StoreGrouping } from '@loa/delivery';
import { emailStoreGrouping, emailWindow, smtpPoolOptions } from './smtp-pool';

export interface OutgoingMail {
  /** `<id@domain>`, stable across retries of the same dispatch. */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: Array<{ filename: string; content: string | Buffer; contentType: string }>;
  headers: Record<string, string>;
}

/** The SMTP adapter: a pooled nodemailer transport with the server's connection and rate settings. */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private transporter: Transporter | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get transport(): Transporter {
    const smtp = this.config.smtp;
    this.transporter ??= nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
      ...smtpPoolOptions(smtp),
      ignoreTLS: !smtp.secure && smtp.host === '127.0.0.1',
    });
    return this.transporter;
  }

  /** Messages the send path keeps in flight to this server. */
  get window(): number {
    return emailWindow(this.config.smtp);
  }

  /** How the send path stores the outcomes of messages to this server. */
  get storeGrouping(): StoreGrouping {
    return emailStoreGrouping(this.config.smtp);
  }

  get from(): string {
    return this.config.smtp.from;
  }

  /**
   * Sends one message. It is built whole first (MIME, encodings: one buffer of a few kilobytes) and handed to the
   * pool as it will go out, with its envelope: the pool then writes it in one piece rather than a piece per line
   * and part as it would stream it, which costs both ends of the connection less. The Message-ID is the mail's own.
   */
  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const message = new MailComposer(mail).compile();
    const raw = await message.build();
    await this.transport.sendMail({ envelope: message.getEnvelope(), raw });
    return { messageId: mail.messageId };
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
