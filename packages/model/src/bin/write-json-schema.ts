// Writes packages/model/schema/router.schema.json, whatever the working directory (npm run schema).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { routerJsonSchemaText } from '../json-schema.js';

// From src/bin or dist/bin alike, the schema folder is two levels up.
const target = fileURLToPath(new URL('../../schema/router.schema.json', import.meta.url));
writeFileSync(target, routerJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
