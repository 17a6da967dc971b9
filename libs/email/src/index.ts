export { renderDispatch } from './render-dispatch';
export type { DispatchInput, RenderedDispatch } from './render-dispatch';
export { MailTransport } from './mail-transport';
export type { OutgoingMail } from './mail-transport';
export { classifySmtpError, dispatchMessageId, EmailDispatchService } from './email-dispatch.service';
export { EmailModule } from './email.module';
export { EmailFanout } from './email-fanout';
export { EmailBatchRepository } from './email-batch.repository';
export type { EmailBatchContext } from './email-batch.repository';
