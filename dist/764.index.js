export const id = 764;
export const ids = [764];
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

/***/ 7734:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ buildFailure),
/* harmony export */   L: () => (/* binding */ FAILED_STATUSES)
/* harmony export */ });
/* harmony import */ var _model_failure_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2891);

/**
 * How a CodeBuild build's failure reads for the retry policy. No SDK import: CodePipeline classifies its
 * CodeBuild actions with it without loading the CodeBuild client's chunk.
 */
/** CodeBuild statuses that are retried; STOPPED was a person's decision. */
const FAILED_STATUSES = new Set(['FAILED', 'FAULT', 'TIMED_OUT']);
/** Phases before a build's own commands run: a failure there is the platform's, not the buildspec's. */
const EARLY_PHASES = new Set(['SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE']);
const contextText = (phase) => (phase.contexts ?? [])
    .map(c => [c.statusCode, c.message].filter(Boolean).join(': '))
    .filter(Boolean)
    .join(' / ');
/**
 * A build's failure (docs/contract.md): `STATUS PHASE: CODE: MESSAGE` for each failed phase. Transient when the
 * build is `FAULT` (CodeBuild's own fault), when its first failed phase ran before its own commands, or when a
 * failed phase's context names a transient word. TIMED_OUT and BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE stay
 * deterministic: as often a slow test or a wrong image as a hiccup (a retry-on pattern can say otherwise).
 */
function buildFailure(build) {
    const status = build.buildStatus ?? 'UNKNOWN';
    const failed = (build.phases ?? []).filter(p => p.phaseStatus !== undefined && FAILED_STATUSES.has(p.phaseStatus));
    const items = failed.map(p => {
        const text = contextText(p);
        return `${p.phaseStatus ?? ''} ${p.phaseType ?? 'UNKNOWN'}${text ? `: ${text}` : ''}`;
    });
    const first = failed[0]?.phaseType;
    const transient = status === 'FAULT'
        ? 'status FAULT'
        : first !== undefined && EARLY_PHASES.has(first)
            ? `failed in ${first}, before its own commands ran`
            : failed.map(p => (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_0__/* .namesTransientWord */ .$4)(contextText(p))).find(rule => rule !== undefined);
    return {
        reason: (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLineReason */ .XR)(items.length > 0 ? items : [status]),
        transient,
        endedAt: (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_0__/* .latest */ .IW)(failed.map(p => p.endTime?.getTime()), build.endTime?.getTime())
    };
}


/***/ }),

/***/ 2764:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Lg: () => (/* reexport */ failure/* FAILED_STATUSES */.L),
  jT: () => (/* binding */ HEAD_SIZE),
  He: () => (/* reexport */ failure/* buildFailure */.H),
  fU: () => (/* binding */ codeBuildClient),
  dG: () => (/* binding */ commonFields),
  AP: () => (/* binding */ listProjectsPage),
  Or: () => (/* binding */ phaseFailure),
  WJ: () => (/* binding */ runModule)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-codebuild/dist-cjs/index.js
var dist_cjs = __webpack_require__(4774);
// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(7206);
// EXTERNAL MODULE: ./src/services/codebuild/projects.ts
var projects = __webpack_require__(6188);
// EXTERNAL MODULE: ./src/clouds/aws.ts
var aws = __webpack_require__(5891);
// EXTERNAL MODULE: ./src/model/listing.ts
var listing = __webpack_require__(6689);
// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(6698);
// EXTERNAL MODULE: ./src/transport/cancellation.ts
var cancellation = __webpack_require__(8306);
;// CONCATENATED MODULE: ./src/transport/batcher.ts


/** How long the first read of a batch waits for others: timers due at the same instant may fire a loop apart. */
const BATCH_WINDOW_MS = 10;
/**
 * Coalesces reads of single items that are asked for at about the same moment (within BATCH_WINDOW_MS) into
 * calls of up to `maxKeys` keys: the status reads of every waiting execution at one poll tick become
 * one call per `maxKeys` executions. Each waiter stops at its own scope's abort (its deadline, the step's
 * cancel); the shared call runs in the scope the batcher was made in (the step's) and is cut off only when
 * every waiter of it has stopped, so one waiter's deadline never cuts the read short for the others.
 */
