export { composeResultReport, viNumber, viPercent } from './compose-result-report';
export type { ResultFigures, ResultReport, ResultReportInput } from './compose-result-report';
export { renderResultReportDocx, renderResultReportPdf } from './render-result-report';
export {
  organisationAbbreviation,
  ResultReportService,
  resultFigures,
  resultReportInput,
} from './result-report.service';
export type { ResultReportFormat, ResultReportOptions } from './result-report.service';
