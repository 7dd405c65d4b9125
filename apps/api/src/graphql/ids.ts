import { z } from 'zod';

/** Model ids are uuids (the model's stream is `model-<id>`). */
export const modelIdSchema = z.uuid({ error: 'expected a uuid' });
