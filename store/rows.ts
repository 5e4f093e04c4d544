import { randomUUID } from 'node:crypto';

/** Small helpers shared by the operations: ids, times, JSON columns. */
export const newId = (): string => randomUUID();
export const isoNow = (now?: Date): string => (now ?? new Date()).toISOString();
export const toJson = (value: unknown): string => JSON.stringify(value ?? null);
export const fromJson = <T>(text: unknown): T => JSON.parse(String(text)) as T;
export const nullable = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
