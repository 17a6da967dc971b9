/** What an audited action means, for people who do not read `campaign.radio.amend`; unknown codes show as they are. */
const ACTIONS: Record<string, { vi: string; en: string }> = {
  'campaign.create': { vi: 'Tạo chiến dịch', en: 'Created the campaign' },
  'campaign.update': { vi: 'Sửa chiến dịch', en: 'Edited the campaign' },
  'campaign.submit': { vi: 'Gửi phê duyệt', en: 'Submitted for approval' },
  'campaign.approve': { vi: 'Phê duyệt', en: 'Approved' },
  'campaign.reject': { vi: 'Từ chối', en: 'Rejected' },
  'campaign.launch': { vi: 'Phát', en: 'Launched' },
  'campaign.pause': { vi: 'Tạm dừng', en: 'Paused' },
  'campaign.resume': { vi: 'Tiếp tục', en: 'Resumed' },
  'campaign.cancel': { vi: 'Hủy', en: 'Cancelled' },
  'campaign.complete': { vi: 'Hoàn thành', en: 'Completed' },
  'campaign.audience_import': { vi: 'Nhập danh sách thuê bao', en: 'Imported subscribers' },
  'campaign.quiet_hours_override': {
    vi: 'Gửi SMS trong giờ yên tĩnh (khẩn cấp)',
    en: 'SMS in quiet hours (emergency)',
  },
  'campaign.daily_cap_override': { vi: 'Vượt giới hạn tin mỗi ngày (khẩn cấp)', en: 'Daily cap exceeded (emergency)' },
  'campaign.carrier_rules_hold': { vi: 'Giữ lô tin: sai quy định nhà mạng', en: 'Held a batch breaking carrier rules' },
  'campaign.carrier_quota_override': {
    vi: 'Vượt hạn mức ngày của nhà mạng (khẩn cấp)',
    en: 'Carrier daily quota exceeded (emergency)',
  },
  'campaign.carrier_auto_pause': {
    vi: 'Tự tạm dừng gửi qua nhà mạng (nhiều tin lỗi)',
    en: 'Paused a carrier by itself (too many failures)',
  },
  'campaign.carrier_resume': { vi: 'Tiếp tục gửi qua nhà mạng', en: 'Resumed sending through a carrier' },
  'carrier_pause.overdue.escalate': {
    vi: 'Báo người phụ trách: nhà mạng tự tạm dừng',
    en: 'Told the owners a carrier paused',
  },
  'queue.job_retry': { vi: 'Chạy lại tác vụ lỗi', en: 'Retried a failed job' },
  'carrier.route_switched': { vi: 'Đổi tuyến gửi của nhà mạng', en: 'Switched a carrier’s route' },
  'campaign.radio.amend': { vi: 'Sửa lịch phát thanh', en: 'Amended the radio plan' },
  'campaign.radio.amendment.propose': { vi: 'Đề xuất sửa lịch phát thanh', en: 'Proposed a radio amendment' },
  'campaign.radio.amendment.superseded': { vi: 'Đề xuất sửa hết hiệu lực', en: 'Radio amendment superseded' },
  'campaign.radio.recording': { vi: 'Tải bản ghi âm', en: 'Uploaded a recording' },
  'campaign.radio.recording.remove': { vi: 'Gỡ bản ghi âm', en: 'Removed a recording' },
  'directive.correct': { vi: 'Sửa nội dung đọc từ văn bản', en: 'Corrected what was read from the letter' },
  'campaign.test_email': { vi: 'Gửi thử thư điện tử cho chính mình', en: 'Sent themself a test e-mail' },
  'campaign.test_sms': { vi: 'Yêu cầu gửi thử SMS cho chính mình', en: 'Asked for a test SMS to themself' },
  'campaign.test_sms.sent': { vi: 'Nhà mạng nhận tin thử', en: 'The carrier accepted the test SMS' },
  'campaign.test_sms.failed': { vi: 'Tin thử không gửi được', en: 'The test SMS could not be sent' },
  'organization.test_list.update': { vi: 'Sửa danh sách thử nghiệm', en: 'Changed the test list' },
  'email.acknowledge': { vi: 'Cơ quan xác nhận đã nhận văn bản', en: 'An agency acknowledged the letter' },
  'email.acknowledgement.remind': { vi: 'Nhắc cơ quan xác nhận', en: 'Reminded an agency to acknowledge' },
  'email.acknowledgement.escalate': {
    vi: 'Báo người phụ trách: cơ quan chưa xác nhận',
    en: 'Told the owners an agency is silent',
  },
  'station.overdue.remind': { vi: 'Nhắc đài chậm phát', en: 'Reminded a station behind schedule' },
  'station.overdue.escalate': {
    vi: 'Báo cấp trên: đài chưa phát',
    en: 'Told the station above and the owners a station is behind',
  },
  'carrier_order.overdue.escalate': {
    vi: 'Báo người phụ trách: nhà mạng chưa nhận lệnh',
    en: 'Told the owners a carrier has not acknowledged its order',
  },
};

export function auditActionLabel(action: string, lang: 'vi' | 'en'): string {
  return ACTIONS[action]?.[lang] ?? action;
}