class Batcher {
    readMany;
    maxKeys;
    pending = new Map();
    inScope = external_node_async_hooks_.AsyncLocalStorage.snapshot();
    constructor(readMany, maxKeys) {
        this.readMany = readMany;
        this.maxKeys = maxKeys;
    }
    /** The item for `key`, or undefined when the read did not return it. */
    load(key) {
        const signal = (0,cancellation/* currentSignal */.e3)();
        if (signal?.aborted)
            return Promise.reject(new cancellation/* Cancelled */.cJ('status read', false, signal.reason));
        return new Promise((resolve, reject) => {
            const stop = () => {
                waiter.stopped = true;
                reject(new cancellation/* Cancelled */.cJ('status read', false, signal?.reason));
                waiter.gone?.();
            };
            const waiter = {
                resolve: value => {
                    signal?.removeEventListener('abort', stop);
                    resolve(value);
                },
                reject: error => {
                    signal?.removeEventListener('abort', stop);
                    reject(error);
                }
            };
            signal?.addEventListener('abort', stop, { once: true });
            // The first read of a batch schedules its flush (the flush empties `pending`).
            if (this.pending.size === 0)
                setTimeout(() => {
                    this.inScope(() => {
                        this.flush();
                    });
                }, BATCH_WINDOW_MS);
            const waiters = this.pending.get(key) ?? [];
            waiters.push(waiter);
            this.pending.set(key, waiters);
        });
    }
    flush() {
        const batch = new Map();
        for (const [key, all] of this.pending) {
            const live = all.filter(w => !w.stopped);
            if (live.length > 0)
                batch.set(key, live);
        }
        this.pending = new Map();
        const keys = [...batch.keys()];
        for (let i = 0; i < keys.length; i += this.maxKeys) {
            const chunk = keys.slice(i, i + this.maxKeys);
            const waiters = chunk.flatMap(key => batch.get(key) ?? []);
            const controller = new AbortController();
            let waiting = waiters.length;
            for (const waiter of waiters)
                waiter.gone = () => {
                    if (--waiting === 0)
                        controller.abort(new Error('no one waits for this read any more'));
                };
            (0,cancellation/* withSignal */.l_)((0,cancellation/* narrowed */.fQ)(controller.signal), () => this.readMany(chunk)).then(found => {
                for (const key of chunk)
                    for (const w of batch.get(key) ?? [])
                        w.resolve(found.get(key));
            }, (error) => {
                const failure = error instanceof Error ? error : new Error(String(error));
                for (const w of waiters)
                    w.reject(failure);
            });
        }
    }
}

// EXTERNAL MODULE: ./src/services/codebuild/failure.ts
var failure = __webpack_require__(7734);
// EXTERNAL MODULE: ./src/model/provider.ts
var provider = __webpack_require__(4676);
;// CONCATENATED MODULE: ./src/services/codebuild/runs.ts








/**
 * The retry flow shared by CodeBuild builds and batches: both list the project's newest runs, read them in
 * one batch call, retry with an idempotency token and report the same statuses. Each provider file only
 * supplies its five API calls (RunApi).
 */
