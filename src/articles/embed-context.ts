/** What an embed is drawn for: the article's date and a prefix for ids unique on the page. */
export interface EmbedContext {
  /** YYYY-MM-DD: the publication date, the default date of a measure. */
  publishedOn: string
  /** Unique on the page, e.g. "embed-2". */
  id: string
}

export type EmbedResult = { ok: true; html: string } | { ok: false; message: string }
