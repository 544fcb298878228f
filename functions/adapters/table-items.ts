/**
 * Reading an item back: its key attributes dropped, the rest validated with the item's zod
 * schema. A bad item is a `CorruptItem` naming its key and what is wrong, never a half-typed
 * object.
 */
import type * as z from 'zod';
import { CorruptItem } from '../domain/errors.js';

const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'ttl'] as const;

export function parseItem<S extends z.ZodType>(schema: S, item: Record<string, unknown>): z.infer<S> {
  const data = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete data[attribute];
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new CorruptItem(`${String(item.pk)}/${String(item.sk)}`, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return parsed.data;
}
