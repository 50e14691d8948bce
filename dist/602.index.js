export const id = 602;
export const ids = [602];
export const modules = {

/***/ 2891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $4: () => (/* binding */ namesTransientWord),
/* harmony export */   FX: () => (/* binding */ everyItemTransient),
/* harmony export */   IW: () => (/* binding */ latest),
/* harmony export */   XR: () => (/* binding */ oneLineReason),
/* harmony export */   x0: () => (/* binding */ transientWord)
/* harmony export */ });
/**
 * Words that mark a failure as a service's or the network's, not the code's: AWS's own retryable error names
 * and messages (throttling, internal errors, capacity, limits) and socket resets (case-insensitive).
 */
const TRANSIENT_WORDS = [
    'throttl',
    'rate exceeded',
    'too many requests',
    'InternalError',
    'InternalFailure',
    'InternalServerError',
    'internal error',
    'ServiceUnavailable',
    'SystemUnavailable',
    'service unavailable',
    'CapacityError',
    'InsufficientCapacity',
    'insufficient capacity',
    'ResourceLimitExceeded',
    'RequestLimitExceeded',
    'ECONNRESET',
    'ETIMEDOUT',
    'connection reset'
];
/** The first transient word `text` names, if any. */
function transientWord(text) {
    if (!text)
        return undefined;
    const lower = text.toLowerCase();
    return TRANSIENT_WORDS.find(word => lower.includes(word.toLowerCase()));
}
/** The rule by which `text` is transient, for the log: `names 'throttl'`. */
function namesTransientWord(text) {
    const word = transientWord(text);
    return word === undefined ? undefined : `names '${word}'`;
}
/** A failure made of items, each transient or not: transient only when every item is (and there is one). */
function everyItemTransient(rules) {
    if (rules.length === 0 || rules.some(rule => rule === undefined))
        return undefined;
    return [...new Set(rules)].join(', ');
}
/** The latest of the given times (epoch ms), or `fallback`. */
function latest(times, fallback) {
    const known = times.filter((t) => t !== undefined && Number.isFinite(t));
    return known.length > 0 ? Math.max(...known) : fallback;
}
/** A failure reason on one line: the items' own line breaks and runs of blanks become one space. */
function oneLineReason(items) {
    return items.map(item => item.replace(/\s+/g, ' ').trim()).join('; ');
}


/***/ }),

/***/ 4676:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ stateOf)
/* harmony export */ });
function stateOf(table, status) {
    return (status !== undefined && Object.hasOwn(table, status) && table[status]) || 'in-progress';
}


/***/ }),

/***/ 5575:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  "default": () => (/* binding */ codearts_provider),
  runFailure: () => (/* binding */ runFailure)
});

// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(7206);
// EXTERNAL MODULE: ./src/model/listing.ts
var listing = __webpack_require__(6689);
// EXTERNAL MODULE: ./src/transport/http-json.ts
var http_json = __webpack_require__(6036);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/clouds/huawei/signer.ts

/**
 * Huawei Cloud AK/SK request signing (SDK-HMAC-SHA256), as docs/service-facts.md describes it and as the official
 * `AKSKSigner` of @huaweicloud/huaweicloud-sdk-core computes it (the tests compare both on many requests).
 * Our own ~80 lines instead of the SDK core, which would pull 45 packages into the bundle.
 */
