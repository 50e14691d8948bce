/** The action's version, as `package.json` has it (a unit test keeps the two equal): it names us to APIs. */
export const ACTION_VERSION = '1.1.0'

/** What every request's `User-Agent` starts with: GitHub asks that it names the application. */
export const USER_AGENT = `pipeline-retry-action/${ACTION_VERSION}`
