import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import sharp from 'sharp';
import { Actor, AuditService } from '@loa/audit';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { BANNER_IMAGE_FORMATS, bannerImageVerdict } from './banner-image-rules';
import { BannerImageBytes, BannerImagesRepository, StoredBannerImage } from './banner-images.repository';

/** An upload refused: the API answers 422 naming `file`. */
export class BannerImageRefusedError extends Error {
  constructor(reason: string) {
    super(`file: ${reason}`);
  }
}

/** Pixels sharp may decode from one upload (a decompression bomb stops here). */
const MAX_INPUT_PIXELS = 40_000_000;

/**
 * Banner images operators upload: checked by what the bytes are (never the name or the declared type), cropped to
 * the standard size their proportions match, re-encoded in their own format without metadata (EXIF, location,
 * colour profiles beyond sRGB), stored, audited.
 */
@Injectable()
export class BannerImagesService {
  constructor(
    private readonly images: BannerImagesRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One of the organisation's images with its bytes, or null. */
  one(organizationId: string, id: string): Promise<BannerImageBytes | null> {
    return this.images.oneOf(organizationId, id);
  }

  async upload(
    actor: Actor & { type: 'user'; id: string; organizationId: string },
    file: { bytes: Buffer; originalName: string | null } | null,
    requestId: string | null,
  ): Promise<StoredBannerImage> {
    if (!file || file.bytes.length === 0) throw new BannerImageRefusedError('chọn một tệp ảnh / choose an image file');
    if (file.bytes.length > this.config.banner.imageMaxBytes) {
      throw new BannerImageRefusedError(
        `ảnh lớn hơn ${Math.round(this.config.banner.imageMaxBytes / 1024)} KB / larger than the limit`,
      );
    }
    let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
    try {
      meta = await sharp(file.bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    } catch {
      throw new BannerImageRefusedError('không đọc được ảnh / not a readable image');
    }
    const verdict = bannerImageVerdict(meta.format, meta.width ?? 0, meta.height ?? 0, meta.pages ?? 1);
    if (!verdict.ok) throw new BannerImageRefusedError(verdict.reason);
    const format = meta.format as keyof typeof BANNER_IMAGE_FORMATS;
    let bytes: Buffer;
    try {
      const pipeline = sharp(file.bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
        .rotate() // as the camera held it, before EXIF goes
        .resize(verdict.width, verdict.height, { fit: 'cover', position: 'centre' })
        .toColourspace('srgb');
      bytes = await (
        format === 'png'
          ? pipeline.png({ compressionLevel: 9, adaptiveFiltering: true })
          : format === 'jpeg'
            ? pipeline.jpeg({ quality: 85, mozjpeg: true })
            : pipeline.webp({ quality: 85 })
      ).toBuffer();
    } catch {
      throw new BannerImageRefusedError('ảnh bị hỏng / the image is damaged');
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.images.transaction(async (m) => {
      const stored = await this.images.insert(m, {
        organizationId: actor.organizationId,
        createdBy: actor.id,
        originalName: file.originalName?.normalize('NFC').slice(0, 255) ?? null,
        size: verdict.size.name,
        contentType: BANNER_IMAGE_FORMATS[format],
        width: verdict.width,
        height: verdict.height,
        bytes,
        sha256,
      });
      await this.audit.record(
        {
          actor,
          action: 'banner_image.upload',
          targetType: 'banner_image',
          targetId: stored.id,
          after: { size: stored.size, contentType: stored.contentType, bytes: bytes.length, sha256 },
          requestId,
        },
        m,
      );
      return stored;
    });
  }
}
