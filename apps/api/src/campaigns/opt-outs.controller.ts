import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { OptOutsService } from '@loa/sms';
import { Roles } from '../auth/auth.decorators';
import type { LoaRequest } from '../http/request-context';
import { operator } from './operator';
import { AddOptOutDto } from './opt-outs.dto';

/** Opt-outs recorded by operators (a subscriber who called or wrote in); keyword replies arrive by SMS. */
@ApiTags('opt-outs')
@ApiBearerAuth()
@Controller('api/opt-outs')
export class OptOutsController {
  constructor(private readonly optOuts: OptOutsService) {}

  @Post()
  @Roles('editor', 'approver')
  add(@Body() body: AddOptOutDto, @Req() req: LoaRequest) {
    const actor = operator(req);
    return this.optOuts.add(
      { msisdn: body.msisdn, source: 'operator', note: body.note ?? null },
      actor,
      actor.organizationId,
      req.requestId,
    );
  }

  @Get(':msisdn')
  async find(@Param('msisdn') msisdn: string) {
    const found = await this.optOuts.find(msisdn);
    if (!found) throw new NotFoundException('Số này chưa từ chối nhận tin / This number has not opted out');
    return found;
  }

  /** Only an admin may put a number back on the lists (for instance after a mistaken entry). */
  @Delete(':msisdn')
  @Roles('admin')
  @HttpCode(204)
  async remove(@Param('msisdn') msisdn: string, @Req() req: LoaRequest): Promise<void> {
    if (!(await this.optOuts.remove(msisdn, operator(req), req.requestId))) {
      throw new NotFoundException('Số này chưa từ chối nhận tin / This number has not opted out');
    }
  }
}
