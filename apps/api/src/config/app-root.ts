import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/api's own folder, whether this file runs from src/ or dist/ (both one level down). */
export const appRoot: string = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
