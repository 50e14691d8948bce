export const id = 418;
export const ids = [418];
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

/***/ 9771:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  "default": () => (/* binding */ azure_pipelines_provider),
  stagesFailure: () => (/* binding */ stagesFailure)
});

// EXTERNAL MODULE: ./src/clouds/azure/cloud.ts
var cloud = __webpack_require__(2627);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(4116);
// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(7206);
// EXTERNAL MODULE: ./src/model/json.ts
var json = __webpack_require__(7979);
// EXTERNAL MODULE: ./src/transport/http-json.ts
var http_json = __webpack_require__(6036);
;// CONCATENATED MODULE: ./src/clouds/azure/client.ts




/**
 * Azure DevOps REST over the shared HTTP JSON transport, not the `azure-devops-node-api` client: that client
 * pins 7.2-preview api-versions the 7.1 spec does not describe, answers with numeric enums, drops the list
 * continuation header, follows redirects with the credential (typed-rest-client), and takes no AbortSignal,
 * so neither the 30-second bound nor a cancel could end its requests.
 */
/** Microsoft Entra ID resource of Azure DevOps; `.default` asks for what the app was granted. */
const AZURE_DEVOPS_SCOPE = '499b84ac-1321-427f-aa17-267ca6975798/.default';
/** A token is renewed this long before it expires, so no request carries one that expires on the way. */
const RENEW_BEFORE_MS = 5 * 60_000;
/** The Authorization header for one request; an Entra ID token is fetched once and renewed before it expires. */
function authorization(auth) {
    if (auth.kind === 'pat') {
        // The spec's `accessToken` scheme: HTTP Basic, any user name, the PAT as password.
        const basic = Buffer.from(`:${auth.token}`).toString('base64');
        (0,core.setSecret)(basic);
        return () => Promise.resolve(`Basic ${basic}`);
    }
    if (auth.kind === 'bearer')
        return () => Promise.resolve(`Bearer ${auth.token}`);
    let cached;
    return async (signal) => {
        if (cached === undefined || cached.expiresAt - RENEW_BEFORE_MS <= Date.now()) {
            const { DefaultAzureCredential } = await Promise.all(/* import() | azure-identity */[__webpack_require__.e(830), __webpack_require__.e(324), __webpack_require__.e(787)]).then(__webpack_require__.bind(__webpack_require__, 239));
            const got = await new DefaultAzureCredential()
                .getToken(AZURE_DEVOPS_SCOPE, { abortSignal: signal })
                .catch((error) => {
                throw new errors/* TargetError */.I0(`no Azure DevOps credentials: azure-devops-token and AZURE_DEVOPS_TOKEN are not set, and the Azure SDK's default credential gave no Entra ID token (${error instanceof Error ? error.message : String(error)}); run azure/login first or set azure-devops-token`);
            });
            (0,core.setSecret)(got.token);
            cached = { token: got.token, expiresAt: got.expiresOnTimestamp };
        }
        return `Bearer ${cached.token}`;
    };
}
function createAzureClient(options) {
    const header = authorization(options.auth);
    return (0,http_json/* createHttpJsonClient */.w)({
        baseUrl: options.endpoint,
        headers: async ({ signal }) => ({ Authorization: await header(signal), Accept: 'application/json' }),
        // An invalid or expired credential on a read may be answered 203 with an HTML sign-in page, not 401.
        statusError: status => status === 203
            ? {
                code: 'HTTP401',
                message: 'Azure DevOps answered with a sign-in page (HTTP 203): the credential was not accepted'
            }
            : undefined,
        errorOf: (data, ok) => (ok ? undefined : azureError(data)),
        requestIdHeader: 'activityid',
        ...(options.fetch ? { fetch: options.fetch } : {})
    });
}
/**
 * `{"message": ..., "typeKey": "InvalidPipelineOperationException", "typeName": ..., "errorCode": 0}`: the
 * form Azure DevOps error answers take; the type key is the error's name.
 */
function azureError(data) {
    if (!(0,json/* isRecord */.u4)(data))
        return undefined;
    const code = typeof data.typeKey === 'string' && data.typeKey !== '' ? data.typeKey : undefined;
    const message = typeof data.message === 'string' && data.message !== '' ? data.message : undefined;
    if (code === undefined)
        return undefined;
    return { code, ...(message !== undefined ? { message } : {}) };
}

