import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import * as nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { emailWindow, smtpPoolOptions } from './smtp-pool';

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

  get from(): string {
    return this.config.smtp.from;
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail(mail);
    return { messageId: String(info.messageId) };
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
