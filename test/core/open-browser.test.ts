// The CLI's browser opener: the command it would run on each platform (checked without running it,
// so Windows' is tested here too), never through a shell, and nothing for URLs that are not plain
// http(s) URLs made of RFC 3986 characters.
import { describe, expect, it } from 'vitest'
import { browserCommand } from '../../src-main/cli/open-browser.ts'

const signIn = 'https://auth.example.com/authorize?client_id=a&state=b&scope=openid%20email'

describe('browser opener', () => {
  it('opens Windows URLs with rundll32 as one argument, never through cmd', () => {
    expect(browserCommand(signIn, 'win32')).toMatchObject({
      file: 'rundll32.exe',
      args: ['url.dll,FileProtocolHandler', signIn],
      options: { shell: false },
    })
  })

  it('uses the platform opener with the URL as its only argument', () => {
    expect(browserCommand(signIn, 'darwin')).toMatchObject({ file: 'open', args: [signIn] })
    expect(browserCommand(signIn, 'linux')).toMatchObject({ file: 'xdg-open', args: [signIn] })
  })

  it('gives the browser an environment without Switchboard’s secrets', () => {
    const env = {
      PATH: '/usr/bin',
      HOME: '/home/me',
      SWITCHBOARD_PASSPHRASE: 'PLANTED pass',
      PGPASSWORD: 'PLANTED pg',
      SWITCHBOARD_DATA_DIR: '/data',
    }
    const command = browserCommand(signIn, 'linux', env)
    expect(command?.options.env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      SWITCHBOARD_DATA_DIR: '/data',
    })
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