// EXTERNAL MODULE: ./src/transport/cancellation.ts
var cancellation = __webpack_require__(8306);
// EXTERNAL MODULE: ./src/model/failure.ts
var failure = __webpack_require__(2891);
// EXTERNAL MODULE: ./src/model/listing.ts
var listing = __webpack_require__(6689);
// EXTERNAL MODULE: ./src/model/provider.ts
var provider = __webpack_require__(4676);
// EXTERNAL MODULE: ./src/model/text.ts
var model_text = __webpack_require__(5086);
;// CONCATENATED MODULE: ./src/services/azure-pipelines/answers.ts
/**
 * Azure DevOps answers (REST 7.1 spec: Build, Timeline, TimelineRecord, Issue, BuildDefinitionReference), read
 * field by field: a field of the wrong type reads as absent. Lists come as `{count, value}` on the wire.
 */

const answers_int = (value) => typeof value === 'number' && Number.isInteger(value) ? value : undefined;
/** A Build; undefined without a numeric `id`. */
function readBuild(value) {
    if (!(0,json/* isRecord */.u4)(value))
        return undefined;
    const id = answers_int(value.id);
    if (id === undefined)
        return undefined;
    const definition = (0,json/* isRecord */.u4)(value.definition) ? value.definition : {};
    const links = (0,json/* isRecord */.u4)(value._links) ? value._links : {};
    const web = (0,json/* isRecord */.u4)(links.web) ? links.web : {};
    return {
        id,
        ...(0,json/* defined */.sw)({
            buildNumber: (0,json/* optStr */.VK)(value.buildNumber),
            status: (0,json/* optStr */.VK)(value.status),
            result: (0,json/* optStr */.VK)(value.result),
            queueTime: (0,json/* optStr */.VK)(value.queueTime),
            finishTime: (0,json/* optStr */.VK)(value.finishTime),
            sourceBranch: (0,json/* optStr */.VK)(value.sourceBranch),
            definitionId: answers_int(definition.id),
            definitionName: (0,json/* optStr */.VK)(definition.name),
            webUrl: (0,json/* optStr */.VK)(web.href)
        })
    };
}
/** The `value` items of a `{count, value}` list answer. */
function listValue(answer) {
    return (0,json/* isRecord */.u4)(answer) ? (0,json/* records */.V0)(answer.value) : [];
}
function readTimeline(answer) {
    const items = (0,json/* isRecord */.u4)(answer) ? (0,json/* records */.V0)(answer.records) : [];
    return items.flatMap(r => {
        const id = (0,json/* optStr */.VK)(r.id);
        if (id === undefined)
            return [];
        const issues = (0,json/* records */.V0)(r.issues).flatMap(i => {
            const message = (0,json/* optStr */.VK)(i.message);
            return message === undefined ? [] : [{ message, ...(0,json/* defined */.sw)({ type: (0,json/* optStr */.VK)(i.type) }) }];
        });
        return [
            {
                id,
                attempt: answers_int(r.attempt) ?? 1,
                issues,
                ...(0,json/* defined */.sw)({
                    parentId: (0,json/* optStr */.VK)(r.parentId),
                    type: (0,json/* optStr */.VK)(r.type),
                    name: (0,json/* optStr */.VK)(r.name),
                    identifier: (0,json/* optStr */.VK)(r.identifier),
                    state: (0,json/* optStr */.VK)(r.state),
                    result: (0,json/* optStr */.VK)(r.result),
                    finishTime: (0,json/* optStr */.VK)(r.finishTime)
                })
            }
        ];
    });
}
/** Pipeline definitions of a list answer: ID, name and folder path. */
function readDefinitions(answer) {
    return listValue(answer).flatMap(d => {
        const id = answers_int(d.id);
        const name = (0,json/* optStr */.VK)(d.name);
        return id === undefined || name === undefined ? [] : [{ id, name, path: (0,json/* optStr */.VK)(d.path) ?? '\\' }];
    });
}

