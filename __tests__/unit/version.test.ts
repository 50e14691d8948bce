import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { ACTION_VERSION, USER_AGENT } from '../../src/model/version.js'

describe('version', () => {
  it('is the version of package.json, and the User-Agent names the action with it', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect(ACTION_VERSION).toBe(pkg.version)
    expect(USER_AGENT).toBe(`pipeline-retry-action/${pkg.version}`)
  })
})