/** How many of a project's newest runs are read: one list page, one batch read (the API's limit is 100). */
const HEAD_SIZE = 100;
function codeBuildClient(context) {
    return new dist_cjs.CodeBuildClient((0,aws/* awsClientConfig */.rw)(context));
}
/** ListProjects, one page by name: what builds and batches list for `targets` patterns. */
function listProjectsPage(context, client) {
    return async (nextToken) => {
        const out = await (0,aws/* awsCall */.uF)(context, 'ListProjects', options => client.send(new dist_cjs/* ListProjectsCommand */.Qfz({ sortBy: 'NAME', sortOrder: 'ASCENDING', nextToken }), options));
        return { names: out.projects ?? [], next: out.nextToken };
    };
}
/** The fields builds and batches have in common, read the same way. */
function commonFields(run, id) {
    return {
        id,
        arn: run.arn,
        phase: run.currentPhase,
        sourceVersion: run.resolvedSourceVersion,
        requestedSource: run.sourceVersion ?? run.resolvedSourceVersion
    };
}
/** The retry flow over a RunApi: discovery, the re-send check, status reads batched, stop. */
class RunProvider {
    api;
    noun;
    region;
    consoleHosts = aws/* AWS_CONSOLE_HOSTS */.AF;
    /** Status reads of every waiting run at one poll tick go out together, up to 100 IDs a call. */
    statuses;
    constructor(api, noun, region) {
        this.api = api;
        this.noun = noun;
        this.region = region;
        this.statuses = new Batcher(async (ids) => new Map((await api.read(ids)).map(r => [r.id, r])), HEAD_SIZE);
    }
    get one() {
        return this.noun.one;
    }
    url(id) {
        return consoleUrl(this.region, this.one, id);
    }
    /** One run by ID or ARN: on its own (discovery), or batched with the other waiting runs (status). */
    async readOne(idOrArn, batched = false) {
        const id = runIdOf(idOrArn);
        const run = batched ? await this.statuses.load(id) : (await this.api.read([id])).find(r => r.id === id);
        if (!run)
            throw new errors/* TargetError */.I0(`${this.one} ${idOrArn} was not found in ${this.region}`);
        return run;
    }
    /**
     * The project's newest runs, newest first. The newest one must be readable: falling back to an older run
     * would retry a superseded failure.
     */
    async head(project) {
        const ids = (await this.api.listNewest(project)).slice(0, HEAD_SIZE);
        if (ids.length === 0)
            return [];
        const byId = new Map((await this.api.read(ids)).map(r => [r.id, r]));
        if (!byId.has(ids[0] ?? ''))
            throw new errors/* TargetError */.I0(`the newest ${this.one} of project ${project}, ${ids[0] ?? ''}, was listed but could not be read; ` +
                `not falling back to an older ${this.one}`);
        return ids.flatMap(id => byId.get(id) ?? []);
    }
    candidateOf(run, executionId, runs, latest) {
        return {
            executionId,
            description: `${latest ? 'latest ' : ''}${this.one} ${run.id} ${run.status}${run.failure ? ` (${run.failure})` : ''}`,
            consoleUrl: this.url(run.id),
            failure: run.failed,
            revision: revisionOf(run, newestOfSource(runs, run)),
            ...countAttempts(this.noun, runs, run)
        };
    }
    async discoverLatest(project) {
        const runs = await this.head(project);
        const [newest] = runs;
        if (!newest)
            return { kind: 'nothing', reason: `project ${project} has no ${this.noun.many}` };
        const skip = whyNotRetried(newest, this.one);
        if (skip) {
            // Still running, or about to be retried by CodeBuild: `wait` follows it before deciding.
            const running = (0,provider/* stateOf */.L)(projects/* STATES */.xj, newest.status) === 'in-progress' || newest.autoRetryPending !== undefined;
            return {
                kind: 'nothing',
                reason: `latest ${skip}`,
                ...(running
                    ? {
                        running: {
                            executionId: newest.id,
                            ...(newest.arn ? { executionArn: newest.arn } : {}),
                            consoleUrl: this.url(newest.id)
                        }
                    }
                    : {})
            };
        }
        return { kind: 'found', candidate: this.candidateOf(newest, newest.id, runs, true) };
    }
    async discoverNamed(project, executionId) {
        const run = await this.readOne(executionId);
        // Still running: nothing to retry yet, and `wait` follows it.
        if ((0,provider/* stateOf */.L)(projects/* STATES */.xj, run.status) === 'in-progress')
            return {
                kind: 'nothing',
                reason: `${this.one} ${run.id} is ${run.status}`,
                running: {
                    executionId: run.id,
                    ...(run.arn ? { executionArn: run.arn } : {}),
                    consoleUrl: this.url(run.id)
                }
            };
        if (!failure/* FAILED_STATUSES */.L.has(run.status))
            throw new errors/* TargetError */.I0(`${this.one} ${run.id} is ${run.status}; only a ${this.one} that is FAILED, FAULT or TIMED_OUT is retried`);
        const skip = whyNotRetried(run, this.one);
        if (skip)
            return {
                kind: 'nothing',
                reason: skip,
                ...(run.autoRetryPending
                    ? {
                        running: {
                            executionId: run.id,
                            ...(run.arn ? { executionArn: run.arn } : {}),
                            consoleUrl: this.url(run.id)
                        }
                    }
                    : {})
            };
        const runs = await this.head(project);
        const newer = newerOfSource(runs, run);
        const [newest] = newer;
        if (newest)
            return {
                kind: 'skip',
                reason: `${this.one} ${run.id} is superseded by the newer ${this.one} ${newest.id} (${newest.status}) of the same ` +
                    `source version ${sourceLabel(run)}; ${newer.length} newer ${newer.length === 1 ? this.one : this.noun.many} ` +
                    'of it count as earlier retries'
            };
        return { kind: 'found', candidate: this.candidateOf(run, executionId, runs, false) };
    }
    /**
     * The end of a build's auto-retry chain: a build CodeBuild retried itself is followed to its retry, and one
     * it is about to retry reads as still running, so a wait never reports a failure CodeBuild is retrying.
     */
    async followAutoRetries(run) {
        let current = run;
        for (let hops = 0; hops < MAX_AUTO_RETRY_CHAIN && current.nextAutoRetry; hops++)
            current = await this.readOne(current.nextAutoRetry, true);
        if (current.autoRetryPending === undefined)
            return current;
        const { number, limit } = current.autoRetryPending;
        return {
            ...current,
            status: 'IN_PROGRESS',
            phase: `waiting for CodeBuild's auto-retry ${number} of ${limit} of ${current.id}`
        };
    }
    async recheck(target, candidate) {
        const runs = await this.head(projectOf(target));
        const id = runIdOf(candidate.executionId);
        const run = runs.find(r => r.id === id) ?? (await this.readOne(id));
        // A build retry is a new build of the same source; a batch retry restarts the batch itself.
        const current = newestOfSource(runs, run);
        return {
            state: progressOf(current).state,
            revision: revisionOf(run, current),
            ...countAttempts(this.noun, runs, current),
            current: {
                executionId: current.id,
                ...(current.arn ? { executionArn: current.arn } : {}),
                consoleUrl: this.url(current.id)
            },
            description: `${this.one} ${current.id} ${current.status}${current === run ? '' : ` (newer ${this.one} of the same source as ${run.id})`}`
        };
    }
    discover(target) {
        return target.executionId === undefined
            ? this.discoverLatest(projectOf(target))
            : this.discoverNamed(projectOf(target), target.executionId);
    }
    async retry(_target, candidate, request) {
        const started = await this.api.retry(candidate.executionId, request);
        if (started.id === undefined)
            throw new errors/* UnreadableAnswer */.ym(`the retry of ${candidate.executionId} answered without a ${this.one}`);
        return {
            executionId: started.id,
            ...(started.arn ? { executionArn: started.arn } : {}),
            consoleUrl: this.url(started.id)
        };
    }
    async status(_target, started) {
        return progressOf(await this.followAutoRetries(await this.readOne(started.executionId, true)));
    }
    list() {
        return (0,listing/* listAll */._w)('CodeBuild projects', async (token) => {
            const page = await this.api.listProjects(token);
            return { items: page.names.map(name => ({ name, resource: name })), next: page.next };
        });
    }
    stop(_target, started) {
        return this.api.stop(started.executionId);
    }
}
function projectOf(target) {
    const project = target.projectName ?? (0,projects/* projectOfBuildId */.U7)(target.executionId);
    if (project === undefined)
        throw new errors/* TargetError */.I0(`${target.label}: no CodeBuild project named`);
    return project;
}
/** `project:uuid` from an ID or an ARN (`arn:...:build/project:uuid`, `...:build-batch/project:uuid`). */
function runIdOf(idOrArn) {
    return idOrArn.startsWith('arn:') ? idOrArn.slice(idOrArn.indexOf('/') + 1) : idOrArn;
}
function consoleUrl(region, kind, idOrArn) {
    const id = runIdOf(idOrArn);
    const project = id.slice(0, id.indexOf(':'));
    return (`${(0,aws/* consoleBase */.pj)(region)}/codesuite/codebuild/projects/${project}/${kind}/` +
        `${encodeURIComponent(id)}/?region=${region}`);
}
/** Why a run is not retried (not failed, or CodeBuild retries it itself); undefined when it is retried. */
function whyNotRetried(run, noun) {
    if (!failure/* FAILED_STATUSES */.L.has(run.status))
        return `${noun} ${run.id} is ${run.status}`;
    if (run.nextAutoRetry)
        return `${noun} ${run.id} is ${run.status} and CodeBuild has retried it itself as ${run.nextAutoRetry}`;
    if (run.autoRetryPending)
        return `${noun} ${run.id} is ${run.status}: CodeBuild retries it itself (auto-retry ${run.autoRetryPending.number} of ${run.autoRetryPending.limit})`;
    return undefined;
}
/** How many auto-retries a status read follows at most: CodeBuild's own limit is 10. */
const MAX_AUTO_RETRY_CHAIN = 10;
/**
 * Earlier attempts: every retry (ours, a person's, CodeBuild's auto-retry) of a build is a new build of the same
 * source on top of the project's history, while a batch retry restarts the same batch. So: the run of
 * consecutive failed builds (batches) of the candidate's source, starting at the candidate, minus the candidate
 * itself, plus the in-place retries of the batches in that run.
 */