// EXTERNAL MODULE: ./src/services/azure-pipelines/target.ts
var target = __webpack_require__(2265);
;// CONCATENATED MODULE: ./src/services/azure-pipelines/provider.ts











const API_VERSION = '7.1';
const DEFAULT_ENDPOINT = 'https://dev.azure.com';
/** The largest definition page asked for (`$top`); the continuation header says when there are more. */
const DEFINITION_PAGE = 1000;
const CREDENTIALS_HINT = 'check azure-devops-token (a PAT with Build: read & execute, or System.AccessToken), or that azure/login ran and its identity is a member of the organization';
/**
 * A stage that is not completed is refused with 409 InvalidPipelineOperationException ("Unable to retry ...
 * because it is currently in progress"): someone else retried it, so it is read again. (DistributedTask
 * pipeline strings shared with actions/runner, and the stage controller's 409 mapping: providers-next.md 2.1.)
 */
const provider_errors = {
    refusals: ['InvalidPipelineOperationException'],
    hints: {
        HTTP401: `the request was not authenticated: ${CREDENTIALS_HINT}`,
        UnauthorizedRequestException: `the request was not authenticated: ${CREDENTIALS_HINT}`,
        HTTP403: `the request was refused: the identity needs "View builds" and "Edit build quality"/"Retry stage" (Build: read & execute) on the pipeline; also ${CREDENTIALS_HINT}`,
        HTTP404: 'not found: check azure-organization, azure-project and azure-pipeline (or the run ID)',
        ProjectDoesNotExistWithNameException: 'the project was not found: check azure-project',
        BuildNotFoundException: 'the run was not found: check execution-id (a build ID of this project)',
        DefinitionNotFoundException: 'the pipeline was not found: check azure-pipeline'
    }
};
/** Results of a stage, job or task that count as failed: `abandoned` is an agent that went away. */
const FAILED_RESULTS = new Set(['failed', 'abandoned']);
/**
 * Issue texts of an infrastructure failure rather than the code's: the agent stopped answering, or the job ran
 * past its time limit. (The exact service texts are UNCONFIRMED: providers-next.md 2.8 (e). These are the
 * wordings Azure Pipelines logs show; a miss makes a failure deterministic, the safe side.)
 */
const TRANSIENT_ISSUES = [
    [/stopped hearing from agent/i, 'agent lost'],
    [/lost communication with the server/i, 'agent lost'],
    [/ran longer than the maximum time/i, 'job time limit'],
    [/agent .*(?:went offline|was lost|disconnected)/i, 'agent lost']
];
function transientIssue(text) {
    const hit = TRANSIENT_ISSUES.find(([re]) => re.test(text));
    return hit ? `names '${hit[1]}'` : (0,failure/* namesTransientWord */.$4)(text);
}
const stageId = (record) => record.identifier ?? record.name ?? record.id;
const isStage = (record) => record.type === 'Stage';
const isFailed = (record) => record.state === 'completed' && FAILED_RESULTS.has(record.result ?? '');
/** The run's state: `BuildStatus` until completed, then its `BuildResult`. */
function buildState(build) {
    return build.status === 'completed' ? (build.result ?? 'none') : (build.status ?? 'none');
}
const runLabel = (build) => build.buildNumber !== undefined ? `run ${build.buildNumber} (${build.id})` : `run ${build.id}`;
/** Records under `parent`, any depth (Stage -> Phase -> Job -> Task). */
function descendants(records, parent) {
    const out = [];
    let level = [parent.id];
    for (let depth = 0; depth < 4 && level.length > 0; depth++) {
        const next = records.filter(r => r.parentId !== undefined && level.includes(r.parentId));
        out.push(...next);
        level = next.map(r => r.id);
    }
    return out;
}
/**
 * The failure of the failed stages: `STAGE / JOB: issue` per failed job (its and its tasks' error issues), or
 * `STAGE / JOB: failed` without one. Transient only when every failed job is: abandoned (agent lost), or each
 * of its error issues names an infrastructure cause.
 */
