import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { EventLog, JobScheduler, streams, type Tx, ADVISORY_LOCKS } from '@relay/platform';
import { FollowUpsRepository } from './follow-ups.repository.js';
import { InteractionsRepository } from './interactions.repository.js';

/**
 * The day's reminders, on every node under an advisory lock (the job scheduler's pattern):
 * a follow-up that falls due raises `follow_up.due`, and an IRCC enquiry past its reply due
 * time raises `ircc.reply_overdue`, each once. Neither carries the note or the summary.
 */
@Injectable()
export class CaseworkJobs implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly events: EventLog,
    private readonly followUps: FollowUpsRepository,
    private readonly interactions: InteractionsRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule('follow-ups-due', ADVISORY_LOCKS.followUpsDue, (tx) => this.raiseDueFollowUps(tx));
    this.jobs.schedule('ircc-replies-overdue', ADVISORY_LOCKS.irccRepliesOverdue, (tx) => this.raiseOverdueReplies(tx));
  }

  async raiseDueFollowUps(tx: Tx): Promise<number> {
    const due = await this.followUps.claimDue(tx);
    for (const followUp of due) {
      const data = {
        followUpId: followUp.id,
        caseId: followUp.caseId,
        caseReference: followUp.reference,
        dueAt: followUp.dueAt.toISOString(),
      };
      if (followUp.assigneeId) {
        this.events.append(tx, streams.user(followUp.assigneeId), 'follow_up.due', null, data);
      }
      this.events.append(tx, streams.office(followUp.officeId), 'follow_up.due', null, data);
    }
    return due.length;
  }

  async raiseOverdueReplies(tx: Tx): Promise<number> {
    const overdue = await this.interactions.claimOverdue(tx);
    for (const enquiry of overdue) {
      this.events.append(tx, streams.office(enquiry.officeId), 'ircc.reply_overdue', null, {
        interactionId: enquiry.id,
        caseId: enquiry.caseId,
        caseReference: enquiry.reference,
        sentAt: enquiry.sentAt.toISOString(),
        replyDueAt: enquiry.replyDueAt.toISOString(),
      });
    }
    return overdue.length;
  }
}
