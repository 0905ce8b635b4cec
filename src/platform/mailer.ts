/** One message to one reader. Both bodies are sent: the text one is what many readers see. */
export interface OutgoingMail {
  to: string
  subject: string
  text: string
  html: string
  /** Extra headers, e.g. List-Unsubscribe for the newsletter (RFC 8058). */
  headers?: Record<string, string>
}

/** Sends mail. The server builds one from SMTP_URL (or the embedded inbox); tests build their own. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>
  /** Lets queued messages go out, then closes the connections. */
  close(): Promise<void>
}
