export const id = 893;
export const ids = [893];
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

/***/ 3729:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildFailure: () => (/* binding */ buildFailure),
  "default": () => (/* binding */ cloud_build_provider)
});

// EXTERNAL MODULE: ./src/clouds/google/cloud.ts
var cloud = __webpack_require__(9661);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(4116);
// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(7206);
// EXTERNAL MODULE: ./src/model/json.ts
var json = __webpack_require__(7979);
// EXTERNAL MODULE: ./src/transport/http-json.ts
var http_json = __webpack_require__(6036);
;// CONCATENATED MODULE: ./src/clouds/google/client.ts




/**
 * Google REST over the shared HTTP JSON transport, with `google-auth-library` for Application Default
 * Credentials. Not `@googleapis/cloudbuild` (REST) nor `@google-cloud/cloudbuild` (gRPC): every call here is one
 * plain REST request, and both packages bring a transport of their own (gaxios, google-gax) that follows
 * redirects and retries some requests by itself, beside our bound, back-off and never-redirect rule; and both
 * are larger: bundled with ncc, @googleapis/cloudbuild is 1.31 MB where google-auth-library alone is 0.93 MB.
 */
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
function bearer(auth) {
    if (auth.kind === 'token')
        return () => Promise.resolve(auth.token);
    let client;
    return async () => {
        client ??= Promise.all(/* import() | google-auth */[__webpack_require__.e(324), __webpack_require__.e(1)]).then(__webpack_require__.t.bind(__webpack_require__, 492, 23)).then(({ GoogleAuth }) => new GoogleAuth({ scopes: [SCOPE] }).getClient());
        // The library caches the token and renews it before it expires.
        const got = await client
            .then(c => c.getAccessToken())
            .catch((error) => {
            client = undefined;
            throw new errors/* TargetError */.I0(`no Google Cloud credentials: gcp-access-token and GOOGLE_OAUTH_ACCESS_TOKEN are not set, and Application Default Credentials gave no token (${error instanceof Error ? error.message : String(error)}); run google-github-actions/auth first or set gcp-access-token`);
        });
        if (!got.token)
            throw new errors/* TargetError */.I0('Application Default Credentials gave an empty access token');
        (0,core.setSecret)(got.token);
        return got.token;
    };
}
function createGoogleClient(options) {
    const token = bearer(options.auth);
    return (0,http_json/* createHttpJsonClient */.w)({
        baseUrl: options.endpoint,
        headers: async () => ({ Authorization: `Bearer ${await token()}` }),
        errorOf: (data, ok) => (ok ? undefined : googleError(data)),
        ...(options.fetch ? { fetch: options.fetch } : {})
    });
}
/** `{"error": {"code": 404, "message": ..., "status": "NOT_FOUND"}}`: Google's error model; the status is the name. */
function googleError(data) {
    const error = (0,json/* isRecord */.u4)(data) && (0,json/* isRecord */.u4)(data.error) ? data.error : undefined;
    if (error === undefined || typeof error.status !== 'string' || error.status === '')
        return undefined;
    return { code: error.status, ...(typeof error.message === 'string' ? { message: error.message } : {}) };
}

// EXTERNAL MODULE: ./src/model/failure.ts
var failure = __webpack_require__(2891);
// EXTERNAL MODULE: ./src/model/listing.ts
var listing = __webpack_require__(6689);
// EXTERNAL MODULE: ./src/model/provider.ts
var provider = __webpack_require__(4676);
// EXTERNAL MODULE: ./src/model/text.ts
var model_text = __webpack_require__(5086);
;// CONCATENATED MODULE: ./src/services/cloud-build/answers.ts
/**
 * Cloud Build answers (discovery document cloudbuild.v1: Build, Operation, BuildTrigger), read field by field: a
 * field of the wrong type reads as absent.
 */