const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
/** RFC 3986 percent-encoding of UTF-8 bytes; only A-Za-z0-9 - _ . ~ stay as they are. */
function encodePathSegment(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
/** `YYYYMMDDTHHMMSSZ` in UTC. */
function sdkDate(date) {
    return date
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
}
/**
 * The headers to add to `request` so that Huawei's API gateway accepts it: X-Sdk-Date, Authorization,
 * X-Security-Token (temporary credentials) and host (the value signed; fetch sends the same from the URL).
 */
function signRequest(request, credentials, date = new Date()) {
    const url = new URL(request.url);
    const given = lowerCaseKeys(request.headers ?? {});
    const added = { 'X-Sdk-Date': sdkDate(date), host: given.host ?? url.host };
    if (credentials.securityToken)
        added['X-Security-Token'] = credentials.securityToken;
    const headers = { ...given, ...lowerCaseKeys(added) };
    const names = Object.keys(headers).sort(byCodeUnit);
    const signedHeaders = names.join(';');
    const canonicalRequest = [
        request.method.toUpperCase(),
        canonicalPath(url.pathname),
        canonicalQuery(url.searchParams),
        // Trimmed: fetch strips the whitespace around header values before sending, so the gateway sees this.
        names.map(name => `${name}:${(headers[name] ?? '').trim()}\n`).join(''),
        signedHeaders,
        // The official signer lets a caller sign a precomputed (or UNSIGNED-PAYLOAD) body hash this way.
        headers['x-sdk-content-sha256'] ?? sha256Hex(request.body ?? '')
    ].join('\n');
    const stringToSign = [SIGNING_ALGORITHM, added['X-Sdk-Date'], sha256Hex(canonicalRequest)].join('\n');
    const signature = (0,external_node_crypto_.createHmac)('sha256', credentials.secretKey).update(stringToSign).digest('hex');
    return {
        ...added,
        Authorization: `${SIGNING_ALGORITHM} Access=${credentials.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`
    };
}
/**
 * Each segment of the path as it appears in the URL is percent-encoded again, so an escape such as `%20`
 * becomes `%2520`: that is what the official Node.js signer does (it encodes `url.parse(...).pathname`).
 * The trailing `/` is always added.
 */
function canonicalPath(pathname) {
    const path = pathname.split('/').map(encodePathSegment).join('/');
    return path.endsWith('/') ? path : `${path}/`;
}
/**
 * Decoded keys and values, sorted by key then value (UTF-16 code units, before encoding, as the official
 * signer sorts its query object's keys and each repeated key's values), each encoded, `k=v` joined by `&`.
 */
function canonicalQuery(params) {
    return [...params]
        .sort(([k1, v1], [k2, v2]) => byCodeUnit(k1, k2) || byCodeUnit(v1, v2))
        .map(([key, value]) => `${encodePathSegment(key)}=${encodePathSegment(value)}`)
        .join('&');
}
function lowerCaseKeys(headers) {
    return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
function byCodeUnit(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function sha256Hex(data) {
    return (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
}

// EXTERNAL MODULE: ./src/model/json.ts
var json = __webpack_require__(7979);
;// CONCATENATED MODULE: ./src/clouds/huawei/client.ts



/**
 * Huawei Cloud REST APIs over the shared HTTP JSON transport: requests signed with AK/SK (SDK-HMAC-SHA256) or
 * carrying an IAM token, and error bodies read in every form Huawei's SDKs read.
 */
const JSON_TYPE = 'application/json;charset=UTF-8';
function createHuaweiClient(options) {
    return (0,http_json/* createHttpJsonClient */.w)({
        baseUrl: options.endpoint,
        headers: ({ method, url, body }) => authHeaders(options.auth, method, url, body),
        // A 2xx that carries an explicit error code is a failure too (only the flat `error_code`/`errorCode`
        // forms: a success body may well hold a `code` of its own); a non-2xx is read in every form.
        errorOf: (data, ok) => (ok ? explicitErrorOf(data) : errorOf(data)),
        // API Gateway's "request throttled".
        throttlingCodes: ['APIGW.0308'],
        requestIdHeader: 'x-request-id',
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {})
    });
}
function authHeaders(auth, method, url, body) {
    if (auth.kind === 'token')
        return { 'X-Auth-Token': auth.token };
    const signed = signRequest({ method, url, headers: { 'Content-Type': JSON_TYPE }, ...(body === undefined ? {} : { body }) }, auth);
    // fetch sets Host from the URL: the same value that was signed.
    delete signed.host;
    return signed;
}
/** The code / message field pairs Huawei's SDKs read from an error body, in the order they try them. */
const ERROR_FIELDS = [
    ['error_code', 'error_msg'],
    ['errorCode', 'errorMsg'],
    ['code', 'message']
];
/**
 * An error body in any of the forms Huawei's SDKs read: `{"error_code","error_msg"}`,
 * `{"errorCode","errorMsg"}`, `{"code","message"}`, or one of them nested one level down
 * (`{"error": {"code","message"}}`). Only a string code counts, so a success body with a numeric `code`
 * field is not taken for an error.
 */
function errorOf(data) {
    if (!(0,json/* isRecord */.u4)(data))
        return undefined;
    const flat = fieldsOf(data);
    if (flat)
        return flat;
    for (const value of Object.values(data)) {
        const nested = (0,json/* isRecord */.u4)(value) ? fieldsOf(value) : undefined;
        if (nested)
            return nested;
    }
    return undefined;
}
function explicitErrorOf(data) {
    return (0,json/* isRecord */.u4)(data) ? fieldsOf(data, ERROR_FIELDS.slice(0, 2)) : undefined;
}
function fieldsOf(data, pairs = ERROR_FIELDS) {
    for (const [codeKey, messageKey] of pairs) {
        const code = data[codeKey];
        const message = data[messageKey];
        if (typeof code === 'string' && code !== '')
            return { code, ...(typeof message === 'string' && message !== '' ? { message } : {}) };
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/clouds/huawei/cloud.ts
var cloud = __webpack_require__(3603);
// EXTERNAL MODULE: ./src/services/codearts/endpoints.ts
var endpoints = __webpack_require__(9328);
// EXTERNAL MODULE: ./src/model/text.ts
var model_text = __webpack_require__(5086);
;// CONCATENATED MODULE: ./src/services/codearts/answers.ts
/**
 * CodeArts answers, read field by field: JSON from the API is `unknown` until each field this provider uses
 * has been checked; a field of the wrong type reads as absent.
 */

/** Copies `keys` of `from` that have the type `is` accepts. */
function pick(from, keys, is) {
    const out = {};
    for (const key of keys) {
        const value = from[key];
        if (is(value))
            out[key] = value;
    }
    return out;
}
const isString = (v) => typeof v === 'string';
const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
const isTime = (v) => isNumber(v) || isString(v);
const isBoolean = (v) => typeof v === 'boolean';
function itemOf(value) {
    return {
        ...pick(value, ['name', 'status', 'message'], isString),
        ...pick(value, ['start_time', 'end_time'], isTime)
    };
}
function jobOf(value) {
    return {
        ...itemOf(value),
        ...(Array.isArray(value.steps) ? { steps: (0,json/* records */.V0)(value.steps).map(itemOf) } : {})
    };
}
function stageOf(value) {
    return { ...itemOf(value), ...(Array.isArray(value.jobs) ? { jobs: (0,json/* records */.V0)(value.jobs).map(jobOf) } : {}) };
}
/** A run from the list or the detail answer. */
function answers_readRun(value) {
    if (!(0,json/* isRecord */.u4)(value))
        return {};
    const stages = (key) => Array.isArray(value[key]) ? { [key]: (0,json/* records */.V0)(value[key]).map(stageOf) } : {};
    return {
        ...pick(value, ['pipeline_run_id', 'id', 'status', 'detail_url'], isString),
        ...pick(value, ['run_number'], isNumber),
        ...pick(value, ['end_time'], isTime),
        ...stages('stages'),
        ...stages('stage_status_list')
    };
}
/** The newest run of a list answer (`pipeline_runs`, newest first as asked). */
function readNewestRun(value) {
    const [first] = (0,json/* isRecord */.u4)(value) ? (0,json/* records */.V0)(value.pipeline_runs) : [];
    return first === undefined ? undefined : answers_readRun(first);
}
/** `{"success": true}` of the retry and stop answers; undefined when the answer has no such field. */
function readSuccess(value) {
    return (0,json/* isRecord */.u4)(value) && isBoolean(value.success) ? value.success : undefined;
}
/** One page of the project's pipelines (`POST /v5/{project_id}/api/pipelines/list`): IDs, names and the total. */
function readPipelinePage(answer) {
    const body = (0,json/* isRecord */.u4)(answer) ? answer : {};
    const pipelines = (0,json/* records */.V0)(body.pipelines).flatMap(p => {
        const { pipeline_id: id, name } = pick(p, ['pipeline_id', 'name'], isString);
        return id !== undefined && name !== undefined ? [{ id, name }] : [];
    });
    return { pipelines, total: isNumber(body.total) ? body.total : 0 };
}

// EXTERNAL MODULE: ./src/model/failure.ts
var failure = __webpack_require__(2891);
// EXTERNAL MODULE: ./src/services/codearts/target.ts
var codearts_target = __webpack_require__(8557);
// EXTERNAL MODULE: ./src/model/provider.ts
var provider = __webpack_require__(4676);
;// CONCATENATED MODULE: ./src/services/codearts/provider.ts











const CREDENTIALS_HINT = 'check huaweicloud-auth-token (IAM tokens expire after 24 hours) or huaweicloud-ak / huaweicloud-sk, and that the endpoint belongs to the region the credentials are for';
const PERMISSIONS_HINT = 'the account needs CodeArts Pipeline permissions to list, read, retry and stop runs of this pipeline (and to be a member of the CodeArts project)';
const PROJECT_HINT = 'the CodeArts project was not found: check project-id (32 characters, from the project URL)';
/**
 * DEVPIPE.00011169 / DEVPIPE.00011170 say the pipeline's concurrency limit is reached: a busy signal, not
 * a refusal of the retry itself, so they are transient and backed off like throttling. If one of them ever
 * meant "queued" rather than "refused", sending again is still safe: CodeArts only retries a FAILED run.
 * APIGW.0308 / HTTP 429 and 5xx are transient through the shared classifier already.
 */
const provider_errors = {
    transient: ['DEVPIPE.00011169', 'DEVPIPE.00011170'],
    // A retry of a run that is not FAILED (someone else retried it) is refused with a 4xx DEVPIPE error; the
    // code is not documented, so any DEVPIPE refusal of the retry call is checked with a fresh read.
    refusals: ['DEVPIPE.*'],
    hints: {
        'APIGW.0301': `the IAM token is expired or invalid, or the AK/SK signature was rejected: ${CREDENTIALS_HINT}`,
        HTTP401: `the request was not authenticated: ${CREDENTIALS_HINT}`,
        HTTP403: `the request was refused: ${PERMISSIONS_HINT}; also ${CREDENTIALS_HINT}`,
        'DEVPIPE.00011401': 'the pipeline was not found in this project: check pipeline-id and project-id',
        'DEVPIPE.00011412': PROJECT_HINT,
        DEV_21_100169: PROJECT_HINT
    }
};
/** CodeArts has no retry counter in its run data (list or detail), so max-attempts cannot be applied. */
const ATTEMPTS_BASIS = 'CodeArts does not report retry counts; max-attempts is not enforced for codearts';
/** Run statuses where the pipeline still works (or waits for a person); anything unknown counts too. */
const ACTIVE_STATUSES = new Set(['RUNNING', 'ASYNC_RUNNING', 'PAUSED', 'SUSPEND']);
function runsPath(target) {
    return `/v5/${encodePathSegment(target.projectId)}/api/pipelines/${encodePathSegment(target.pipelineId)}/pipeline-runs`;
}
function runId(run) {
    return run.pipeline_run_id ?? run.id ?? '';
}
/** "#12 (8f3c…)" or just the ID. */
function runLabel(run, id = runId(run)) {
    return run.run_number === undefined ? id : `#${run.run_number} (${id})`;
}
function stagesOf(run) {
    return run.stages ?? run.stage_status_list ?? [];
}
/** "Build (jobs: unit-tests, lint); Deploy": the stages in `statuses` and their jobs in them. */
function describeStages(run, statuses) {
    return stagesOf(run)
        .filter(stage => statuses.has(stage.status ?? ''))
        .map(stage => {
        const name = stage.name ?? '(unnamed stage)';
        const jobs = (stage.jobs ?? []).filter(job => statuses.has(job.status ?? '')).map(job => job.name);
        return jobs.length > 0 ? `${name} (jobs: ${jobs.join(', ')})` : name;
    })
        .join('; ');
}
/** A stage or job that failed: `ASYNC_FAILED` is the failure of an asynchronous job (official SDK statuses). */
const FAILED_STATUSES = new Set(['FAILED', 'ASYNC_FAILED']);
function failureReason(run) {
    const stages = describeStages(run, FAILED_STATUSES);
    return stages ? `failed stages: ${stages}` : 'the run failed (no failed stage reported)';
}
/** Huawei Cloud's console (`devcloud.<region>.huaweicloud.com` and its other regional hosts). */
const CONSOLE_HOSTS = ['huaweicloud.com'];
/**
 * The run's own `detail_url` when the API gives one and it is an `https` link on the console's host
 * (anything else, say `javascript:`, is replaced by the link built here). Otherwise the console's run page in the form that
 * independent public integrations (chat notifiers, commit-status bridges) build:
 * `devcloud.<region>.huaweicloud.com/cicd/project/<project>/pipeline/detail/<pipeline>/<run>?v=1`. Not
 * documented by Huawei; with only a custom endpoint there is no region for it, and no link beats a made-up one.
 */
function consoleUrl(context, target, run, id) {
    if (run.detail_url && (0,model_text/* isConsoleLink */.c2)(run.detail_url, CONSOLE_HOSTS))
        return run.detail_url;
    if (!context.region)
        return '';
    const project = encodePathSegment(target.projectId);
    const pipeline = encodePathSegment(target.pipelineId);
    return `https://devcloud.${context.region}.huaweicloud.com/cicd/project/${project}/pipeline/detail/${pipeline}/${encodePathSegment(id)}?v=1`;
}
function epochOf(time) {
    if (time === undefined || time === '')
        return '-';
    const n = Number(time);
    return Number.isFinite(n) ? String(n) : String(time);
}
/**
 * CodeArts keeps no retry counter. A retry (anyone's) clears the run's end time and restarts its failed
 * stages, so the status, the end time and the failed stages' start times tell whether it was retried.
 */
function revisionOf(run) {
    const failed = stagesOf(run)
        .filter(stage => FAILED_STATUSES.has(stage.status ?? ''))
        .map(stage => `${stage.name ?? '?'}:${epochOf(stage.start_time)}`);
    return [run.status ?? '?', epochOf(run.end_time), ...failed].join(' ');
}
/** Epoch ms of a CodeArts time (a number, or a numeric string), if it is one. */
function timeOf(time) {
    const n = Number(time);
    return time === undefined || time === '' || !Number.isFinite(n) ? undefined : n;
}
/**
 * A run's failure (docs/contract.md): `STAGE / JOB: STATUS: MESSAGE` for each failed job, its failed steps'
 * messages after it. Transient when a failed job's or step's message names a transient word.
 */
function runFailure(run) {
    const items = [];
    for (const stage of stagesOf(run).filter(s => FAILED_STATUSES.has(s.status ?? ''))) {
        const jobs = (stage.jobs ?? []).filter(j => FAILED_STATUSES.has(j.status ?? ''));
        if (jobs.length === 0)
            items.push({
                text: `${stage.name ?? '?'}: ${stage.status ?? 'FAILED'}`,
                transient: undefined,
                endedAt: timeOf(stage.end_time)
            });
        for (const job of jobs) {
            const steps = (job.steps ?? []).filter(step => FAILED_STATUSES.has(step.status ?? '') && step.message);
            const messages = [
                job.message,
                ...steps.map(step => `${step.name ?? '?'}: ${step.message ?? ''}`)
            ].filter((m) => Boolean(m));
            items.push({
                text: `${stage.name ?? '?'} / ${job.name ?? '?'}: ${job.status ?? 'FAILED'}${messages.length ? `: ${messages.join(' / ')}` : ''}`,
                transient: [job.message, ...steps.map(step => step.message)]
                    .map(failure/* namesTransientWord */.$4)
                    .find(r => r !== undefined),
                endedAt: (0,failure/* latest */.IW)([timeOf(job.end_time), ...steps.map(step => timeOf(step.end_time))])
            });
        }
    }
    return {
        reason: (0,failure/* oneLineReason */.XR)(items.length > 0 ? items.map(i => i.text) : [run.status ?? 'FAILED']),
        transient: items.map(i => i.transient).find(r => r !== undefined),
        endedAt: (0,failure/* latest */.IW)(items.map(i => i.endedAt), timeOf(run.end_time))
    };
}
function progressOf(run) {
    const status = run.status ?? 'UNKNOWN';
    const state = (0,provider/* stateOf */.L)(codearts_target/* STATES */.x, status);
    switch (state) {
        case 'succeeded':
            return { state };
        case 'failed':
            return { state, reason: failureReason(run), failure: runFailure(run) };
        case 'stopped':
            return {
                state,
                reason: status === 'IGNORED' ? 'the run was ignored (skipped by CodeArts)' : 'the run was canceled'
            };
        case 'in-progress': {
            // RUNNING, PAUSED (waiting for a manual review), SUSPEND, and any status added later: still going.
            const stages = describeStages(run, ACTIVE_STATUSES);
            if (status === 'RUNNING')
                return stages ? { state, phase: stages } : { state };
            return { state, phase: stages ? `${stages} (${status})` : status };
        }
    }
}
/** The largest page the pipeline list serves. */
const PIPELINE_PAGE = 100;
function create(context) {
    const endpoint = context.endpoint ?? (process.env[endpoints/* ENDPOINT_ENV */.iG]?.trim() || (0,endpoints/* codeartsEndpoint */.zG)(context.region));
    if (!endpoint)
        throw new errors/* TargetError */.I0(`no CodeArts Pipeline endpoint is known for region '${context.region}'`);
    const auth = context.credentials;
    if (!(0,cloud/* isHuaweiAuth */.Y)(auth))
        throw new errors/* TargetError */.I0('no Huawei Cloud credentials are set for codearts');
    const client = createHuaweiClient({ endpoint, auth });
    const readRun = (target, id) => context.call('ShowPipelineRunDetail', signal => client
        .request('GET', `${runsPath(target)}/detail`, { query: { pipeline_run_id: id }, signal })
        .then(answers_readRun));
    const latestRun = async (target) => {
        const list = await context.call('ListPipelineRuns', signal => client.request('POST', `${runsPath(target)}/list`, {
            body: { offset: 0, limit: 1, sort_key: 'start_time', sort_dir: 'desc' },
            signal
        }));
        return readNewestRun(list);
    };
    const candidateOf = (target, run, id) => ({
        executionId: id,
        attemptsBasis: ATTEMPTS_BASIS,
        revision: revisionOf(run),
        description: `run ${runLabel(run, id)} of pipeline ${target.pipelineId} is FAILED (${failureReason(run)})`,
        consoleUrl: consoleUrl(context, target, run, id)
    });
    const api = { context, client, readRun, latestRun, candidateOf };
    return {
        consoleHosts: CONSOLE_HOSTS,
        list: ({ scope }) => listPipelines(api, scope ?? ''),
        discover: target => discoverRun(api, target),
        async recheck(target, candidate) {
            const run = await api.readRun(target, candidate.executionId);
            return {
                state: progressOf(run).state,
                revision: revisionOf(run),
                current: { executionId: candidate.executionId, consoleUrl: candidate.consoleUrl },
                description: `run ${runLabel(run, candidate.executionId)} is ${run.status ?? 'of unknown status'}`
            };
        },
        async retry(target, candidate, request) {
            const id = candidate.executionId;
            // No idempotency token: the engine's re-read (revisionOf) guards every re-send.
            const success = await context.call('RetryPipelineRun', async (signal) => {
                const reply = readSuccess(await client.request('PUT', `${runsPath(target)}/${encodePathSegment(id)}/retry`, { signal }));
                if (reply === undefined)
                    throw new errors/* UnreadableAnswer */.ym(`the retry of run ${id} answered without "success"`);
                return reply;
            }, { beforeResend: request.beforeResend });
            if (!success)
                throw new errors/* TargetError */.I0(`CodeArts did not accept the retry of run ${id} (success: false)`);
            // The same run continues: same ID, no ARN.
            return { executionId: id, consoleUrl: candidate.consoleUrl };
        },
        async status(target, started) {
            return progressOf(await api.readRun(target, started.executionId));
        },
        async stop(target, started) {
            const id = started.executionId;
            await context.call('StopPipelineRun', signal => client.request('POST', `${runsPath(target)}/${encodePathSegment(id)}/stop`, { signal }), {
                alreadyApplied: async () => (await api.readRun(target, id)).status === 'CANCELED' ? true : undefined
            });
        }
    };
}
/** The project's pipelines by name, 100 a page (offset paging: the answer's `total` says when it ends). */
function listPipelines(api, projectId) {
    const { context, client } = api;
    return (0,listing/* listAll */._w)(`the CodeArts pipelines of project ${projectId}`, async (token) => {
        const offset = Number(token ?? 0);
        const answer = await context.call('ListPipelines', signal => client
            .request('POST', `/v5/${encodePathSegment(projectId)}/api/pipelines/list`, {
            body: { offset, limit: PIPELINE_PAGE },
            signal
        })
            .then(readPipelinePage));
        const next = offset + answer.pipelines.length;
        return {
            items: answer.pipelines.map(p => ({ name: p.name, resource: `${projectId}/${p.id}` })),
            next: answer.pipelines.length > 0 && next < answer.total ? String(next) : undefined
        };
    });
}
async function discoverRun(api, target) {
    const { context, readRun, latestRun, candidateOf } = api;
    if (target.executionId !== undefined) {
        const run = await readRun(target, target.executionId);
        // Still running: nothing to retry yet, and `wait` follows it.
        if ((0,provider/* stateOf */.L)(codearts_target/* STATES */.x, run.status) === 'in-progress')
            return {
                kind: 'nothing',
                reason: `run ${runLabel(run, target.executionId)} of pipeline ${target.pipelineId} is ${run.status ?? 'running'}`,
                running: {
                    executionId: target.executionId,
                    consoleUrl: consoleUrl(context, target, run, target.executionId)
                }
            };
        if (run.status !== 'FAILED') {
            throw new errors/* TargetError */.I0(`run ${runLabel(run, target.executionId)} of pipeline ${target.pipelineId} is ${run.status ?? 'of unknown status'}: only a FAILED run is retried`);
        }
        const latest = await latestRun(target);
        if (latest !== undefined && runId(latest) !== target.executionId)
            return {
                kind: 'skip',
                reason: `run ${runLabel(run, target.executionId)} is superseded by the newer run ${runLabel(latest)} (${latest.status ?? 'of unknown status'}) of pipeline ${target.pipelineId}`
            };
        return {
            kind: 'found',
            candidate: { ...candidateOf(target, run, target.executionId), failure: runFailure(run) }
        };
    }
    const latest = await latestRun(target);
    if (latest === undefined) {
        return { kind: 'nothing', reason: `pipeline ${target.pipelineId} has no runs` };
    }
    if (latest.status !== 'FAILED') {
        return {
            kind: 'nothing',
            ...((0,provider/* stateOf */.L)(codearts_target/* STATES */.x, latest.status) === 'in-progress'
                ? {
                    running: {
                        executionId: runId(latest),
                        consoleUrl: consoleUrl(context, target, latest, runId(latest))
                    }
                }
                : {}),
            reason: `latest run ${runLabel(latest)} of pipeline ${target.pipelineId} is ${latest.status ?? 'of unknown status'}`
        };
    }
    // The list has no job messages: the run's detail has them (one more read).
    const detail = await readRun(target, runId(latest));
    return {
        kind: 'found',
        candidate: { ...candidateOf(target, latest, runId(latest)), failure: runFailure(detail) }
    };
}
/* harmony default export */ const codearts_provider = ({ errors: provider_errors, create });


/***/ })

};
