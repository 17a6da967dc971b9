import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DOCUMENT = join(__dirname, '../../dist/openapi.json');

interface Schema {
  properties?: Record<string, unknown>;
  allOf?: unknown[];
}
interface Operation {
  requestBody?: { content: Record<string, { schema?: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/**
 * The OpenAPI document `npm run build` exports is the console's typed client and the partners' reference: every
 * DTO must describe its fields (the swagger compiler plugin reads only `*.dto.ts` files, so a DTO declared beside
 * its controller would come out empty), and what the console reads must have a response schema.
 */
describe('the OpenAPI document (dist/openapi.json, as npm run build exports it)', () => {
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

  beforeAll(() => {
    if (!existsSync(DOCUMENT)) throw new Error('no dist/openapi.json: run `npm run build` first');
    doc = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
  });

  it('describes the fields of every schema (no DTO left where the compiler plugin cannot read it)', () => {
    const empty = Object.entries(doc.components.schemas)
      .filter(([, s]) => Object.keys(s.properties ?? {}).length === 0 && !s.allOf)
      .map(([name]) => name);
    expect(empty).toEqual([]);
  });

  it('gives every JSON request body a schema with fields', () => {
    const bare: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const json = op.requestBody?.content['application/json'];
        if (json && !json.schema?.$ref) bare.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(bare).toEqual([]);
  });

  it('types what the console reads', () => {
    const read: Array<[string, string]> = [
      ['get', '/api/auth/me'],
      ['post', '/api/auth/login'],
      ['get', '/api/campaigns'],
      ['get', '/api/campaigns/{id}'],
      ['get', '/api/campaigns/{id}/plan'],
      ['get', '/api/campaigns/{id}/audit'],
      ['get', '/api/campaigns/{id}/timeline'],
      ['get', '/api/campaigns/{id}/radio/amendments'],
      ['get', '/api/directives'],
      ['get', '/api/admin/users'],
      ['get', '/api/admin/stations'],
      ['get', '/api/audit'],
    ];
    const untyped = read.filter(([method, path]) => {
      const responses = doc.paths[path]?.[method]?.responses ?? {};
      return !Object.values(responses).some((r) => r.content?.['application/json']?.schema);
    });
    expect(untyped).toEqual([]);
  });
});
