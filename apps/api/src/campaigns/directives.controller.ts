import { Body, Controller, Get, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DirectivesService } from '@loa/directives';
import { Roles } from '../auth/auth.decorators';
import type { LoaRequest } from '../http/request-context';
import { operator } from './operator';
import { CreateDirectiveDto } from './campaign.dto';

@ApiTags('directives')
@ApiBearerAuth()
@Controller('api/directives')
export class DirectivesController {
  constructor(private readonly directives: DirectivesService) {}

  @Post()
  @Roles('editor')
  async create(@Body() body: CreateDirectiveDto, @Req() req: LoaRequest) {
    const d = await this.directives.create(operator(req), body.text, req.requestId);
    return { id: d.id, documentCode: d.documentCode, subject: d.subject, fields: d.fields };
  }

  @Get(':id')
  async get(@Param('id') id: string, @Req() req: LoaRequest) {
    const d = await this.directives.get(operator(req).organizationId, id);
    if (!d) throw new NotFoundException(`directive ${id} not found`);
    return { id: d.id, documentCode: d.documentCode, subject: d.subject, fields: d.fields, text: d.rawText };
  }
}
