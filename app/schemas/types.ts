import type { z } from 'zod';

/** The shape a form's fields have before parsing, for `useForm<FormShape<typeof schema>>()`. */
export type FormShape<Schema extends z.ZodType> = z.input<Schema>;
