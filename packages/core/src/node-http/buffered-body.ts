/** Bodies up to this size, with a declared length, are written in one piece. */
const ONE_PIECE_MAX = 1024 * 1024

/**
 * The body of a `Response` as one buffer, when its length is declared and small (vetkit's JSON
 * answers): one socket write with a Content-Length beats a chunked stream of small pieces.
 * Returns null for bodies to stream.
 */
export async function bufferedBody(response: Response): Promise<Buffer | null> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (!response.body || !Number.isFinite(declared) || declared > ONE_PIECE_MAX) return null
  return Buffer.from(await response.arrayBuffer())
}
