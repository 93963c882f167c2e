// The CLI's browser opener: the command it would run on each platform (checked without running it,
// so Windows' is tested here too), never through a shell, and nothing for URLs that are not plain
// http(s) URLs made of RFC 3986 characters.
import { describe, expect, it } from 'vitest'
import { browserCommand } from '../../src-main/cli/open-browser.ts'

const signIn = 'https://auth.example.com/authorize?client_id=a&state=b&scope=openid%20email'

describe('browser opener', () => {
  it('opens Windows URLs with rundll32 as one argument, never through cmd', () => {
    expect(browserCommand(signIn, 'win32')).toEqual({
      file: 'rundll32.exe',
      args: ['url.dll,FileProtocolHandler', signIn],
    })
  })

  it('uses the platform opener with the URL as its only argument', () => {
    expect(browserCommand(signIn, 'darwin')).toEqual({ file: 'open', args: [signIn] })
    expect(browserCommand(signIn, 'linux')).toEqual({ file: 'xdg-open', args: [signIn] })
  })

  it('refuses URLs a shell or opener could misread, and other schemes', () => {
    for (const url of [
      'https://auth.example.com/authorize|calc.exe',
      'https://auth.example.com/authorize?x=1&y="^&calc',
      'https://auth.example.com/a b',
      'https://auth.example.com/%zz',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      for (const platform of ['win32', 'darwin', 'linux'] as const)
        expect(browserCommand(url, platform), `${platform} ${url}`).toBeNull()
    }
  })
})
