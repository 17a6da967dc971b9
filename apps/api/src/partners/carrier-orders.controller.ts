import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import { CarrierOrdersService } from '@loa/sms';
import { Public } from '../auth/auth.decorators';
import { CarrierGuard } from '../auth/carrier.guard';
import { PartnerThrottle } from '../http/rate-limits';
import type { LoaRequest } from '../http/request-context';
import { PartnerCarrierOrderDto, PartnerCarrierOrdersDto, CarrierReportDto } from './carrier-orders.dto';

/** The carrier partner API: orders to send to the carrier's own subscribers, acknowledged and reported on. */
@ApiTags('carriers')
@ApiHeader({ name: 'X-Carrier-Key', required: true })
@ApiHeader({ name: 'X-Loa-Timestamp', required: false, description: 'Unix seconds; required on POST' })
@ApiHeader({
  name: 'X-Loa-Signature',
  required: false,
  description: 'sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" keyed with the SHA-256 hex of the key>; on POST',
})
@ApiParam({ name: 'code', description: "The carrier's code" })
@Public()
@PartnerThrottle()
@UseGuards(CarrierGuard)
@Controller('partners/carriers/:code/orders')
export class CarrierOrdersController {
  constructor(private readonly orders: CarrierOrdersService) {}

  @Get()
  async list(@Req() req: LoaRequest): Promise<PartnerCarrierOrdersDto> {
    const c = req.carrier!;
    return { carrier: c.code, orders: await this.orders.list(c.code, c.organizationId) };
  }

  @Post(':id/ack')
  @HttpCode(200)
  acknowledge(@Param('id') id: string, @Req() req: LoaRequest): Promise<PartnerCarrierOrderDto> {
    const c = req.carrier!;
    return this.orders.acknowledge(c.code, c.organizationId, id, c.id);
  }

  @Post(':id/report')
  @HttpCode(200)
  report(
    @Param('id') id: string,
    @Body() body: CarrierReportDto,
    @Req() req: LoaRequest,
  ): Promise<PartnerCarrierOrderDto> {
    const c = req.carrier!;
    return this.orders.report(c.code, c.organizationId, id, { ...body, final: body.final ?? false }, c.id);
  }
}
