import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** An uploaded banner image as stored (its bytes apart). */
export interface StoredBannerImage {
  id: string;
  size: string;
  contentType: string;
  width: number;
  height: number;
  sha256: string;
}

/** An image with its bytes. */
export interface BannerImageBytes extends StoredBannerImage {
  bytes: Buffer;
}

const COLUMNS = `id, size, content_type AS "contentType", width, height, sha256`;

/** The SQL of `banner_images`: rows are written once and never changed. */
@Injectable()
export class BannerImagesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    m: EntityManager,
    row: Omit<BannerImageBytes, 'id'> & { organizationId: string; createdBy: string; originalName: string | null },
  ): Promise<StoredBannerImage> {
    const [stored]: StoredBannerImage[] = await m.query(
      `INSERT INTO banner_images (organization_id, size, content_type, width, height, bytes, sha256, original_name, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [
        row.organizationId,
        row.size,
        row.contentType,
        row.width,
        row.height,
        row.bytes,
        row.sha256,
        row.originalName,
        row.createdBy,
      ],
    );
    return stored;
  }

  /** The images of these ids (any organisation's: callers got the ids from a plan they already hold). */
  async withBytes(ids: string[]): Promise<BannerImageBytes[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(`SELECT ${COLUMNS}, bytes FROM banner_images WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** The images of these ids, without their bytes. */
  async metaOf(ids: string[]): Promise<StoredBannerImage[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(`SELECT ${COLUMNS} FROM banner_images WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** One image of the organisation with its bytes, or null. */
  async oneOf(organizationId: string, id: string): Promise<BannerImageBytes | null> {
    const rows: BannerImageBytes[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, bytes FROM banner_images WHERE organization_id = $1 AND id = $2`,
      [organizationId, id],
    );
    return rows[0] ?? null;
  }

  /** The images of these ids that belong to the organisation, without their bytes. */
  async ofOrganization(organizationId: string, ids: string[]): Promise<StoredBannerImage[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM banner_images WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
      [organizationId, ids],
    );
  }

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(fn);
  }
}
