// Bad input found only against the database (a duplicate, a full team). Thrown inside the write's
// transaction so nothing is half-saved; the action turns it into a 400 with the message in place.

export class InputError extends Error {
  constructor(
    public field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Postgres' unique_violation (23505), however deep the driver wrapped it. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, constraint_name: a, constraint: b } = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (code === '23505') return !constraint || a === constraint || b === constraint || String(e).includes(constraint);
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs a write; an InputError (or the unique violation named) comes back as field errors. */
export async function catchInputError<T>(
  run: () => Promise<T>,
  uniques: Record<string, InputError> = {},
): Promise<{ ok: true; value: T } | { ok: false; fieldErrors: Record<string, string[]> }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, fieldErrors: { [error.field]: [error.message] } };
    for (const [constraint, input] of Object.entries(uniques)) {
      if (isUniqueViolation(error, constraint)) return { ok: false, fieldErrors: { [input.field]: [input.message] } };
    }
    throw error;
  }
}
