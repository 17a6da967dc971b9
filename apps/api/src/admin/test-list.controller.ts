import { Body, Controller, Get, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TestListService } from '@loa/campaigns';
import { Roles } from '../auth/auth.decorators';
import { operator } from '../campaigns/operator';
import { TestListDto } from '../campaigns/campaign-report.dto';
import type { LoaRequest } from '../http/request-context';
import { UpdateTestListDto } from './test-list.dto';

/**
 * The organisation's test list: the only phone numbers and e-mail addresses an exercise or test campaign reaches
 * (staff phones and mailboxes). Replaced whole; every change audited.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/test-list')
export class TestListController {
  constructor(private readonly lists: TestListService) {}

  /** Editors and approvers read it too: it is who a rehearsal will reach. */
  @Get()
  get(@Req() req: LoaRequest): Promise<TestListDto> {
    return this.lists.get(operator(req).organizationId);
  }

  /** 422 names each bad entry (`msisdns[2]`: no carrier serves it; `emails[0]`: not an address). */
  @Put()
  @Roles('admin')
  replace(@Body() body: UpdateTestListDto, @Req() req: LoaRequest): Promise<TestListDto> {
    return this.lists.replace(operator(req), body, req.requestId);
  }
}
