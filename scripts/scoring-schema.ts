// Writes docs/scoring-framework.schema.json, the JSON Schema of a scoring framework file, from the zod schema
// in src/domain/scoring-schema.ts, formatted as Prettier would. Run after changing the schema:
//   npx tsx scripts/scoring-schema.ts
// (a unit test fails while the committed file differs from the generated one).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { scoringFrameworkJsonSchema } from '../src/domain/scoring-schema.ts';

const target = fileURLToPath(new URL('../docs/scoring-framework.schema.json', import.meta.url));
const options = (await resolveConfig(target)) ?? {};
writeFileSync(
  target,
  await format(JSON.stringify(scoringFrameworkJsonSchema()), { ...options, filepath: target }),
);
console.log(`wrote ${target}`);
