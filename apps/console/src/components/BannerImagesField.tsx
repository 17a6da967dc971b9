import { useQueries } from '@tanstack/react-query';
import { App, Button, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { imageWithToken, uploadWithToken } from '../api/client';
import type { BannerImageDto } from '../api/schema.gen';
import { useI18n } from '../i18n/i18n';

/** An image named in the banner plan (its size known once uploaded here). */
export interface BannerImageRef {
  imageId: string;
  size?: string;
}

/**
 * The banner's uploaded images, one per standard size: each upload is checked and re-encoded by the server (which
 * says why it refuses one); an image of a size already there replaces it. Used as a form field (value/onChange).
 */
export function BannerImagesField({
  value = [],
  onChange,
  disabled,
}: {
  value?: BannerImageRef[];
  onChange?: (v: BannerImageRef[]) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const thumbnails = useQueries({
    queries: value.map((i) => ({
      queryKey: ['banner-image', i.imageId],
      queryFn: () => imageWithToken(`/api/banner-images/${encodeURIComponent(i.imageId)}`),
      staleTime: Infinity,
    })),
  });
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const stored = await uploadWithToken<BannerImageDto>('/api/banner-images', file);
      onChange?.([...value.filter((i) => i.size !== stored.size), { imageId: stored.id, size: stored.size }]);
      message.success(t('banner.imageUploaded', { size: stored.size.replace('x', '×') }));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="banner-images">
      <Space wrap align="start">
        {value.map((image, n) => (
          <Space key={image.imageId} direction="vertical" size={4} data-image={image.imageId}>
            {thumbnails[n]?.data && (
              <img
                src={thumbnails[n].data}
                alt={t('banner.imageAlt', { size: image.size?.replace('x', '×') ?? '' })}
                style={{ maxWidth: 240, maxHeight: 120, border: '1px solid #d9d9d9' }}
              />
            )}
            <Space size={4}>
              {image.size && <Tag>{image.size.replace('x', '×')}</Tag>}
              <Button
                size="small"
                disabled={disabled}
                onClick={() => onChange?.(value.filter((i) => i.imageId !== image.imageId))}
              >
                {t('banner.imageRemove')}
              </Button>
            </Space>
          </Space>
        ))}
      </Space>
      <Upload
        accept="image/png,image/jpeg,image/webp"
        showUploadList={false}
        disabled={disabled}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <Button loading={busy} disabled={disabled} data-action="upload-banner-image" style={{ marginTop: 8 }}>
          {t('banner.imageUpload')}
        </Button>
      </Upload>
      <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>
        {t('banner.imageHelp')}
      </Typography.Paragraph>
    </div>
  );
}
