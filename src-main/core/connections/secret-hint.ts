/**
 * A masked hint of a secret for people: its conventional prefix and last four characters
 * ("sk_live_…4242"), or only dots when it is too short to show anything safely.
 */
export function secretHint(value: string): string {
  if (value.length < 12) return '••••••'
  const prefix = /^[A-Za-z]{2,8}_(?:[A-Za-z]{2,8}_)?/.exec(value)?.[0] ?? ''
  return `${prefix}…${value.slice(-4)}`
}
