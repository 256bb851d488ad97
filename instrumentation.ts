/** Runs once when the Next.js server starts: a bad environment stops it with a clear message. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkConfigAtStartup } = await import('./lib/server/startup');
    checkConfigAtStartup();
  }
}
