import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@loa/audit';
import { DirectoryValidationError, emailAddress } from '@loa/directory';
import { CarrierRouter, routeNumber } from '@loa/sms';
import { CampaignReferencesRepository } from '../campaign-references.repository';
import { TestList, checkTestList } from './check-test-list';
import { TestListRepository } from './test-list.repository';

/** Reads and replaces the organisation's test list (admins), every change audited. */
@Injectable()
export class TestListService {
  constructor(
    private readonly lists: TestListRepository,
    private readonly references: CampaignReferencesRepository,
    private readonly router: CarrierRouter,
    private readonly audit: AuditService,
  ) {}

  get(organizationId: string): Promise<TestList> {
    return this.lists.get(organizationId);
  }

  async replace(
    actor: Actor & { type: 'user' },
    raw: { msisdns?: unknown; emails?: unknown },
    requestId: string | null,
  ): Promise<TestList> {
    const enabled = new Set(await this.references.enabledCarrierCodes());
    const { value, problems } = checkTestList(raw, (n) => routeNumber(n, this.router), enabled, emailAddress);
    if (!value) throw new DirectoryValidationError('Danh sách thử nghiệm có lỗi / The test list is invalid', problems);
    return this.lists.transaction(async (m) => {
      const before = await this.lists.get(actor.organizationId, m);
      await this.lists.set(m, actor.organizationId, value);
      await this.audit.record(
        {
          actor,
          organizationId: actor.organizationId,
          action: 'organization.test_list.update',
          targetType: 'organization',
          targetId: actor.organizationId,
          before: { ...before },
          after: { ...value },
          requestId,
        },
        m,
      );
      return value;
    });
  }
}
