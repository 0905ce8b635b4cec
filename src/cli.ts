import { runCli } from './app/run-cli.ts'

/** CLI entry (`npm run cli`, bin/parley.js): runs one command over this process's streams. */
export async function runCliInProcess(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => readAll(process.stdin),
  })
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await runCliInProcess()
