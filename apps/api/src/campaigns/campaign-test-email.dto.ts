/** The test e-mail that went out. */
export class TestEmailSentDto {
  /** The caller's own address. */
  to!: string;
  /** "[THỬ] V/v …". */
  subject!: string;
}

/** The test SMS, queued for the caller's own phone. */
export class TestSmsQueuedDto {
  /** The caller's own number (84…). */
  to!: string;
  carrierCode!: string;
  /** "[THỬ] …", exactly as it goes. */
  text!: string;
  segments!: number;
}
