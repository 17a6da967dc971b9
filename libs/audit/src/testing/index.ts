export { FakeAuditService } from './fake-audit.service';