/** A non-empty string, else undefined (an empty commit or branch groups nothing). */
const str = (value) => (0,json/* optStr */.VK)(value) || undefined;
const obj = (value) => ((0,json/* isRecord */.u4)(value) ? value : {});
function readBuild(value) {
    const b = obj(value);
    const id = str(b.id);
    if (id === undefined)
        return undefined;
    const failure = obj(b.failureInfo);
    const substitutions = obj(b.substitutions);
    const resolved = obj(obj(b.sourceProvenance).resolvedRepoSource);
    const steps = (0,json/* records */.V0)(b.steps);
    return {
        id,
        failedSteps: steps
            .filter(s => s.status === 'FAILURE' || s.status === 'TIMEOUT' || s.status === 'INTERNAL_ERROR')
            .map((s, i) => str(s.id) ?? str(s.name) ?? `step ${i}`),
        ...(0,json/* defined */.sw)({
            status: str(b.status),
            statusDetail: str(b.statusDetail),
            createTime: str(b.createTime),
            finishTime: str(b.finishTime),
            buildTriggerId: str(b.buildTriggerId),
            logUrl: str(b.logUrl),
            failureType: str(failure.type),
            failureDetail: str(failure.detail),
            commit: str(resolved.commitSha) ?? str(substitutions.COMMIT_SHA),
            branch: str(substitutions.BRANCH_NAME)
        })
    };
}
/** A ListBuilds page: builds (newest first) and the next page token. */
function readBuildPage(answer) {
    const a = obj(answer);
    const builds = (0,json/* records */.V0)(a.builds).flatMap(b => {
        const build = readBuild(b);
        return build ? [build] : [];
    });
    const next = str(a.nextPageToken);
    return { builds, ...(next !== undefined ? { next } : {}) };
}
/** A ListBuildTriggers page: IDs and names, and the next page token. */
function readTriggerPage(answer) {
    const a = obj(answer);
    const triggers = (0,json/* records */.V0)(a.triggers).flatMap(t => {
        const id = str(obj(t).id);
        const name = str(obj(t).name);
        return id !== undefined && name !== undefined ? [{ id, name }] : [];
    });
    const next = str(a.nextPageToken);
    return { triggers, ...(next !== undefined ? { next } : {}) };
}
/** The new build an Operation tracks (`metadata.build`, BuildOperationMetadata). */
function operationBuild(answer) {
    return readBuild(obj(obj(answer).metadata).build);
}

// EXTERNAL MODULE: ./src/services/cloud-build/target.ts
var target = __webpack_require__(7574);
;// CONCATENATED MODULE: ./src/services/cloud-build/provider.ts










const DEFAULT_ENDPOINT = 'https://cloudbuild.googleapis.com';
const CONSOLE = 'https://console.cloud.google.com';
/** Builds read a page to find the newest of a branch and count the retries of one commit (a bound, not a limit). */
const BUILD_PAGE = 50;
const TRIGGER_PAGE = 100;
const CREDENTIALS_HINT = 'check that google-github-actions/auth ran before this step (Workload Identity Federation), or gcp-access-token';
const provider_errors = {
    hints: {
        UNAUTHENTICATED: `the request was not authenticated: ${CREDENTIALS_HINT}`,
        PERMISSION_DENIED: 'the identity lacks a permission: roles/cloudbuild.builds.editor (cloudbuild.builds.get, .list, .create, .update) on the project',
        NOT_FOUND: 'not found: check gcp-project, gcp-location (a regional trigger lives in its region) and trigger',
        INVALID_ARGUMENT: 'Cloud Build refused the request as invalid: check gcp-project, gcp-location and the build ID'
    }
};
/**
 * FailureInfo types of a failure outside the build's own code: "Backend logging failures. Should retry." and
 * an image push that failed (the contract's transient classes); INTERNAL_ERROR is "an internal cause".
 */
