import { getDbHandle } from '../../db/client';

/** True when the database answers a trivial query within the time given. */
export function databaseAnswers(timeoutMs: number): Promise<boolean> {
  return getDbHandle().ping(timeoutMs);
}
