import { Button, Card, Col, Form, Input, Row, Space, Typography, message } from 'antd';
import { useState } from 'react';
import { downloadWithToken } from '../api/client';
import { useI18n } from '../i18n/i18n';

/**
 * The result report letter (báo cáo kết quả) to the authority that issued the directive: who it goes to and who
 * signs, then a DOCX to edit and sign in the office's own system, or a PDF.
 */
export function ResultReportCard({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const [recipient, setRecipient] = useState('');
  const [signerTitle, setSignerTitle] = useState('');
  const [signerName, setSignerName] = useState('');
  const [busy, setBusy] = useState<'docx' | 'pdf' | null>(null);

  const download = async (format: 'docx' | 'pdf') => {
    const q = new URLSearchParams({ format });
    if (recipient.trim()) q.set('recipient', recipient.trim());
    if (signerTitle.trim()) q.set('signerTitle', signerTitle.trim());
    if (signerName.trim()) q.set('signerName', signerName.trim());
    setBusy(format);
    try {
      await downloadWithToken(
        `/api/campaigns/${campaignId}/result-report?${q.toString()}`,
        `bao-cao-ket-qua-${campaignId.slice(0, 8)}.${format}`,
      );
    } catch {
      void message.error(t('resultReport.failed'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('resultReport.title')} data-testid="result-report">
      <Typography.Paragraph type="secondary">{t('resultReport.help')}</Typography.Paragraph>
      <Form layout="vertical">
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item label={t('resultReport.recipient')} htmlFor="rr-recipient">
              <Input
                id="rr-recipient"
                value={recipient}
                placeholder={t('resultReport.recipientDefault')}
                onChange={(e) => setRecipient(e.target.value)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={7}>
            <Form.Item label={t('resultReport.signerTitle')} htmlFor="rr-signer-title">
              <Input
                id="rr-signer-title"
                value={signerTitle}
                placeholder="GIÁM ĐỐC"
                onChange={(e) => setSignerTitle(e.target.value)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={7}>
            <Form.Item label={t('resultReport.signerName')} htmlFor="rr-signer-name">
              <Input id="rr-signer-name" value={signerName} onChange={(e) => setSignerName(e.target.value)} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Space>
        <Button
          type="primary"
          loading={busy === 'docx'}
          onClick={() => void download('docx')}
          data-action="result-docx"
        >
          {t('resultReport.docx')}
        </Button>
        <Button loading={busy === 'pdf'} onClick={() => void download('pdf')} data-action="result-pdf">
          {t('resultReport.pdf')}
        </Button>
      </Space>
    </Card>
  );
}
