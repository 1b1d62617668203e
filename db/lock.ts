import fs from 'node:fs';

/**
 * One process per PGlite data folder: two processes writing the same files corrupt them.
 * The lock is a file beside the folder holding the owner's pid; a lock left by a process
 * that no longer runs (kill -9) is taken over.
 */
export class DataDirLockedError extends Error {}

export function acquireDirLock(dir: string): () => void {
  const lockPath = `${dir.replace(/\/+$/, '')}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockPath, 'utf8'));
      if (owner && isRunning(owner)) {
        throw new DataDirLockedError(
          `PGlite data folder ${dir} is in use by another process (pid ${owner}). Stop it first, or set PGLITE_DIR to another folder.`,
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale: its owner is gone
    }
  }
  throw new DataDirLockedError(`Could not lock PGlite data folder ${dir}.`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
