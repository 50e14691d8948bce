import { run } from './action/main.js'
// The REST services' shared transport is part of the main bundle: a new service's chunk then holds only its
// own code, and adding one leaves every other dist/ chunk as it is.
import './transport/http-json.js'

await run()
