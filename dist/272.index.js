export const id = 272;
export const ids = [272];
export const modules = {

/***/ 2891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $4: () => (/* binding */ namesTransientWord),
/* harmony export */   FX: () => (/* binding */ everyItemTransient),
/* harmony export */   IW: () => (/* binding */ latest),
/* harmony export */   XR: () => (/* binding */ oneLineReason)
/* harmony export */ });
/* unused harmony exports TRANSIENT_WORDS, transientWord */
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

/***/ 7272:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   "default": () => (__WEBPACK_DEFAULT_EXPORT__)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4774);
/* harmony import */ var _model_failure_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2891);
/* harmony import */ var _transport_cancellation_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8306);
/* harmony import */ var _codebuild_runs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6640);
/* harmony import */ var _clouds_aws_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5891);





const NOUN = { one: 'batch', many: 'batches' };
const RETRY_TYPES = { failed: 'RETRY_FAILED_BUILDS', all: 'RETRY_ALL_BUILDS' };
function runOf(batch, id, builds) {
    return {
        ...(0,_codebuild_runs_js__WEBPACK_IMPORTED_MODULE_1__/* .commonFields */ .dG)(batch, id),
        status: batch.buildBatchStatus ?? 'UNKNOWN',
        retriedInPlace: retriesOf(batch.buildGroups),
        failure: failedBuilds(batch.buildGroups) ?? (0,_codebuild_runs_js__WEBPACK_IMPORTED_MODULE_1__/* .phaseFailure */ .Or)(batch.phases),
        failed: _codebuild_runs_js__WEBPACK_IMPORTED_MODULE_1__/* .FAILED_STATUSES */ .Lg.has(batch.buildBatchStatus ?? '') ? batchFailure(batch, builds) : undefined
    };
}
/** The groups whose build failed and may not fail (`ignoreFailure` groups are left out). */
function failedGroups(batch) {
    return (batch.buildGroups ?? []).filter(g => {
        const status = g.currentBuildSummary?.buildStatus;
        return status !== undefined && _codebuild_runs_js__WEBPACK_IMPORTED_MODULE_1__/* .FAILED_STATUSES */ .Lg.has(status) && !g.ignoreFailure;
    });
}
/**
 * A batch's failure (docs/contract.md): `GROUP: ` and the build's failure for each failed build; transient
 * only when every failed build is. A build that could not be read counts as deterministic.
 */
function batchFailure(batch, builds) {
    const parts = failedGroups(batch).map(group => {
        const summary = group.currentBuildSummary;
        const build = summary?.arn === undefined ? undefined : builds.get(summary.arn);
        const failure = build ? (0,_codebuild_runs_js__WEBPACK_IMPORTED_MODULE_1__/* .buildFailure */ .He)(build) : undefined;
        return {
            text: `${group.identifier ?? summary?.arn ?? '?'}: ${failure?.reason ?? summary?.buildStatus ?? 'FAILED'}`,
            // A build that could not be read still tells its status: FAULT is CodeBuild's own.
            transient: failure?.transient ?? (summary?.buildStatus === 'FAULT' ? 'status FAULT' : undefined),
            endedAt: failure?.endedAt
        };
    });
    // No failed build to name (the batch failed on its own, e.g. its buildspec): its phases say why.
    if (parts.length === 0)
        return (0,_codebuild_runs_js__WEBPACK_IMPORTED_MODULE_1__/* .buildFailure */ .He)({ buildStatus: batch.buildBatchStatus, phases: batch.phases, endTime: batch.endTime });
    return {
        reason: (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLineReason */ .XR)(parts.map(p => p.text)),
        transient: (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_3__/* .everyItemTransient */ .FX)(parts.map(p => p.transient)),
        endedAt: (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_3__/* .latest */ .IW)(parts.map(p => p.endedAt), batch.endTime?.getTime())
    };
}
/**
 * A batch retry restarts the same batch and moves each restarted group's build to its prior list, so the
 * group restarted most often tells how often the batch was retried (exact unless the failing group changed
 * between retries of failed builds, then a lower bound).
 */