function countAttempts(noun, runs, candidate) {
    const start = runs.findIndex(r => r.id === candidate.id);
    // Older than the head that was read: only the candidate itself is known, so this is a lower bound.
    const run = start < 0 ? [candidate] : takeWhile(runs.slice(start), r => isRetryOf(r, candidate));
    const inPlace = run.reduce((sum, r) => sum + r.retriedInPlace, 0);
    const source = candidate.sourceVersion
        ? `source ${shortSource(candidate.sourceVersion)}`
        : 'an unresolved source';
    const basis = [
        `${run.length} consecutive failed ${run.length === 1 ? noun.one : noun.many} of ${source}`,
        ...(inPlace > 0 ? [`retried in place ${inPlace} time${inPlace === 1 ? '' : 's'}`] : []),
        ...(start < 0 ? [`older ${noun.many} not read (not among the project's ${HEAD_SIZE} newest)`] : [])
    ];
    return { previousAttempts: run.length - 1 + inPlace, attemptsBasis: basis.join(', ') };
}
/** Runs newer than `run` (the list is newest first) of the source version it was asked to build. */
function newerOfSource(runs, run) {
    const index = runs.findIndex(r => r.id === run.id);
    const newer = index < 0 ? runs : runs.slice(0, index);
    return newer.filter(r => r.requestedSource === run.requestedSource);
}
/** The newest run of `run`'s source: a newer build (its retry) or, with none, the run itself. */
function newestOfSource(runs, run) {
    return newerOfSource(runs, run)[0] ?? run;
}
/** Changes when anyone retries the run: a newer run of its source appears, or it restarts in place. */
function revisionOf(run, newest) {
    return `${newest.id} ${newest.status} ${run.retriedInPlace}`;
}
function sourceLabel(run) {
    return run.requestedSource === undefined ? '(none given)' : shortSource(run.requestedSource);
}
function takeWhile(items, keep) {
    const end = items.findIndex(item => !keep(item));
    return items.slice(0, end < 0 ? items.length : end);
}
function isRetryOf(run, candidate) {
    return failure/* FAILED_STATUSES */.L.has(run.status) && run.sourceVersion === candidate.sourceVersion;
}
/** A Git commit reads best as its 7-character prefix; other versions (S3 version IDs) stay whole. */
function shortSource(version) {
    return /^[0-9a-f]{40}$/.test(version) ? version.slice(0, 7) : version;
}
function progressOf(run) {
    // An absent or new status is read as still running: the poll goes on until a known end.
    const state = (0,provider/* stateOf */.L)(projects/* STATES */.xj, run.status);
    return {
        state,
        ...(run.phase ? { phase: run.phase } : {}),
        ...(state === 'failed' ? { reason: run.failure ?? `${run.id} ${run.status}`, failure: run.failed } : {})
    };
}
/** The first failed phase and its contexts, e.g. "phase BUILD FAILED: COMMAND_EXECUTION_ERROR: ...". */
function phaseFailure(phases) {
    const failed = phases?.find(p => p.phaseStatus !== undefined && failure/* FAILED_STATUSES */.L.has(p.phaseStatus));
    if (!failed)
        return undefined;
    const contexts = (failed.contexts ?? [])
        .map(c => [c.statusCode, c.message].filter(Boolean).join(': '))
        .filter(Boolean);
    const head = `phase ${failed.phaseType ?? 'UNKNOWN'} ${failed.phaseStatus ?? ''}`;
    return contexts.length > 0 ? `${head}: ${contexts.join('; ')}` : head;
}
/**
 * A CodeBuild provider module: the shared flow over the service's `api`, and its errors, whose hints name
 * the IAM `actions` the provider calls.
 */
function runModule(api, noun, actions) {
    return {
        errors: codeBuildErrors(noun, actions),
        create: context => new RunProvider(api(context), noun, context.region)
    };
}
/** Hints for CodeBuild's documented errors; `actions` are the IAM actions the provider calls. */
function codeBuildErrors(noun, actions) {
    return {
        // CodeBuild answers a retry of a run that is not failed (any more) with InvalidInputException.
        refusals: ['InvalidInputException'],
        hints: {
            InvalidInputException: `check that project-name and execution-id name a failed ${noun.one} of this account and region; ` +
                'an idempotency-token reused within 5 minutes for another request is refused too',
            ResourceNotFoundException: `no such CodeBuild project or ${noun.one}: check project-name, execution-id and region`,
            AccountLimitExceededException: 'an account limit of CodeBuild (e.g. concurrent builds) is reached: wait for running builds or ask ' +
                'for a higher quota in Service Quotas',
            AccessDeniedException: `the role needs ${actions.map(a => `codebuild:${a}`).join(', ')}`
        }
    };
}



/***/ })

};
