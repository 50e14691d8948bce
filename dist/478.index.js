export const id = 478;
export const ids = [478];
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

/***/ 7753:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   buildIdsOf: () => (/* binding */ buildIdsOf),
/* harmony export */   consoleUrl: () => (/* binding */ consoleUrl),
/* harmony export */   createCodePipeline: () => (/* binding */ createCodePipeline),
/* harmony export */   "default": () => (__WEBPACK_DEFAULT_EXPORT__),
/* harmony export */   errors: () => (/* binding */ errors),
/* harmony export */   stageFailure: () => (/* binding */ stageFailure)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_codepipeline__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8232);
/* harmony import */ var _model_failure_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2891);
/* harmony import */ var _transport_cancellation_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8306);
/* harmony import */ var _codebuild_failure_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7734);
/* harmony import */ var _transport_classify_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2835);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7206);
/* harmony import */ var _model_listing_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6689);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8805);
/* harmony import */ var _clouds_aws_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5891);
/* harmony import */ var _model_provider_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(4676);










const IAM_ACTIONS = 'codepipeline:GetPipelineState, codepipeline:ListPipelineExecutions and codepipeline:RetryStageExecution ' +
    '(for a targets pattern codepipeline:ListPipelines; with wait also codepipeline:GetPipelineExecution, ' +
    'with cancel-on-abort codepipeline:StopPipelineExecution; recommended: codepipeline:GetPipeline)';
/**
 * A V2 stage declared `onFailure: {result: RETRY}` gets one automatic retry from CodePipeline ("One attempt is
 * allowed for automatic stage retry"; API reference, FailureConditions): until it has used it
 * (`autoStageRetryAttempt` absent or 0), CodePipeline is about to retry the stage itself.
 */
function awaitsAutomaticRetry(stage, autoRetried) {
    return (autoRetried?.has(stage.stageName ?? '') === true &&
        (stage.retryStageMetadata?.autoStageRetryAttempt ?? 0) === 0);
}
const errors = {
    // The pipeline is busy with another change: the documented remedy is to try again later.
    transient: ['ConflictException'],
    // What a retry of a stage that runs again (someone else retried it first) is refused with.
    refusals: ['StageNotRetryableException'],
    hints: {
        NotLatestPipelineExecutionException: 'the stage failed again in a later execution; omit execution-id to retry the latest',
        StageNotRetryableException: 'the stage has no failed actions, actions are still in progress, or the pipeline structure changed ' +
            'since that execution ran',
        PipelineNotFoundException: 'check pipeline-name and region: no such pipeline there for these credentials (another account?)',
        StageNotFoundException: 'check stage-name: it must name a stage of the pipeline (case-sensitive)',
        ConcurrentPipelineExecutionsLimitExceededException: 'the pipeline is at its limit of concurrent executions; retry once running executions end',
        ValidationException: 'a parameter was rejected: check pipeline-name, stage-name and execution-id (a UUID of this pipeline)',
        PipelineExecutionNotFoundException: 'execution-id is not an execution of this pipeline',
        DuplicatedStopRequestException: 'the execution is already stopping',
        PipelineExecutionNotStoppableException: 'the execution has already ended',
        AccessDeniedException: `the credentials lack IAM permissions: allow ${IAM_ACTIONS} on the pipeline`,
        UnrecognizedClientException: 'the credentials are not valid in this region or partition; once they are, they need ' + IAM_ACTIONS
    }
};
/** StopPipelineExecution accepts a reason of at most 200 characters. */
const STOP_REASON_MAX = 200;
/** Error details from actions can be long (stack traces, logs): keep log lines readable. */
const DETAIL_MAX = 300;
function consoleUrl(region, pipelineName, executionId) {
    return (`${(0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_6__/* .consoleBase */ .pj)(region)}/codesuite/codepipeline/pipelines/${pipelineName}` +
        `/executions/${executionId}/timeline?region=${region}`);
}
function oneLine(text, max) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
/** The stage's latest execution is this one (a stage an execution has not reached shows an older one). */
function runsIn(stage, executionId) {
    return stage.latestExecution?.pipelineExecutionId === executionId;
}
function stageStatus(stage) {
    return stage.latestExecution?.status ?? 'unknown';
}
/** The first stage in pipeline order that failed in this execution, limited to `stageName` when given. */
function failedStageOf(stages, executionId, stageName) {
    return stages.find(s => runsIn(s, executionId) &&
        stageStatus(s) === 'Failed' &&
        (stageName === undefined || s.stageName === stageName));
}
/** "action DeployApp: JobFailed: message" for each failed action of the stage. */
function failedActions(stage) {
    return (stage.actionStates ?? [])
        .filter(a => a.latestExecution?.status === 'Failed')
        .map(a => {
        const { code, message } = a.latestExecution?.errorDetails ?? {};
        const detail = [code, message].filter(Boolean).join(': ');
        return oneLine(`action ${a.actionName ?? '?'}${detail ? `: ${detail}` : ''}`, DETAIL_MAX);
    });
}
/** A CodeBuild build ID (`project:uuid`): what a CodeBuild action's `externalExecutionId` is. */
const BUILD_ID = /^[A-Za-z0-9][A-Za-z0-9\-_]{1,254}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The failed actions of a stage, with the build behind each CodeBuild action (when it looks like one). */
function failedActionStates(stage) {
    return (stage.actionStates ?? []).filter(a => a.latestExecution?.status === 'Failed');
}
/** The build IDs behind the stage's failed CodeBuild actions. */
function buildIdsOf(stage) {
    return failedActionStates(stage).flatMap(a => {
        const id = a.latestExecution?.externalExecutionId;
        return id !== undefined && BUILD_ID.test(id) ? [id] : [];
    });
}
/**
 * A stage's failure (docs/contract.md): `ACTION: CODE: MESSAGE` for each failed action. Transient when every
 * failed action is: its error names a transient word, or it is a CodeBuild action whose build (in `builds`,
 * read with BatchGetBuilds) is transient by the CodeBuild rule.
 */