function retriesOf(groups) {
    return Math.max(0, ...(groups ?? []).map(g => g.priorBuildSummaryList?.length ?? 0));
}
/** The batch's failed builds, e.g. "failed builds: linux_x64 FAILED, windows FAULT"; groups allowed to fail are left out. */
function failedBuilds(groups) {
    const failed = (groups ?? []).flatMap(g => {
        const status = g.currentBuildSummary?.buildStatus;
        return status && _codebuild_runs_js__WEBPACK_IMPORTED_MODULE_1__/* .FAILED_STATUSES */ .Lg.has(status) && !g.ignoreFailure
            ? [`${g.identifier ?? g.currentBuildSummary?.arn ?? '?'} ${status}`]
            : [];
    });
    return failed.length > 0 ? `failed builds: ${failed.join(', ')}` : undefined;
}
function batchApi(context) {
    const client = (0,_codebuild_runs_js__WEBPACK_IMPORTED_MODULE_1__/* .codeBuildClient */ .fU)(context);
    /**
     * The failed builds of failed batches, read in one call (their failure details live on the builds). A read
     * that fails leaves them out: the batch's failure then falls back to its groups' statuses.
     */
    async function readFailedBuilds(batches) {
        const ids = batches
            .filter(b => _codebuild_runs_js__WEBPACK_IMPORTED_MODULE_1__/* .FAILED_STATUSES */ .Lg.has(b.buildBatchStatus ?? ''))
            .flatMap(b => failedGroups(b).flatMap(g => (g.currentBuildSummary?.arn ? [g.currentBuildSummary.arn] : [])))
            .slice(0, _codebuild_runs_js__WEBPACK_IMPORTED_MODULE_1__/* .HEAD_SIZE */ .jT);
        if (ids.length === 0)
            return new Map();
        try {
            const read = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_2__/* .awsCall */ .uF)(context, 'BatchGetBuilds', options => client.send(new _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_4__.BatchGetBuildsCommand({ ids }), options));
            return new Map((read.builds ?? []).flatMap(b => (b.arn === undefined ? [] : [[b.arn, b]])));
        }
        catch (error) {
            if (error instanceof _transport_cancellation_js__WEBPACK_IMPORTED_MODULE_0__/* .Cancelled */ .cJ)
                throw error;
            return new Map();
        }
    }
    return {
        async listNewest(projectName) {
            const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_2__/* .awsCall */ .uF)(context, 'ListBuildBatchesForProject', options => client.send(new _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_4__/* .ListBuildBatchesForProjectCommand */ .uVY({
                projectName,
                sortOrder: 'DESCENDING',
                maxResults: _codebuild_runs_js__WEBPACK_IMPORTED_MODULE_1__/* .HEAD_SIZE */ .jT
            }), options));
            return out.ids ?? [];
        },
        async read(ids) {
            const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_2__/* .awsCall */ .uF)(context, 'BatchGetBuildBatches', options => client.send(new _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_4__/* .BatchGetBuildBatchesCommand */ .Y4d({ ids }), options));
            const batches = out.buildBatches ?? [];
            const builds = await readFailedBuilds(batches);
            return batches.flatMap(b => (b.id === undefined ? [] : [runOf(b, b.id, builds)]));
        },
        async retry(id, { token, mode, beforeResend }) {
            const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_2__/* .awsCall */ .uF)(context, 'RetryBuildBatch', options => client.send(new _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_4__/* .RetryBuildBatchCommand */ .kmr({ id, idempotencyToken: token, retryType: RETRY_TYPES[mode] }), options), { beforeResend });
            return { id: out.buildBatch?.id, arn: out.buildBatch?.arn };
        },
        async stop(id) {
            await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_2__/* .awsCall */ .uF)(context, 'StopBuildBatch', options => client.send(new _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_4__/* .StopBuildBatchCommand */ .OLp({ id }), options));
        }
    };
}
/* harmony default export */ const __WEBPACK_DEFAULT_EXPORT__ = ((0,_codebuild_runs_js__WEBPACK_IMPORTED_MODULE_1__/* .runModule */ .WJ)(batchApi, NOUN, [
    'ListBuildBatchesForProject',
    'BatchGetBuildBatches',
    'RetryBuildBatch',
    'StopBuildBatch (cancel-on-abort)'
]));


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

/***/ 6640:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   He: () => (/* reexport safe */ _failure_js__WEBPACK_IMPORTED_MODULE_3__.H),
/* harmony export */   Lg: () => (/* reexport safe */ _failure_js__WEBPACK_IMPORTED_MODULE_3__.L),
/* harmony export */   Or: () => (/* binding */ phaseFailure),
/* harmony export */   WJ: () => (/* binding */ runModule),
/* harmony export */   dG: () => (/* binding */ commonFields),
/* harmony export */   fU: () => (/* binding */ codeBuildClient),
/* harmony export */   jT: () => (/* binding */ HEAD_SIZE)
/* harmony export */ });
/* unused harmony exports createRunProvider, runIdOf, consoleUrl, codeBuildErrors */
/* harmony import */ var _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4774);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7206);
/* harmony import */ var _projects_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6188);
/* harmony import */ var _clouds_aws_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5891);
/* harmony import */ var _failure_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7734);
/* harmony import */ var _model_provider_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4676);






