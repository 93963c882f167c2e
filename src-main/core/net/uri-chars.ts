// RFC 3986 §2: the characters a URI may contain (unreserved, reserved, and "%" for percent-encoding).
// A URL with anything else (spaces, quotes, "|", "^", "<", backslashes, control characters) was not
// produced by a correct server; refusing it keeps such text away from URL openers and shells.
const uriCharacters = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/
const percentEncodings = /%(?![0-9A-Fa-f]{2})/

/** Whether `value` is made only of RFC 3986 characters, with well-formed percent-encodings. */
export function hasOnlyUriCharacters(value: string): boolean {
  return uriCharacters.test(value) && !percentEncodings.test(value)
}
