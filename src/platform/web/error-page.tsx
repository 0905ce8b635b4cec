import type { ErrorDetail } from '../errors.ts'
import { htmlDocument, Layout } from './layout.tsx'

export function errorPage(
  status: number,
  title: string,
  text?: string,
  details: readonly ErrorDetail[] = [],
) {
  return htmlDocument(
    <Layout title={title}>
      <h1>{title}</h1>
      {text ? <p>{text}</p> : null}
      {details.length > 0 ? (
        <ul class="error">
          {details.map((d) => (
            <li>
              {d.path ? <code>{d.path}</code> : null} {d.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p class="meta">HTTP {status}</p>
    </Layout>,
  )
}