function stagesFailure(records, stages, build) {
    const items = [];
    for (const stage of stages) {
        const under = descendants(records, stage);
        const jobs = under.filter(r => r.type === 'Job' && isFailed(r));
        if (jobs.length === 0)
            items.push({
                text: `${stageId(stage)}: ${stage.result ?? 'failed'}`,
                transient: undefined,
                endedAt: (0,json/* isoTime */.Ly)(stage.finishTime)
            });
        for (const job of jobs) {
            const errors = [job, ...descendants(records, job)].flatMap(r => r.issues.filter(i => i.type === 'error'));
            const messages = errors.map(i => i.message);
            const rules = job.result === 'abandoned' ? ['result abandoned (agent lost)'] : messages.map(transientIssue);
            items.push({
                text: `${stageId(stage)} / ${job.name ?? '?'}: ${messages.length > 0 ? messages.join(' / ') : (job.result ?? 'failed')}`,
                transient: (0,failure/* everyItemTransient */.FX)(rules),
                endedAt: (0,json/* isoTime */.Ly)(job.finishTime)
            });
        }
    }
    return {
        reason: (0,failure/* oneLineReason */.XR)(items.length > 0 ? items.map(i => i.text) : [`${runLabel(build)} failed`]),
        transient: (0,failure/* everyItemTransient */.FX)(items.map(i => i.transient)),
        endedAt: (0,failure/* latest */.IW)(items.map(i => i.endedAt), (0,json/* isoTime */.Ly)(build.finishTime))
    };
}
/** What changes whenever anyone retries a stage of the run: its state and each failed stage's attempt. */
function revisionOf(build, stages) {
    return [
        buildState(build),
        build.finishTime ?? '-',
        ...stages.map(s => `${stageId(s)}#${s.attempt}:${s.state ?? '?'}:${s.result ?? '-'}`)
    ].join(' ');
}
/** `stage Deploy inProgress, stage Smoke pending`: the stages not completed, or undefined when all are. */
function activeStages(records) {
    const active = records.filter(r => isStage(r) && r.state !== undefined && r.state !== 'completed');
    return active.length > 0 ? active.map(r => `stage ${stageId(r)} ${r.state ?? ''}`).join(', ') : undefined;
}
const attemptOf = (record) => ({
    stage: stageId(record),
    attempt: record.attempt
});
/** Raised by the guard of a later stage's re-send: that stage already runs again, nothing more to send. */
class StageMovedOn extends Error {
}
class AzureRuns {
    context;
    client;
    console;
    consoleHosts;
    /** Per run this step retried: its stages and the attempts that failed. */
    retried = new Map();
    /** Per run found failed: its failed stages and their attempts, the baseline of the later stages' re-send guards. */
    failedIn = new Map();
    /** Definition IDs by `ORG/PROJECT/NAME`, resolved once per step. */
    definitions = new Map();
    constructor(context, client, console) {
        this.context = context;
        this.client = client;
        this.console = console;
        this.consoleHosts = ['dev.azure.com', 'visualstudio.com', new URL(console).hostname];
    }
    base(t) {
        return `/${encodeURIComponent(t.organization)}/${encodeURIComponent(t.project)}/_apis/build`;
    }
    get(operation, t, path, query = {}) {
        return this.context.call(operation, signal => this.client.request('GET', `${this.base(t)}${path}`, {
            query: { ...query, 'api-version': API_VERSION },
            signal
        }));
    }
    consoleUrl(t, build) {
        if (build.webUrl !== undefined && (0,model_text/* isConsoleLink */.c2)(build.webUrl, this.consoleHosts))
            return build.webUrl;
        const org = encodeURIComponent(t.organization);
        const project = encodeURIComponent(t.project);
        return `${this.console}/${org}/${project}/_build/results?buildId=${build.id}`;
    }
    started(t, build, stageName) {
        return {
            executionId: String(build.id),
            consoleUrl: this.consoleUrl(t, build),
            ...(stageName ? { stageName } : {})
        };
    }
    async readBuild(t, id) {
        const build = readBuild(await this.get('Builds_Get', t, `/builds/${encodeURIComponent(id)}`));
        if (build === undefined)
            throw new errors/* UnreadableAnswer */.ym(`the answer for run ${id} has no run ID`);
        return build;
    }
    async timeline(t, id) {
        return readTimeline(await this.get('Timeline_Get', t, `/builds/${encodeURIComponent(id)}/timeline`));
    }
    /** The definition ID of the target's pipeline: its ID, or the one definition with that name. */
    definitionId(t) {
        if (/^\d+$/.test(t.pipeline))
            return Promise.resolve(Number(t.pipeline));
        const key = `${t.organization}/${t.project}/${t.pipeline}`.toLowerCase();
        let found = this.definitions.get(key);
        if (found === undefined) {
            found = this.get('Definitions_List', t, '/definitions', { name: t.pipeline }).then(answer => {
                const named = readDefinitions(answer).filter(d => d.name.toLowerCase() === t.pipeline.toLowerCase());
                const [only] = named;
                if (only === undefined)
                    throw new errors/* TargetError */.I0(`project ${t.project} has no pipeline named '${t.pipeline}'`);
                if (named.length > 1)
                    throw new errors/* TargetError */.I0(`project ${t.project} has ${named.length} pipelines named '${t.pipeline}' (in folders ${named.map(d => d.path).join(', ')}): name it by its definition ID`);
                return only.id;
            });
            this.definitions.set(key, found);
        }
        return found;
    }
    async newestBuild(t) {
        const definition = await this.definitionId(t);
        const answer = await this.get('Builds_List', t, '/builds', {
            definitions: String(definition),
            queryOrder: 'queueTimeDescending',
            $top: '1',
            ...(t.branch !== undefined ? { branchName: t.branch } : {})
        });
        const [first] = listValue(answer);
        return first === undefined ? undefined : readBuild(first);
    }
    /** The run's failed stages (only the target's stage, when it names one). */
    failedStages(t, records) {
        return records.filter(r => isStage(r) && isFailed(r) && (t.stageName === undefined || stageId(r) === t.stageName));
    }
    async discover(t) {
        const newest = await this.newestBuild(t);
        const build = t.executionId !== undefined ? await this.readBuild(t, t.executionId) : newest;
        if (build === undefined)
            return {
                kind: 'nothing',
                reason: `pipeline ${t.pipeline} has no runs${t.branch ? ` on ${t.branch}` : ''}`
            };
        if (t.executionId !== undefined) {
            const definition = await this.definitionId(t);
            if (build.definitionId !== definition)
                throw new errors/* TargetError */.I0(`${runLabel(build)} is a run of pipeline ${build.definitionName ?? build.definitionId ?? '?'}, not of ${t.pipeline}`);
            if (t.branch !== undefined && build.sourceBranch !== t.branch)
                throw new errors/* TargetError */.I0(`${runLabel(build)} ran on ${build.sourceBranch ?? 'an unknown branch'}, not on ${t.branch}`);
        }
        const state = (0,provider/* stateOf */.L)(target/* STATES */.x, buildState(build));
        const what = `${runLabel(build)} of pipeline ${t.pipeline} is ${buildState(build)}`;
        if (state === 'in-progress')
            return { kind: 'nothing', reason: what, running: this.started(t, build) };
        if (state !== 'failed') {
            if (t.executionId !== undefined)
                throw new errors/* TargetError */.I0(`${what}: only a failed run is retried`);
            return { kind: 'nothing', reason: `latest ${what}` };
        }
        if (newest !== undefined && newest.id !== build.id)
            return {
                kind: 'skip',
                reason: `${runLabel(build)} is superseded by the newer ${runLabel(newest)} (${buildState(newest)}) of pipeline ${t.pipeline}`
            };
        const records = await this.timeline(t, String(build.id));
        return this.candidateOf(t, build, records);
    }
    candidateOf(t, build, records) {
        const stages = this.failedStages(t, records);
        if (t.stageName !== undefined && stages.length === 0) {
            const named = records.find(r => isStage(r) && stageId(r) === t.stageName);
            if (named === undefined)
                throw new errors/* TargetError */.I0(`${runLabel(build)} has no stage ${t.stageName}`);
            return {
                kind: 'nothing',
                reason: `stage ${t.stageName} of ${runLabel(build)} is ${named.result ?? named.state ?? 'not run'}, not failed`,
                ...(named.state !== undefined && named.state !== 'completed'
                    ? { running: this.started(t, build) }
                    : {})
            };
        }
        // The run read as failed, its timeline a moment later shows stages running: someone retried it in between.
        const active = activeStages(records);
        if (stages.length === 0 && active !== undefined)
            return {
                kind: 'nothing',
                reason: `${runLabel(build)} of pipeline ${t.pipeline} is already being retried, not by this step: ${active}`,
                running: this.started(t, build)
            };
        if (stages.length === 0)
            return {
                kind: 'skip',
                reason: `${runLabel(build)} failed but its timeline shows no failed stage (a classic pipeline has none): only stages can be retried`
            };
        const names = stages.map(stageId);
        this.failedIn.set(String(build.id), stages.map(attemptOf));
        return {
            kind: 'found',
            candidate: {
                executionId: String(build.id),
                stageName: names.join(','),
                previousAttempts: Math.max(...stages.map(s => s.attempt - 1)),
                attemptsBasis: `stage attempt ${stages.map(s => `${stageId(s)} ${s.attempt}`).join(', ')}`,
                revision: revisionOf(build, stages),
                description: `${runLabel(build)} of pipeline ${t.pipeline} failed in stage ${names.join(', ')}`,
                consoleUrl: this.consoleUrl(t, build),
                failure: stagesFailure(records, stages, build)
            }
        };
    }
    async recheck(t, candidate) {
        const build = await this.readBuild(t, candidate.executionId);
        const records = await this.timeline(t, candidate.executionId);
        const names = (candidate.stageName ?? '').split(',');
        const stages = records.filter(r => isStage(r) && names.includes(stageId(r)));
        const running = stages.some(s => s.state !== 'completed') || (0,provider/* stateOf */.L)(target/* STATES */.x, buildState(build)) === 'in-progress';
        const state = running ? 'in-progress' : (0,provider/* stateOf */.L)(target/* STATES */.x, buildState(build));
        return {
            state,
            revision: revisionOf(build, stages),
            previousAttempts: Math.max(0, ...stages.map(s => s.attempt - 1)),
            current: this.started(t, build, candidate.stageName),
            description: `${runLabel(build)} is ${buildState(build)}; ${stages.map(s => `stage ${stageId(s)} attempt ${s.attempt} ${s.state ?? '?'}${s.result ? ` ${s.result}` : ''}`).join(', ')}`
        };
    }
    /**
     * One PATCH per failed stage, in timeline order. There is no idempotency token: the first stage's re-send is
     * checked by the engine (beforeResend); a later stage's by reading that stage again.
     */
    async retry(t, candidate, request) {
        const id = candidate.executionId;
        const names = (candidate.stageName ?? '').split(',');
        // The attempts discovery saw them fail in; a candidate this provider did not find is read for them.
        const seen = this.failedIn.get(id) ?? (await this.timeline(t, id)).filter(isStage).map(attemptOf);
        const attempts = new Map(seen.map(s => [s.stage, s.attempt]));
        const done = [];
        for (const [i, stage] of names.entries()) {
            const attempt = attempts.get(stage) ?? 1;
            const guard = i === 0
                ? request.beforeResend
                : async () => {
                    if (await this.movedOn(t, id, stage, attempt))
                        throw new StageMovedOn();
                };
            try {
                await this.context.call('Stages_Update', signal => this.client.request('PATCH', `${this.base(t)}/builds/${encodeURIComponent(id)}/stages/${encodeURIComponent(stage)}`, {
                    query: { 'api-version': API_VERSION },
                    body: { state: 'retry', forceRetryAllJobs: request.mode === 'all' },
                    signal
                }), { beforeResend: guard });
            }
            catch (error) {
                // A later stage that runs again already (its answer was lost, or someone retried it) is retried.
                const refused = error instanceof errors/* ServiceCallError */.MG && error.refusal;
                if (error instanceof cancellation/* Cancelled */.cJ)
                    throw error;
                if (i === 0 ||
                    !(error instanceof StageMovedOn || (refused && (await this.movedOn(t, id, stage, attempt)))))
                    throw done.length === 0 ? error : partly(done, stage, error);
            }
            done.push({ stage, attempt });
        }
        this.retried.set(id, done);
        return { executionId: id, stageName: names.join(','), consoleUrl: candidate.consoleUrl };
    }
    /** Whether the stage shows a newer attempt than `attempt`, or is no longer a completed failure. */
    async movedOn(t, id, stage, attempt) {
        const record = (await this.timeline(t, id)).find(r => isStage(r) && stageId(r) === stage);
        return record !== undefined && (record.attempt > attempt || !isFailed(record));
    }
    /**
     * The timeline first: while a stage runs (or the new attempt has yet to show) that is the answer, one read a
     * poll; the run itself is read once the stages are done, for its result.
     */
    async status(t, started) {
        const records = await this.timeline(t, started.executionId);
        // Just after a retry a read may still show the attempt that failed: only a higher attempt is the new one.
        for (const { stage, attempt } of this.retried.get(started.executionId) ?? []) {
            const record = records.find(r => isStage(r) && stageId(r) === stage);
            if (record !== undefined && record.attempt <= attempt)
                return { state: 'in-progress', phase: `waiting for attempt ${attempt + 1} of stage ${stage} to show` };
        }
        const active = activeStages(records);
        if (active !== undefined)
            return {
                state: 'in-progress',
                phase: active
            };
        const build = await this.readBuild(t, started.executionId);
        const state = (0,provider/* stateOf */.L)(target/* STATES */.x, buildState(build));
        if (state === 'in-progress')
            return { state, phase: `${runLabel(build)} ${buildState(build)}` };
        if (state === 'stopped')
            return { state, reason: `${runLabel(build)} was canceled` };
        if (state !== 'failed')
            return { state };
        const failure = stagesFailure(records, records.filter(r => isStage(r) && isFailed(r)), build);
        return { state, reason: failure.reason, failure };
    }
    async stop(t, started) {
        const id = started.executionId;
        await this.context.call('Builds_Update', signal => this.client.request('PATCH', `${this.base(t)}/builds/${encodeURIComponent(id)}`, {
            query: { 'api-version': API_VERSION },
            body: { status: 'cancelling' },
            signal
        }), {
            alreadyApplied: async () => {
                const build = await this.readBuild(t, id);
                return build.status === 'cancelling' || build.status === 'completed' ? {} : undefined;
            }
        });
    }
    /** The project's pipelines by name, `$top` a page, continued by the `x-ms-continuationtoken` header. */
    list({ scope }) {
        const [organization = '', project = ''] = (scope ?? '').split('/');
        return (0,listing/* listAll */._w)(`the pipelines of ${organization}/${project}`, async (token) => {
            let next;
            const answer = await this.context.call('Definitions_List', signal => this.client.request('GET', `${this.base({ organization, project })}/definitions`, {
                query: {
                    $top: String(DEFINITION_PAGE),
                    'api-version': API_VERSION,
                    ...(token ? { continuationToken: token } : {})
                },
                signal,
                onHeaders: headers => (next = headers.get('x-ms-continuationtoken') ?? undefined)
            }));
            return {
                items: readDefinitions(answer).map(d => ({
                    name: d.name,
                    resource: `${organization}/${project}/${d.id}`
                })),
                next
            };
        });
    }
}
/** A later stage's retry failed after earlier ones were sent: say what was retried and what was not. */
function partly(done, stage, error) {
    const why = error instanceof Error ? error.message : String(error);
    return new errors/* TargetError */.I0(`stage ${done.map(d => d.stage).join(', ')} retried, but the retry of stage ${stage} failed (${why}): retry stage ${stage} by hand or run the step again`);
}
function create(context) {
    const auth = context.credentials;
    if (!(0,cloud/* isAzureAuth */.m9)(auth))
        throw new errors/* TargetError */.I0('no Azure DevOps credentials are set for azure-pipelines');
    const endpoint = context.endpoint ?? (process.env[cloud/* AZURE_ENDPOINT_ENV */.ek]?.trim() || DEFAULT_ENDPOINT);
    // Azure DevOps Server serves its web pages from the API host; anything that is not https links to dev.azure.com.
    const console = endpoint.startsWith('https://') ? endpoint.replace(/\/+$/, '') : DEFAULT_ENDPOINT;
    return new AzureRuns(context, createAzureClient({ endpoint, auth }), console);
}
/* harmony default export */ const azure_pipelines_provider = ({ errors: provider_errors, create });


/***/ })

};