function stageFailure(stage, builds = new Map()) {
    const actions = failedActionStates(stage).map(a => {
        const { code, message } = a.latestExecution?.errorDetails ?? {};
        const text = [a.actionName ?? '?', code, message].filter(Boolean).join(': ');
        const buildId = a.latestExecution?.externalExecutionId;
        const build = buildId === undefined ? undefined : builds.get(buildId);
        const transient = (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_7__/* .namesTransientWord */ .$4)([code, message].filter(Boolean).join(' ')) ??
            (build?.transient !== undefined ? `its CodeBuild build ${build.transient}` : undefined);
        return { text, transient, endedAt: a.latestExecution?.lastStatusChange?.getTime() };
    });
    return {
        reason: (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_7__/* .oneLineReason */ .XR)(actions.length > 0 ? actions.map(a => a.text) : [`stage ${stage.stageName ?? '?'} Failed`]),
        transient: (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_7__/* .everyItemTransient */ .FX)(actions.map(a => a.transient)),
        endedAt: (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_7__/* .latest */ .IW)(actions.map(a => a.endedAt))
    };
}
/** Retries of the stage's latest execution so far, as CodePipeline counts them. */
function attemptsOf(stage) {
    const meta = stage.retryStageMetadata;
    if (!meta)
        return { previousAttempts: 0, attemptsBasis: 'no retryStageMetadata: not retried yet' };
    const manual = meta.manualStageRetryAttempt ?? 0;
    const automatic = meta.autoStageRetryAttempt ?? 0;
    const latest = meta.latestRetryTrigger ? ` (latest: ${meta.latestRetryTrigger})` : '';
    return {
        previousAttempts: manual + automatic,
        attemptsBasis: `retryStageMetadata: ${manual} manual + ${automatic} automatic${latest}`
    };
}
/** The stage's execution, status and retry counters: any retry of it changes one of them. */
function stageRevision(stage) {
    if (!stage)
        return 'absent';
    const meta = stage.retryStageMetadata;
    return [
        stage.latestExecution?.pipelineExecutionId ?? '-',
        stageStatus(stage),
        meta?.manualStageRetryAttempt ?? 0,
        meta?.autoStageRetryAttempt ?? 0
    ].join(' ');
}
const STAGE_STATES = {
    Failed: 'failed',
    InProgress: 'in-progress',
    Stopping: 'in-progress',
    Succeeded: 'succeeded',
    Stopped: 'stopped',
    Cancelled: 'stopped',
    Skipped: 'stopped'
};
/** "Deploy Succeeded (execution <other id>)": what a stage shows, for messages. */
function stageSummary(stage, executionId) {
    const id = stage.latestExecution?.pipelineExecutionId;
    const whose = id === undefined ? 'no execution' : id === executionId ? 'this execution' : `execution ${id}`;
    return `${stage.stageName ?? '?'} ${stageStatus(stage)} (${whose})`;
}
/** Failed stages whose latest execution is another one: seen, but never retried behind a newer execution. */
function otherFailures(stages, executionId) {
    const others = stages.filter(s => stageStatus(s) === 'Failed' && !runsIn(s, executionId));
    if (others.length === 0)
        return '';
    const list = others
        .map(s => `stage ${s.stageName ?? '?'} of execution ${s.latestExecution?.pipelineExecutionId ?? '?'}`)
        .join(', ');
    return `; ${list} failed earlier and is not retried`;
}
function nothingReason(target, newest, stages) {
    const { id, status } = newest;
    let reason = `latest execution ${id} of pipeline ${target.pipelineName} is ${status ?? 'of unknown status'}`;
    if (target.stageName !== undefined)
        reason += `; stage ${target.stageName} did not fail in it`;
    else if (status === 'Failed')
        reason += ' but GetPipelineState shows no failed stage of it';
    return reason + otherFailures(stages, id);
}
function candidateFor(context, target, executionId, stage) {
    const stageName = stage.stageName ?? '';
    const actions = failedActions(stage);
    return {
        executionId,
        stageName,
        ...attemptsOf(stage),
        revision: stageRevision(stage),
        description: `stage ${stageName} of execution ${executionId} Failed` +
            (actions.length ? ` (${actions.join('; ')})` : ''),
        consoleUrl: consoleUrl(context.region, target.pipelineName, executionId)
    };
}
/**
 * A stage named by the user for an explicit execution goes to RetryStageExecution even when GetPipelineState
 * does not show it failed: the service's own refusal (StageNotRetryable, NotLatestPipelineExecution) is the
 * reason the user should see.
 */