/**
 * The retry flow shared by CodeBuild builds and batches: both list the project's newest runs, read them in
 * one batch call, retry with an idempotency token and report the same statuses. Each provider file only
 * supplies its five API calls (RunApi).
 */
/** How many of a project's newest runs are read: one list page, one batch read (the API's limit is 100). */
const HEAD_SIZE = 100;
function codeBuildClient(context) {
    return new _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_4__.CodeBuildClient((0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_2__/* .awsClientConfig */ .rw)(context));
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
function createRunProvider(api, noun, region) {
    const { one } = noun;
    const url = (id) => consoleUrl(region, one, id);
    async function readOne(idOrArn) {
        const id = runIdOf(idOrArn);
        const [run] = (await api.read([id])).filter(r => r.id === id);
        if (!run)
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .TargetError */ .I0(`${one} ${idOrArn} was not found in ${region}`);
        return run;
    }
    /**
     * The project's newest runs, newest first. The newest one must be readable: falling back to an older run
     * would retry a superseded failure.
     */
    async function head(project) {
        const ids = (await api.listNewest(project)).slice(0, HEAD_SIZE);
        if (ids.length === 0)
            return [];
        const byId = new Map((await api.read(ids)).map(r => [r.id, r]));
        if (!byId.has(ids[0] ?? ''))
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .TargetError */ .I0(`the newest ${one} of project ${project}, ${ids[0] ?? ''}, was listed but could not be read; ` +
                `not falling back to an older ${one}`);
        return ids.flatMap(id => byId.get(id) ?? []);
    }
    function candidateOf(run, executionId, runs, latest) {
        return {
            executionId,
            description: `${latest ? 'latest ' : ''}${one} ${run.id} ${run.status}${run.failure ? ` (${run.failure})` : ''}`,
            consoleUrl: url(run.id),
            failure: run.failed,
            revision: revisionOf(run, newestOfSource(runs, run)),
            ...countAttempts(noun, runs, run)
        };
    }
    async function discoverLatest(project) {
        const runs = await head(project);
        const [newest] = runs;
        if (!newest)
            return { kind: 'nothing', reason: `project ${project} has no ${noun.many}` };
        const skip = whyNotRetried(newest, one);
        if (skip) {
            // Still running: `wait` follows it before deciding.
            const running = (0,_model_provider_js__WEBPACK_IMPORTED_MODULE_5__/* .stateOf */ .L)(_projects_js__WEBPACK_IMPORTED_MODULE_1__/* .STATES */ .xj, newest.status) === 'in-progress';
            return {
                kind: 'nothing',
                reason: `latest ${skip}`,
                ...(running
                    ? {
                        running: {
                            executionId: newest.id,
                            ...(newest.arn ? { executionArn: newest.arn } : {}),
                            consoleUrl: url(newest.id)
                        }
                    }
                    : {})
            };
        }
        return { kind: 'found', candidate: candidateOf(newest, newest.id, runs, true) };
    }
    async function discoverNamed(project, executionId) {
        const run = await readOne(executionId);
        // Still running: nothing to retry yet, and `wait` follows it.
        if ((0,_model_provider_js__WEBPACK_IMPORTED_MODULE_5__/* .stateOf */ .L)(_projects_js__WEBPACK_IMPORTED_MODULE_1__/* .STATES */ .xj, run.status) === 'in-progress')
            return {
                kind: 'nothing',
                reason: `${one} ${run.id} is ${run.status}`,
                running: {
                    executionId: run.id,
                    ...(run.arn ? { executionArn: run.arn } : {}),
                    consoleUrl: url(run.id)
                }
            };
        if (!_failure_js__WEBPACK_IMPORTED_MODULE_3__/* .FAILED_STATUSES */ .L.has(run.status))
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .TargetError */ .I0(`${one} ${run.id} is ${run.status}; only a ${one} that is FAILED, FAULT or TIMED_OUT is retried`);
        const skip = whyNotRetried(run, one);
        if (skip)
            return { kind: 'nothing', reason: skip };
        const runs = await head(project);
        const newer = newerOfSource(runs, run);
        const [newest] = newer;
        if (newest)
            return {
                kind: 'skip',
                reason: `${one} ${run.id} is superseded by the newer ${one} ${newest.id} (${newest.status}) of the same ` +
                    `source version ${sourceLabel(run)}; ${newer.length} newer ${newer.length === 1 ? one : noun.many} ` +
                    'of it count as earlier retries'
            };
        return { kind: 'found', candidate: candidateOf(run, executionId, runs, false) };
    }
    async function recheck(target, candidate) {
        const runs = await head(projectOf(target));
        const id = runIdOf(candidate.executionId);
        const run = runs.find(r => r.id === id) ?? (await readOne(id));
        // A build retry is a new build of the same source; a batch retry restarts the batch itself.
        const current = newestOfSource(runs, run);
        return {
            state: progressOf(current).state,
            revision: revisionOf(run, current),
            ...countAttempts(noun, runs, current),
            current: {
                executionId: current.id,
                ...(current.arn ? { executionArn: current.arn } : {}),
                consoleUrl: url(current.id)
            },
            description: `${one} ${current.id} ${current.status}${current === run ? '' : ` (newer ${one} of the same source as ${run.id})`}`
        };
    }
    return {
        consoleHosts: _clouds_aws_js__WEBPACK_IMPORTED_MODULE_2__/* .AWS_CONSOLE_HOSTS */ .AF,
        discover: (target) => target.executionId === undefined
            ? discoverLatest(projectOf(target))
            : discoverNamed(projectOf(target), target.executionId),
        recheck,
        async retry(_target, candidate, request) {
            const started = await api.retry(candidate.executionId, request);
            if (started.id === undefined)
                throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UnreadableAnswer */ .ym(`the retry of ${candidate.executionId} answered without a ${one}`);
            return {
                executionId: started.id,
                ...(started.arn ? { executionArn: started.arn } : {}),
                consoleUrl: url(started.id)
            };
        },
        status: async (_target, started) => progressOf(await readOne(started.executionId)),
        stop: (_target, started) => api.stop(started.executionId)
    };
}
function projectOf(target) {
    const project = target.projectName ?? (0,_projects_js__WEBPACK_IMPORTED_MODULE_1__/* .projectOfBuildId */ .U7)(target.executionId);
    if (project === undefined)
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .TargetError */ .I0(`${target.label}: no CodeBuild project named`);
    return project;
}
/** `project:uuid` from an ID or an ARN (`arn:...:build/project:uuid`, `...:build-batch/project:uuid`). */
function runIdOf(idOrArn) {
    return idOrArn.startsWith('arn:') ? idOrArn.slice(idOrArn.indexOf('/') + 1) : idOrArn;
}
function consoleUrl(region, kind, idOrArn) {
    const id = runIdOf(idOrArn);
    const project = id.slice(0, id.indexOf(':'));
    return (`${(0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_2__/* .consoleBase */ .pj)(region)}/codesuite/codebuild/projects/${project}/${kind}/` +
        `${encodeURIComponent(id)}/?region=${region}`);
}
/** Why a run is not retried (not failed, or CodeBuild retries it itself); undefined when it is retried. */
function whyNotRetried(run, noun) {
    if (!_failure_js__WEBPACK_IMPORTED_MODULE_3__/* .FAILED_STATUSES */ .L.has(run.status))
        return `${noun} ${run.id} is ${run.status}`;
    if (run.nextAutoRetry)
        return `${noun} ${run.id} is ${run.status} and CodeBuild has retried it itself as ${run.nextAutoRetry}`;
    return undefined;
}
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
    return _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .FAILED_STATUSES */ .L.has(run.status) && run.sourceVersion === candidate.sourceVersion;
}
/** A Git commit reads best as its 7-character prefix; other versions (S3 version IDs) stay whole. */
function shortSource(version) {
    return /^[0-9a-f]{40}$/.test(version) ? version.slice(0, 7) : version;
}
function progressOf(run) {
    // An absent or new status is read as still running: the poll goes on until a known end.
    const state = (0,_model_provider_js__WEBPACK_IMPORTED_MODULE_5__/* .stateOf */ .L)(_projects_js__WEBPACK_IMPORTED_MODULE_1__/* .STATES */ .xj, run.status);
    return {
        state,
        ...(run.phase ? { phase: run.phase } : {}),
        ...(state === 'failed' ? { reason: run.failure ?? `${run.id} ${run.status}`, failure: run.failed } : {})
    };
}
/** The first failed phase and its contexts, e.g. "phase BUILD FAILED: COMMAND_EXECUTION_ERROR: ...". */
function phaseFailure(phases) {
    const failed = phases?.find(p => p.phaseStatus !== undefined && _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .FAILED_STATUSES */ .L.has(p.phaseStatus));
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
        create: context => createRunProvider(api(context), noun, context.region)
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
