/** One queue's jobs by state (counts only: the queues are shared by every organisation). */
export class QueueCountsDto {
  name!: string;
  /** Waiting, prioritised included. */
  waiting!: number;
  active!: number;
  /** Waiting for a time (quiet hours, a retry's back-off, a campaign not started). */
  delayed!: number;
  failed!: number;
  completed!: number;
  paused!: boolean;
}

/** A failed job of one of the organisation's campaigns. */
export class FailedJobDto {
  queue!: string;
  id!: string;
  name!: string;
  campaignId!: string;
  campaignTitle!: string;
  failedReason!: string;
  attemptsMade!: number;
  failedAt!: string | null;
}

export class QueueCountsListDto {
  queues!: QueueCountsDto[];
}

export class FailedJobsDto {
  /** Newest first, at most 50. */
  failed!: FailedJobDto[];
}
