import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { InboundSmsJob, QUEUES, ReceiptJob, receiptJobId } from '@loa/queue';

/**
 * The one place receipts and subscribers' replies enter the receipts queue, whatever brought them (an SMPP
 * deliver_sm, a Twilio status callback, a status query's final answer is applied directly instead). A receipt's job
 * id is its carrier, message id and status, so the same receipt delivered twice is one job.
 */
@Injectable()
export class ReceiptIntake {
  constructor(@InjectQueue(QUEUES.receipts) private readonly queue: Queue<ReceiptJob | InboundSmsJob>) {}

  async receipt(r: ReceiptJob): Promise<void> {
    await this.queue.add('receipt', r, { jobId: receiptJobId(r.carrierCode, r.providerMessageId, r.providerStatus) });
  }

  async inbound(m: InboundSmsJob): Promise<void> {
    await this.queue.add('inbound', m);
  }
}