function namedStageCandidate(context, target, executionId, stages) {
    const stage = stages.find(s => s.stageName === target.stageName);
    if (stage && runsIn(stage, executionId) && stageStatus(stage) === 'Failed') {
        return candidateFor(context, target, executionId, stage);
    }
    const seen = stage ? stageSummary(stage, executionId) : `${target.stageName} not in GetPipelineState`;
    return {
        executionId,
        stageName: target.stageName,
        ...(stage && runsIn(stage, executionId)
            ? attemptsOf(stage)
            : { attemptsBasis: "unknown: the stage's latest execution is another one" }),
        revision: stageRevision(stage),
        description: `stage ${target.stageName} of execution ${executionId} (GetPipelineState: ${seen}); ` +
            'the retry call decides',
        consoleUrl: consoleUrl(context.region, target.pipelineName, executionId)
    };
}
function noFailedStage(target, executionId, stages) {
    const own = stages.filter(s => runsIn(s, executionId)).map(s => `${s.stageName ?? '?'} ${stageStatus(s)}`);
    const seen = own.length
        ? `its stages: ${own.join(', ')}`
        : 'no stage shows it as its latest execution (a later execution ran since, or it is not of this pipeline)';
    return new _model_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .TargetError */ .I0(`Execution ${executionId} of pipeline ${target.pipelineName} has no failed stage in GetPipelineState ` +
        `(${seen}${otherFailures(stages, executionId)}); only a failed stage can be retried`);
}
/** "stage Deploy, action DeployApp: JobFailed: Deployment failed" from the stage that failed. */
function failureReason(stages, executionId) {
    const stage = failedStageOf(stages, executionId);
    if (!stage)
        return undefined;
    const actions = failedActions(stage);
    return [`stage ${stage.stageName ?? '?'}`, ...actions].join(', ');
}
function createCodePipeline(context) {
    return new PipelineStages(context);
}
/** A pipeline's stages: discovery by GetPipelineState, RetryStageExecution, status, stop and listing. */
class PipelineStages {
    context;
    consoleHosts = _clouds_aws_js__WEBPACK_IMPORTED_MODULE_6__/* .AWS_CONSOLE_HOSTS */ .AF;
    client;
    /** Reads the builds behind CodeBuild actions; created on first need (its SDK is its own chunk). */
    codebuild;
    /** Per pipeline, its stages that declare `onFailure: RETRY` (GetPipeline), read once a step. */
    declared = new Map();
    deniedNoted = false;
    constructor(context) {
        this.context = context;
        this.client = new _aws_sdk_client_codepipeline__WEBPACK_IMPORTED_MODULE_8__/* .CodePipelineClient */ .pEs((0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_6__/* .awsClientConfig */ .rw)(context));
    }
    /**
     * The stages CodePipeline retries itself. GetPipeline is recommended, not required: when it cannot be read,
     * undefined (the action decides as without it) and, once a step, a note that names the permission.
     */
    autoRetryStages(pipelineName) {
        let stages = this.declared.get(pipelineName);
        if (stages === undefined) {
            stages = (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_6__/* .awsCall */ .uF)(this.context, 'GetPipeline', options => this.client.send(new _aws_sdk_client_codepipeline__WEBPACK_IMPORTED_MODULE_8__/* .GetPipelineCommand */ .YeD({ name: pipelineName }), options)).then(out => new Set((out?.pipeline?.stages ?? []).flatMap(s => s.onFailure?.result === 'RETRY' && s.name !== undefined ? [s.name] : [])), (error) => {
                if (error instanceof _transport_cancellation_js__WEBPACK_IMPORTED_MODULE_0__/* .Cancelled */ .cJ)
                    throw error;
                return undefined;
            });
            this.declared.set(pipelineName, stages);
        }
        return stages;
    }
    /** The note for the first target whose pipeline's declaration could not be read. */
    deniedNote(autoRetried) {
        if (autoRetried !== undefined || this.deniedNoted)
            return undefined;
        this.deniedNoted = true;
        return ("could not read the pipeline's declaration (codepipeline:GetPipeline, recommended): a stage that " +
            'CodePipeline retries itself (onFailure: RETRY) cannot be told apart, so the action decides without it');
    }
    /** Discovery of a failed stage: CodePipeline's own retry first, else a candidate. */
    async foundStage(target, executionId, stage) {
        const autoRetried = await this.autoRetryStages(target.pipelineName);
        const url = consoleUrl(this.context.region, target.pipelineName, executionId);
        if (awaitsAutomaticRetry(stage, autoRetried))
            return {
                kind: 'nothing',
                reason: `stage ${stage.stageName ?? '?'} of execution ${executionId} Failed: CodePipeline retries it itself (onFailure: RETRY)`,
                running: { executionId, consoleUrl: url }
            };
        const candidate = await this.withBuilds(candidateFor(this.context, target, executionId, stage), stage);
        const note = this.deniedNote(autoRetried);
        return {
            kind: 'found',
            candidate: note && candidate.failure ? { ...candidate, failure: { ...candidate.failure, note } } : candidate
        };
    }
    async stagesOf(pipelineName) {
        const state = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_6__/* .awsCall */ .uF)(this.context, 'GetPipelineState', options => this.client.send(new _aws_sdk_client_codepipeline__WEBPACK_IMPORTED_MODULE_8__/* .GetPipelineStateCommand */ .dz2({ name: pipelineName }), options));
        return state.stageStates ?? [];
    }
    async newestExecution(pipelineName) {
        const page = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_6__/* .awsCall */ .uF)(this.context, 'ListPipelineExecutions', options => this.client.send(new _aws_sdk_client_codepipeline__WEBPACK_IMPORTED_MODULE_8__/* .ListPipelineExecutionsCommand */ .bni({ pipelineName, maxResults: 1 }), options));
        return page.pipelineExecutionSummaries?.[0];
    }
    /**
     * The failures of the builds behind the stage's failed CodeBuild actions (one BatchGetBuilds call), to
     * classify those actions by the CodeBuild rule. Without permission (or any other failure to read them) the
     * actions' text alone decides, and the failure's note says so.
     */
    async withBuilds(candidate, stage) {
        const ids = buildIdsOf(stage);
        if (ids.length === 0)
            return { ...candidate, failure: stageFailure(stage) };
        try {
            const { BatchGetBuildsCommand, CodeBuildClient } = await __webpack_require__.e(/* import() */ 774).then(__webpack_require__.t.bind(__webpack_require__, 4774, 19));
            this.codebuild ??= new CodeBuildClient((0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_6__/* .awsClientConfig */ .rw)(this.context));
            const client = this.codebuild;
            const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_6__/* .awsCall */ .uF)(this.context, 'BatchGetBuilds', options => client.send(new BatchGetBuildsCommand({ ids }), options));
            const builds = new Map((out.builds ?? []).flatMap(b => (b.id === undefined ? [] : [[b.id, (0,_codebuild_failure_js__WEBPACK_IMPORTED_MODULE_1__/* .buildFailure */ .H)(b)]])));
            return { ...candidate, failure: stageFailure(stage, builds) };
        }
        catch (error) {
            if (error instanceof _transport_cancellation_js__WEBPACK_IMPORTED_MODULE_0__/* .Cancelled */ .cJ)
                throw error;
            const failure = stageFailure(stage);
            return {
                ...candidate,
                failure: {
                    ...failure,
                    note: `could not read the CodeBuild builds behind the failed actions (${(0,_transport_classify_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}): their text alone decides`
                }
            };
        }
    }
    async discoverLatest(target) {
        const newest = await this.newestExecution(target.pipelineName);
        const id = newest?.pipelineExecutionId;
        if (newest === undefined || id === undefined) {
            return { kind: 'nothing', reason: `pipeline ${target.pipelineName} has no executions` };
        }
        const stages = await this.stagesOf(target.pipelineName);
        const stage = failedStageOf(stages, id, target.stageName);
        if (stage)
            return this.foundStage(target, id, stage);
        // Listed as Failed, its stage already running again: someone retried it between the two reads.
        const rerunning = newest.status === 'Failed'
            ? stages.find(s => runsIn(s, id) && stageStatus(s) === 'InProgress')
            : undefined;
        const running = (0,_model_provider_js__WEBPACK_IMPORTED_MODULE_9__/* .stateOf */ .L)(_target_js__WEBPACK_IMPORTED_MODULE_5__/* .STATES */ .x, newest.status) === 'in-progress' || rerunning !== undefined;
        return {
            kind: 'nothing',
            reason: rerunning
                ? `latest execution ${id} of pipeline ${target.pipelineName} is being retried: stage ${rerunning.stageName ?? '?'} is InProgress`
                : nothingReason(target, { id, status: newest.status }, stages),
            // Still running: `wait` follows the whole execution before deciding.
            ...(running
                ? {
                    running: { executionId: id, consoleUrl: consoleUrl(this.context.region, target.pipelineName, id) }
                }
                : {})
        };
    }
    async discoverNamed(target, executionId) {
        const stages = await this.stagesOf(target.pipelineName);
        const { stageName } = target;
        if (stageName !== undefined) {
            return {
                kind: 'found',
                candidate: namedStageCandidate(this.context, { ...target, stageName }, executionId, stages)
            };
        }
        const stage = failedStageOf(stages, executionId);
        if (!stage)
            throw noFailedStage(target, executionId, stages);
        return this.foundStage(target, executionId, stage);
    }
    /**
     * RetryStageExecution has no idempotency token: the stage's status and retry counters (manual +
     * automatic) tell whether anyone retried it since discovery, the lost answer of our own call included.
     */
    async recheck(target, candidate) {
        const stageName = candidate.stageName ?? target.stageName ?? '';
        const stage = (await this.stagesOf(target.pipelineName)).find(s => s.stageName === stageName);
        const ours = stage !== undefined && runsIn(stage, candidate.executionId);
        return {
            // A stage that now shows a newer execution has moved on: nothing of ours runs there.
            state: ours ? (STAGE_STATES[stageStatus(stage)] ?? 'in-progress') : 'stopped',
            revision: stageRevision(stage),
            ...(ours ? attemptsOf(stage) : {}),
            current: {
                executionId: candidate.executionId,
                stageName,
                consoleUrl: consoleUrl(this.context.region, target.pipelineName, candidate.executionId)
            },
            description: stage
                ? `stage ${stageSummary(stage, candidate.executionId)}`
                : `stage ${stageName} not found`
        };
    }
    list() {
        return (0,_model_listing_js__WEBPACK_IMPORTED_MODULE_4__/* .listAll */ ._w)('CodePipeline pipelines', async (nextToken) => {
            const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_6__/* .awsCall */ .uF)(this.context, 'ListPipelines', options => this.client.send(new _aws_sdk_client_codepipeline__WEBPACK_IMPORTED_MODULE_8__/* .ListPipelinesCommand */ .xaS({ maxResults: 1000, nextToken }), options));
            const names = (out.pipelines ?? []).flatMap(p => (p.name ? [p.name] : []));
            return { items: names.map(name => ({ name, resource: name })), next: out.nextToken };
        });
    }
    discover(target) {
        return target.executionId === undefined
            ? this.discoverLatest(target)
            : this.discoverNamed(target, target.executionId);
    }
    async retry(target, candidate, request) {
        const { stageName } = candidate;
        if (stageName === undefined)
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .TargetError */ .I0('No stage to retry: discovery named none');
        const started = (executionId) => ({
            executionId,
            stageName,
            consoleUrl: consoleUrl(this.context.region, target.pipelineName, executionId)
        });
        const input = {
            pipelineName: target.pipelineName,
            stageName,
            pipelineExecutionId: candidate.executionId,
            retryMode: request.mode === 'all' ? 'ALL_ACTIONS' : 'FAILED_ACTIONS'
        };
        const answer = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_6__/* .awsCall */ .uF)(this.context, 'RetryStageExecution', options => this.client.send(new _aws_sdk_client_codepipeline__WEBPACK_IMPORTED_MODULE_8__/* .RetryStageExecutionCommand */ .enB(input), options), { beforeResend: request.beforeResend });
        if (answer.pipelineExecutionId === undefined)
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UnreadableAnswer */ .ym(`the retry of stage ${stageName} answered without an execution ID`);
        return started(answer.pipelineExecutionId);
    }
    async status(target, started) {
        const id = started.executionId;
        const { pipelineExecution } = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_6__/* .awsCall */ .uF)(this.context, 'GetPipelineExecution', options => this.client.send(new _aws_sdk_client_codepipeline__WEBPACK_IMPORTED_MODULE_8__/* .GetPipelineExecutionCommand */ .qZw({ pipelineName: target.pipelineName, pipelineExecutionId: id }), options));
        const status = pipelineExecution?.status;
        const state = status !== undefined && Object.hasOwn(_target_js__WEBPACK_IMPORTED_MODULE_5__/* .STATES */ .x, status) ? (0,_model_provider_js__WEBPACK_IMPORTED_MODULE_9__/* .stateOf */ .L)(_target_js__WEBPACK_IMPORTED_MODULE_5__/* .STATES */ .x, status) : undefined;
        const summary = pipelineExecution?.statusSummary;
        switch (state) {
            case 'succeeded':
                return { state };
            case 'stopped':
                return {
                    state,
                    reason: status === 'Superseded'
                        ? `execution ${id} was superseded by a newer execution`
                        : `execution ${id} ${status ?? ''}${summary ? `: ${oneLine(summary, DETAIL_MAX)}` : ''}`
                };
            case 'failed': {
                const stages = await this.stagesOf(target.pipelineName);
                const failed = failedStageOf(stages, id);
                // CodePipeline's automatic stage retry is still to come: the execution is not done failing.
                if (failed && awaitsAutomaticRetry(failed, await this.autoRetryStages(target.pipelineName)))
                    return {
                        state: 'in-progress',
                        phase: `stage ${failed.stageName ?? '?'}: CodePipeline's automatic retry`
                    };
                const reason = failureReason(stages, id);
                return { state, reason: reason ?? oneLine(summary ?? `execution ${id} Failed`, DETAIL_MAX) };
            }
            case 'in-progress':
                // One call per poll while running (the wait's API budget); stage state is read only for a failure.
                return { state, phase: status ?? 'InProgress' };
            default:
                // A status newer than this SDK: keep waiting (the wait's timeout bounds it) and show what it is.
                return { state: 'in-progress', phase: `status ${status ?? 'missing'}` };
        }
    }
    async stop(target, started, reason) {
        await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_6__/* .awsCall */ .uF)(this.context, 'StopPipelineExecution', options => this.client.send(new _aws_sdk_client_codepipeline__WEBPACK_IMPORTED_MODULE_8__/* .StopPipelineExecutionCommand */ .krr({
            pipelineName: target.pipelineName,
            pipelineExecutionId: started.executionId,
            abandon: false,
            reason: oneLine(reason, STOP_REASON_MAX)
        }), options));
    }
}
/* harmony default export */ const __WEBPACK_DEFAULT_EXPORT__ = ({ errors, create: createCodePipeline });


/***/ })

};
