import { Module } from '@nestjs/common';
import { readConfigJson } from '@loa/config';
import { CarrierRouter } from '../numbering/carrier-router';
import { loadPrefixTable } from '../numbering/prefix-table';

/** The carrier prefix table (`config/carrier-prefixes.json`), parsed and validated once, as a router. */
export function loadCarrierRouter(): CarrierRouter {
  return new CarrierRouter(loadPrefixTable(readConfigJson('carrier-prefixes.json')));
}

/** One `CarrierRouter` for the application: subscriber lists, opt-outs and campaign plans route numbers with it. */
@Module({
  providers: [{ provide: CarrierRouter, useFactory: loadCarrierRouter }],
  exports: [CarrierRouter],
})
export class NumberingModule {}
