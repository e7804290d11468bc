import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { buildExploreJson, readExploreJson } from '../../src/explore/exploreJson.js';
import { exploreReportSchema } from '../../src/explore/exploreReportSchema.js';
import { runExploration } from '../../src/explore/runExploration.js';
import { readPublishedSchema } from '../scenarios/publishedSchemas.js';
import { asteroidsExploreFile } from './exploreFixture.js';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('explore report schema', () => {
  const { published, generated } = readPublishedSchema('explore-report.schema.json', exploreReportSchema);

  it('is published as schemas/explore-report.schema.json, equal to the one in src (UPDATE_SCHEMAS=1 rewrites it)', () => {
    expect(published).toBe(generated);
  });

  it('accepts a real report with Monte Carlo series and a shard, and reads back to the same report', async () => {
    const { file, dir } = asteroidsExploreFile();
    const { report } = await runExploration({ file, cwd: dir, workers: 1, monteCarlo: 10, shard: { index: 1, count: 2 } });
    const json = JSON.parse(JSON.stringify(buildExploreJson(report, dir))) as Record<string, unknown>;
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addFormat('date-time', ISO_DATE_TIME);
    const validate = ajv.compile(JSON.parse(published) as object);
    expect(validate(json) ? [] : validate.errors).toEqual([]);
    expect(json['shard']).toEqual({ index: 1, count: 2 });
    expect(buildExploreJson(readExploreJson(json, dir), dir)).toEqual(json);
  });
});
