/** The test e-mail that went out. */
export class TestEmailSentDto {
  /** The caller's own address. */
  to!: string;
  /** "[THỬ] V/v …". */
  subject!: string;
}