const TRANSIENT_FAILURES = new Set(['LOGGING_FAILURE', 'PUSH_FAILED']);
const buildLabel = (b) => `build ${b.id}`;
/** `TYPE: detail; status detail; failed steps: ...`, transient by FailureInfo type or status INTERNAL_ERROR. */
function buildFailure(b) {
    const parts = [
        b.failureType !== undefined
            ? `${b.failureType}${b.failureDetail ? `: ${b.failureDetail}` : ''}`
            : (b.status ?? 'FAILURE'),
        ...(b.statusDetail !== undefined && b.statusDetail !== b.failureDetail ? [b.statusDetail] : []),
        ...(b.failedSteps.length > 0 ? [`failed steps: ${b.failedSteps.join(', ')}`] : [])
    ];
    const transient = b.failureType !== undefined && TRANSIENT_FAILURES.has(b.failureType)
        ? `failureInfo ${b.failureType}`
        : b.status === 'INTERNAL_ERROR'
            ? 'status INTERNAL_ERROR'
            : (0,failure/* namesTransientWord */.$4)(b.failureDetail ?? b.statusDetail);
    return { reason: (0,failure/* oneLineReason */.XR)(parts), transient, endedAt: (0,json/* isoTime */.Ly)(b.finishTime) };
}
class TriggerBuilds {
    context;
    client;
    location;
    consoleHosts = ['console.cloud.google.com'];
    triggers = new Map();
    constructor(context, client, location) {
        this.context = context;
        this.client = client;
        this.location = location;
    }
    parent(t) {
        return `/v1/projects/${encodeURIComponent(t.project)}/locations/${encodeURIComponent(this.location)}`;
    }
    buildName(t, id) {
        return `projects/${t.project}/locations/${this.location}/builds/${id}`;
    }
    consoleUrl(t, b) {
        if (b.logUrl !== undefined && (0,model_text/* isConsoleLink */.c2)(b.logUrl, this.consoleHosts))
            return b.logUrl;
        const where = this.location === 'global' ? '' : `;region=${encodeURIComponent(this.location)}`;
        return `${CONSOLE}/cloud-build/builds${where}/${encodeURIComponent(b.id)}?project=${encodeURIComponent(t.project)}`;
    }
    started(t, b) {
        return { executionId: b.id, consoleUrl: this.consoleUrl(t, b) };
    }
    async getBuild(t, id) {
        const build = readBuild(await this.context.call('GetBuild', signal => this.client.request('GET', `${this.parent(t)}/builds/${encodeURIComponent(id)}`, { signal })));
        if (build === undefined)
            throw new errors/* UnreadableAnswer */.ym(`the answer for build ${id} has no build ID`);
        return build;
    }
    /** The trigger's ID: a UUID as given, or the one trigger of the location with that name (unique in a project). */
    async triggerId(t) {
        if (/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(t.trigger))
            return t.trigger;
        const hit = (await this.triggersOf(t.project)).find(x => x.name === t.trigger);
        if (hit === undefined)
            throw new errors/* TargetError */.I0(`project ${t.project} has no trigger named '${t.trigger}' in location ${this.location}`);
        return hit.id;
    }
    /** The location's triggers, listed once per step and project. */
    triggersOf(project) {
        let listed = this.triggers.get(project);
        if (listed === undefined) {
            listed = this.listTriggers(project);
            listed.catch(() => this.triggers.delete(project));
            this.triggers.set(project, listed);
        }
        return listed;
    }
    /** The trigger's builds, newest first (ListBuilds sorts by create_time, descending), of `branch` if given. */
    async recentBuilds(t) {
        const trigger = await this.triggerId(t);
        const page = readBuildPage(await this.context.call('ListBuilds', signal => this.client.request('GET', `${this.parent(t)}/builds`, {
            query: { filter: `trigger_id="${trigger}"`, pageSize: String(BUILD_PAGE) },
            signal
        })));
        // BRANCH_NAME is a default substitution of triggered builds; the list filter over it is UNCONFIRMED, so the
        // branch is matched here, within the page.
        return t.branch === undefined ? page.builds : page.builds.filter(b => b.branch === t.branch);
    }
    /**
     * Earlier retries of the newest build: the builds right before it of the same commit (Cloud Build keeps no
     * counter, and a triggered build's retry builds the same revision), within one page.
     */
    attempts(builds, index) {
        const commit = builds[index]?.commit;
        if (commit === undefined)
            return 0;
        let n = 0;
        for (const b of builds.slice(index + 1)) {
            if (b.commit !== commit)
                break;
            n++;
        }
        return n;
    }
    async discover(t) {
        const builds = await this.recentBuilds(t);
        const [newest] = builds;
        const build = t.executionId !== undefined ? await this.getBuild(t, t.executionId) : newest;
        const where = `trigger ${t.trigger}${t.branch !== undefined ? ` on ${t.branch}` : ''}`;
        if (build === undefined)
            return { kind: 'nothing', reason: `${where} has no builds` };
        if (t.executionId !== undefined) {
            const trigger = await this.triggerId(t);
            if (build.buildTriggerId !== trigger)
                throw new errors/* TargetError */.I0(`${buildLabel(build)} was not started by ${where} (its trigger: ${build.buildTriggerId ?? 'none'})`);
        }
        const state = (0,provider/* stateOf */.L)(target/* STATES */.x, build.status);
        const what = `${buildLabel(build)} of ${where} is ${build.status ?? 'of unknown status'}`;
        if (state === 'in-progress')
            return { kind: 'nothing', reason: what, running: this.started(t, build) };
        if (state !== 'failed') {
            if (t.executionId !== undefined)
                throw new errors/* TargetError */.I0(`${what}: only a failed build is retried`);
            return { kind: 'nothing', reason: `newest ${what}` };
        }
        if (newest !== undefined && newest.id !== build.id)
            return {
                kind: 'skip',
                reason: `${buildLabel(build)} is superseded by the newer ${buildLabel(newest)} (${newest.status ?? '?'}) of ${where}`
            };
        const index = builds.findIndex(b => b.id === build.id);
        const attempts = this.attempts(builds, Math.max(0, index));
        return {
            kind: 'found',
            candidate: {
                executionId: build.id,
                previousAttempts: attempts,
                attemptsBasis: `${attempts} earlier build(s) of the same trigger and commit ${build.commit?.slice(0, 12) ?? '(unknown)'} right before it`,
                revision: `${build.id}:${build.status ?? '?'}`,
                description: what,
                consoleUrl: this.consoleUrl(t, build),
                failure: buildFailure(build)
            }
        };
    }
    /** The trigger's newest build again: the same failed build, or a newer one (a retry, anyone's, or a push). */
    async recheck(t, candidate) {
        const builds = await this.recentBuilds(t);
        const newest = builds[0] ?? (await this.getBuild(t, candidate.executionId));
        const previous = builds.findIndex(b => b.id === candidate.executionId);
        return {
            state: (0,provider/* stateOf */.L)(target/* STATES */.x, newest.status),
            revision: `${newest.id}:${newest.status ?? '?'}`,
            previousAttempts: previous < 0 ? (candidate.previousAttempts ?? 0) : this.attempts(builds, 0),
            current: this.started(t, newest),
            description: `the newest ${buildLabel(newest)} of trigger ${t.trigger} is ${newest.status ?? 'of unknown status'}`
        };
    }
    /**
     * builds.retry starts a new build from the failed one's request. There is no request ID and the service never
     * refuses a retry, so every send is preceded by a read of the trigger's newest build: here before the first,
     * through the engine's re-read (beforeResend) before each re-send. Two runs that read at the same moment can
     * still both send: the README says so and shows a `concurrency` group.
     */
    async retry(t, candidate, request) {
        const id = candidate.executionId;
        // Read before the first send too: a newer build of the trigger (another run's retry, a push) means this
        // failure is someone else's to follow now. As a refusal, the engine reads again and reports it.
        const [newest] = await this.recentBuilds(t);
        if (newest !== undefined && newest.id !== id)
            throw new errors/* ServiceCallError */.MG('RetryBuild', 'NewerBuild', `trigger ${t.trigger} has a newer build ${newest.id} (${newest.status ?? '?'}) than ${id}`, undefined, undefined, false, false, false, true);
        const operation = await this.context.call('RetryBuild', signal => this.client.request('POST', `${this.parent(t)}/builds/${encodeURIComponent(id)}:retry`, {
            body: { name: this.buildName(t, id), projectId: t.project, id },
            signal
        }), { beforeResend: request.beforeResend });
        const build = operationBuild(operation);
        if (build === undefined)
            throw new errors/* UnreadableAnswer */.ym(`the retry of build ${id} answered without the new build`);
        return this.started(t, build);
    }
    async status(t, started) {
        const build = await this.getBuild(t, started.executionId);
        const state = (0,provider/* stateOf */.L)(target/* STATES */.x, build.status);
        if (state === 'in-progress')
            return { state, phase: build.status ?? 'STATUS_UNKNOWN' };
        if (state === 'stopped')
            return {
                state,
                reason: build.status === 'EXPIRED' ? 'the build expired in the queue (queueTtl)' : 'the build was cancelled'
            };
        if (state === 'succeeded')
            return { state };
        const failure = buildFailure(build);
        return { state, reason: failure.reason, failure };
    }
    async stop(t, started) {
        const id = started.executionId;
        await this.context.call('CancelBuild', signal => this.client.request('POST', `${this.parent(t)}/builds/${encodeURIComponent(id)}:cancel`, {
            body: { name: this.buildName(t, id), projectId: t.project, id },
            signal
        }), {
            alreadyApplied: async () => (0,provider/* stateOf */.L)(target/* STATES */.x, (await this.getBuild(t, id)).status) === 'in-progress' ? undefined : {}
        });
    }
    /** The location's triggers (ListBuildTriggers has no filter), every page. */
    listTriggers(project) {
        return (0,listing/* listAll */._w)(`the Cloud Build triggers of ${project} in ${this.location}`, async (token) => {
            const page = readTriggerPage(await this.context.call('ListBuildTriggers', signal => this.client.request('GET', `${this.parent({ project })}/triggers`, {
                query: { pageSize: String(TRIGGER_PAGE), ...(token ? { pageToken: token } : {}) },
                signal
            })));
            return { items: page.triggers, next: page.next };
        });
    }
    /** Triggers by name (unique in a project), as `PROJECT/NAME`. */
    async list({ scope }) {
        const project = scope ?? '';
        return (await this.triggersOf(project)).map(x => ({ name: x.name, resource: `${project}/${x.name}` }));
    }
}
function create(context) {
    const auth = context.credentials;
    if (!(0,cloud/* isGoogleAuth */.YB)(auth))
        throw new errors/* TargetError */.I0('no Google Cloud credentials are set for cloud-build');
    const endpoint = context.endpoint ?? (process.env[cloud/* CLOUD_BUILD_ENDPOINT_ENV */.HU]?.trim() || DEFAULT_ENDPOINT);
    return new TriggerBuilds(context, createGoogleClient({ endpoint, auth }), context.region || 'global');
}
/* harmony default export */ const cloud_build_provider = ({ errors: provider_errors, create });


/***/ })

};
