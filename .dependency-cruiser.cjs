// The layers (docs/architecture.md): action -> engine -> services -> clouds -> transport -> model. A module may
// import its own layer and the layers below it, never one above; no import cycles. `npm run check:layers`.
const LAYERS = ['action', 'engine', 'services', 'clouds', 'transport', 'model']

/** Every layer may not import the layers above it. */
const upward = LAYERS.slice(1).map((layer, i) => ({
  name: `${layer}-imports-upward`,
  comment: `${layer} is below ${LAYERS.slice(0, i + 1).join(', ')}: it must not import them`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(0, i + 1).join('|')})/` }
}))

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-cycles',
      comment: 'an import cycle ties modules into one: break it with a leaf module both import',
      severity: 'error',
      from: {},
      to: { circular: true }
    },
    {
      name: 'engine-never-names-a-service',
      comment: 'the engine gets the registry handed down (ServiceLookup), never a service folder',
      severity: 'error',
      from: { path: '^src/(engine|transport|model|clouds)/' },
      to: { path: '^src/services/' }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] }
  }
}
