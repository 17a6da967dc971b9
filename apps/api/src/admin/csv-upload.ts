import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';

/** Largest import file accepted (a province's stations fit many times over). */
export const MAX_CSV_UPLOAD_BYTES = 2 * 1024 * 1024;

const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];

/**
 * The text of an uploaded CSV file: either the raw body (`Content-Type: text/csv`) or the first file part of a
 * `multipart/form-data` body. The body parsers leave both unread. Must be UTF-8; at most `maxBytes`.
 */
export async function readCsvUpload(req: Request, maxBytes = MAX_CSV_UPLOAD_BYTES): Promise<string> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  let bytes: Buffer;
  if (CSV_TYPES.includes(type)) bytes = await readStream(req, maxBytes);
  else if (type === 'multipart/form-data') bytes = await readMultipartFile(req, maxBytes);
  else
    throw new UnsupportedMediaTypeException(
      'Gửi tệp CSV (Content-Type: text/csv hoặc multipart/form-data) / Send a CSV file (text/csv or multipart/form-data)',
    );
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestException('Tệp CSV phải mã hóa UTF-8 / The CSV file must be UTF-8 encoded');
  }
}

function tooLarge(maxBytes: number): PayloadTooLargeException {
  return new PayloadTooLargeException(
    `Tệp CSV lớn hơn ${Math.round(maxBytes / 1024)} KB / The CSV file is larger than ${Math.round(maxBytes / 1024)} KB`,
  );
}

function readStream(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function readMultipartFile(req: Request, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 10, parts: 11 } });
    } catch {
      reject(new BadRequestException('Yêu cầu multipart không hợp lệ / Malformed multipart request'));
      return;
    }
    let file: Buffer | null = null;
    let failed: Error | null = null;
    bb.on('file', (_name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => (failed = tooLarge(maxBytes)));
      stream.on('end', () => {
        if (!failed && file === null) file = Buffer.concat(chunks);
      });
    });
    bb.on('error', () =>
      reject(new BadRequestException('Yêu cầu multipart không hợp lệ / Malformed multipart request')),
    );
    bb.on('close', () => {
      if (failed) reject(failed);
      else if (file === null) reject(new BadRequestException('Thiếu tệp CSV trong yêu cầu / No file in the request'));
      else resolve(file);
    });
    req.pipe(bb);
  });
}
