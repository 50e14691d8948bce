export const id = 445;
export const ids = [445];
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

/***/ 4782:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   "default": () => (__WEBPACK_DEFAULT_EXPORT__),
/* harmony export */   executionFailure: () => (/* binding */ executionFailure),
/* harmony export */   modelPrefix: () => (/* binding */ modelPrefix)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _aws_sdk_client_sagemaker__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4459);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7206);
/* harmony import */ var _model_listing_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6689);
/* harmony import */ var _model_failure_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2891);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4322);
/* harmony import */ var _clouds_aws_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5891);
/* harmony import */ var _model_provider_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4676);








const IAM_ACTIONS = [
    'sagemaker:ListPipelineExecutions',
    'sagemaker:ListPipelineExecutionSteps',
    'sagemaker:DescribePipelineExecution',
    'sagemaker:RetryPipelineExecution'
];
/** SageMaker's ConflictException means a wrong state or a reused token, not a busy service: it stays permanent. */
const errors = {
    // What SageMaker answers a retry of an execution that is no longer Failed (someone else retried it).
    refusals: ['ConflictException'],
    hints: {
        ResourceNotFound: 'the pipeline or execution does not exist in this account and region: check pipeline-name, execution-id and region',
        ResourceLimitExceeded: 'a SageMaker resource limit was reached (e.g. concurrent pipeline executions or training jobs): let running work finish or raise the quota in Service Quotas',
        ConflictException: 'the execution is not in a retryable state (it may be running again already), or the same idempotency-token was used with other parameters',
        ValidationException: 'SageMaker rejected a parameter: check execution-id (a pipeline execution ARN), max-parallel-steps and idempotency-token (32-128 characters)',
        AccessDeniedException: `the credentials need ${IAM_ACTIONS.join(', ')} (sagemaker:ListPipelines for a targets pattern, sagemaker:StopPipelineExecution for cancel-on-abort)`
    }
};
/** Steps are listed 100 a page (the API's maximum); 10 pages bound the reads for any real pipeline. */
const STEP_PAGE_SIZE = 100;
const MAX_STEP_PAGES = 10;
/** There is no stable console link to one execution, so this is the pipelines list of the region. */
function consoleUrl(region) {
    return `${(0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_4__/* .consoleBase */ .pj)(region)}/sagemaker/home?region=${region}#/pipelines`;
}
function failedSteps(steps) {
    return steps.filter(step => step.StepStatus === 'Failed');
}
function stepName(step) {
    return step.StepName ?? step.StepDisplayName ?? '(unnamed step)';
}
/** "Train (AlgorithmError: ...), Evaluate": the failed steps and why each failed. */
function describeSteps(steps) {
    return steps.map(s => (s.FailureReason ? `${stepName(s)} (${s.FailureReason})` : stepName(s))).join(', ');
}
/**
 * An execution's failure (docs/contract.md): its FailureReason, then `STEP: FailureReason` for each failed
 * step. Transient when every failed step's FailureReason names a transient word (AWS's own retryable step
 * errors: capacity, internal errors, throttling, resource limits); without failed steps, the execution's own.
 */
function executionFailure(executionReason, failed, lastModified) {
    const items = [
        ...(executionReason ? [executionReason] : []),
        ...failed.map(s => `${stepName(s)}: ${s.FailureReason ?? 'Failed'}`)
    ];
    const transient = failed.length > 0
        ? (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_5__/* .everyItemTransient */ .FX)(failed.map(s => (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_5__/* .namesTransientWord */ .$4)(s.FailureReason)))
        : (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_5__/* .namesTransientWord */ .$4)(executionReason);
    return {
        reason: (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLineReason */ .XR)(items.length > 0 ? items : ['Failed']),
        transient,
        endedAt: (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_5__/* .latest */ .IW)(failed.map(s => s.EndTime?.getTime()), lastModified?.getTime())
    };
}
/** The execution's own FailureReason, then its failed steps with theirs. */
function failureReason(executionReason, failed) {
    const parts = [
        ...(executionReason ? [executionReason] : []),
        ...(failed.length > 0 ? [`failed steps: ${describeSteps(failed)}`] : [])
    ];
    return parts.length > 0 ? parts.join('; ') : 'no failure reason given';
}
/**
 * AttemptCount counts a step's first run, its own RetryPolicy retries and earlier RetryPipelineExecution
 * calls alike, so the worst failed step bounds how often the execution has been retried.
 */
function countAttempts(failed) {
    let worst;
    for (const step of failed) {
        const count = step.AttemptCount;
        if (count !== undefined && (worst === undefined || count > worst.count))
            worst = { step, count };
    }
    if (worst === undefined)
        return {
            attemptsBasis: failed.length > 0
                ? 'SageMaker reported no AttemptCount for the failed steps'
                : 'no failed step listed'
        };
    return {
        previousAttempts: Math.max(0, worst.count - 1),
        attemptsBasis: `step ${stepName(worst.step)} failed on attempt ${worst.count} (AttemptCount also counts the step's own RetryPolicy retries)`
    };
}
/** Each failed step's attempt count and start time: a retry (anyone's) changes them. */
function revisionOf(status, failed) {
    const steps = failed.map(s => `${stepName(s)}:${s.AttemptCount ?? '?'}:${s.StartTime?.getTime() ?? '?'}`);
    return [status ?? '?', ...steps].join(' ');
}
/** The execution's status, for messages. */
function statusOf(execution) {
    return execution.PipelineExecutionStatus ?? 'in an unknown state';
}
function pipelineOf(target) {
    if (target.pipelineName === undefined)
        throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TargetError */ .I0(`${target.label}: a SageMaker target needs a pipeline name or an execution ARN`);
    return target.pipelineName;
}
/**
 * The stop token is stable within one provider (a re-sent or repeated stop is one stop) but new in every
 * run, so a later run's stop of the same execution is never mistaken for an old one's replay.
 */
function stopToken(nonce, executionArn) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(`pipeline-retry-action:stop:${nonce}:${executionArn}`).digest('hex');
}
function create(context) {
    return new PipelineExecutions(context);
}
/** A SageMaker pipeline's executions: discovery, RetryPipelineExecution, status, stop and pipeline listing. */
class PipelineExecutions {
    context;
    consoleHosts = _clouds_aws_js__WEBPACK_IMPORTED_MODULE_4__/* .AWS_CONSOLE_HOSTS */ .AF;
    client;
    url;
    /** Stop tokens of this step: a re-sent stop is the same request; another step's stop is another. */
    stopNonce = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)();
    constructor(context) {
        this.context = context;
        this.client = new _aws_sdk_client_sagemaker__WEBPACK_IMPORTED_MODULE_6__/* .SageMakerClient */ .kHU((0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_4__/* .awsClientConfig */ .rw)(context));
        this.url = consoleUrl(context.region);
    }
    describe(arn) {
        return (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_4__/* .awsCall */ .uF)(this.context, 'DescribePipelineExecution', options => this.client.send(new _aws_sdk_client_sagemaker__WEBPACK_IMPORTED_MODULE_6__/* .DescribePipelineExecutionCommand */ .lMO({ PipelineExecutionArn: arn }), options));
    }
    /** Newest steps first; one call per page, at most `pages` pages. */
    async listSteps(arn, pages) {
        const steps = [];
        let nextToken;
        for (let page = 0; page < pages; page++) {
            const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_4__/* .awsCall */ .uF)(this.context, 'ListPipelineExecutionSteps', options => this.client.send(new _aws_sdk_client_sagemaker__WEBPACK_IMPORTED_MODULE_6__/* .ListPipelineExecutionStepsCommand */ .BTz({
                PipelineExecutionArn: arn,
                SortOrder: 'Descending',
                MaxResults: STEP_PAGE_SIZE,
                ...(nextToken !== undefined ? { NextToken: nextToken } : {})
            }), options));
            steps.push(...(out.PipelineExecutionSteps ?? []));
            nextToken = out.NextToken;
            if (nextToken === undefined)
                break;
        }
        return steps;
    }
    /** `subject` names the execution in the description, e.g. "latest execution ARN of pipeline NAME". */
    async candidate(arn, subject, executionReason) {
        const failed = failedSteps(await this.listSteps(arn, MAX_STEP_PAGES));
        return {
            executionId: arn,
            ...countAttempts(failed),
            revision: revisionOf('Failed', failed),
            description: `${subject} failed: ${failureReason(executionReason, failed)}`,
            consoleUrl: this.url,
            failure: executionFailure(executionReason, failed)
        };
    }
    async newestExecution(pipeline) {
        const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_4__/* .awsCall */ .uF)(this.context, 'ListPipelineExecutions', options => this.client.send(new _aws_sdk_client_sagemaker__WEBPACK_IMPORTED_MODULE_6__/* .ListPipelineExecutionsCommand */ .bni({
            PipelineName: pipeline,
            SortBy: 'CreationTime',
            SortOrder: 'Descending',
            MaxResults: 1
        }), options));
        return out.PipelineExecutionSummaries?.[0];
    }
    async discoverNamed(arn) {
        const execution = await this.describe(arn);
        // Still running: nothing to retry yet, and `wait` follows it.
        if ((0,_model_provider_js__WEBPACK_IMPORTED_MODULE_7__/* .stateOf */ .L)(_target_js__WEBPACK_IMPORTED_MODULE_3__/* .STATES */ .x, execution.PipelineExecutionStatus) === 'in-progress')
            return {
                kind: 'nothing',
                reason: `execution ${arn} is ${statusOf(execution)}`,
                running: { executionId: arn, executionArn: arn, consoleUrl: this.url }
            };
        if (execution.PipelineExecutionStatus !== 'Failed')
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TargetError */ .I0(`execution ${arn} is ${statusOf(execution)}, not Failed: only a Failed SageMaker pipeline execution ` +
                'is retried (RetryPipelineExecution resumes its failed steps)');
        const pipeline = (0,_target_js__WEBPACK_IMPORTED_MODULE_3__/* .pipelineOfExecutionArn */ .R)(arn);
        const newest = pipeline === undefined ? undefined : await this.newestExecution(pipeline);
        if (newest?.PipelineExecutionArn !== undefined && newest.PipelineExecutionArn !== arn)
            return {
                kind: 'skip',
                reason: `execution ${arn} is superseded by the newer execution ${newest.PipelineExecutionArn} (${statusOf(newest)}) of pipeline ${pipeline ?? '?'}`
            };
        return {
            kind: 'found',
            candidate: await this.candidate(arn, `execution ${arn}`, execution.FailureReason)
        };
    }
    async discoverLatest(pipeline) {
        const latest = await this.newestExecution(pipeline);
        const arn = latest?.PipelineExecutionArn;
        if (latest === undefined || arn === undefined)
            return { kind: 'nothing', reason: `pipeline ${pipeline} has no executions` };
        if (latest.PipelineExecutionStatus !== 'Failed')
            return {
                kind: 'nothing',
                ...((0,_model_provider_js__WEBPACK_IMPORTED_MODULE_7__/* .stateOf */ .L)(_target_js__WEBPACK_IMPORTED_MODULE_3__/* .STATES */ .x, latest.PipelineExecutionStatus) === 'in-progress'
                    ? { running: { executionId: arn, executionArn: arn, consoleUrl: this.url } }
                    : {}),
                reason: `latest execution ${arn} of pipeline ${pipeline} is ${statusOf(latest)}`
            };
        return {
            kind: 'found',
            candidate: await this.candidate(arn, `latest execution ${arn} of pipeline ${pipeline}`, latest.PipelineExecutionFailureReason)
        };
    }
    async progressOfArn(arn) {
        const execution = await this.describe(arn);
        const state = execution.PipelineExecutionStatus;
        switch (state) {
            case 'Succeeded':
                return { state: 'succeeded' };
            case 'Failed': {
                const failed = failedSteps(await this.listSteps(arn, 1));
                return {
                    state: 'failed',
                    reason: failureReason(execution.FailureReason, failed),
                    failure: executionFailure(execution.FailureReason, failed, execution.LastModifiedTime)
                };
            }
            case 'Stopped':
                return { state: 'stopped', ...(execution.FailureReason ? { reason: execution.FailureReason } : {}) };
            case 'Stopping':
                return { state: 'in-progress', phase: 'Stopping' };
            case 'Executing':
                // One call per poll while running (the wait's API budget); the steps are read only for a failure.
                return { state: 'in-progress', phase: 'Executing' };
            default:
                // A status this code does not know yet: keep waiting (bounded by timeout-minutes) and show it.
                return { state: 'in-progress', phase: statusOf(execution) };
        }
    }
    async recheckArn(arn) {
        const execution = await this.describe(arn);
        const status = execution.PipelineExecutionStatus;
        const failed = status === 'Failed' ? failedSteps(await this.listSteps(arn, MAX_STEP_PAGES)) : [];
        return {
            state: (0,_model_provider_js__WEBPACK_IMPORTED_MODULE_7__/* .stateOf */ .L)(_target_js__WEBPACK_IMPORTED_MODULE_3__/* .STATES */ .x, status),
            revision: revisionOf(status, failed),
            ...(status === 'Failed' ? countAttempts(failed) : {}),
            current: { executionId: arn, executionArn: arn, consoleUrl: this.url },
            description: `execution ${arn} is ${statusOf(execution)}`
        };
    }
    /** SageMaker filters by name prefix itself: only pipelines that can match are listed. */
    list({ prefix }) {
        return (0,_model_listing_js__WEBPACK_IMPORTED_MODULE_2__/* .listAll */ ._w)('SageMaker pipelines', async (NextToken) => {
            const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_4__/* .awsCall */ .uF)(this.context, 'ListPipelines', options => this.client.send(new _aws_sdk_client_sagemaker__WEBPACK_IMPORTED_MODULE_6__/* .ListPipelinesCommand */ .xaS({
                MaxResults: 100,
                SortBy: 'Name',
                SortOrder: 'Ascending',
                ...(modelPrefix(prefix) !== '' ? { PipelineNamePrefix: modelPrefix(prefix) } : {}),
                ...(NextToken !== undefined ? { NextToken } : {})
            }), options));
            const names = (out.PipelineSummaries ?? []).flatMap(p => (p.PipelineName ? [p.PipelineName] : []));
            return { items: names.map(name => ({ name, resource: name })), next: out.NextToken };
        });
    }
    recheck(_target, candidate) {
        return this.recheckArn(candidate.executionId);
    }
    discover(target) {
        return target.executionId !== undefined
            ? this.discoverNamed(target.executionId)
            : this.discoverLatest(pipelineOf(target));
    }
    async retry(_target, candidate, request) {
        if (request.mode === 'all')
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TargetError */ .I0('SageMaker retries only the failed steps of an execution: retry-mode all is not supported');
        // The token makes SageMaker answer a re-send after a lost answer with the same result, not a second retry.
        const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_4__/* .awsCall */ .uF)(this.context, 'RetryPipelineExecution', options => this.client.send(new _aws_sdk_client_sagemaker__WEBPACK_IMPORTED_MODULE_6__/* .RetryPipelineExecutionCommand */ .isZ({
            PipelineExecutionArn: candidate.executionId,
            ClientRequestToken: request.token,
            ...(request.maxParallelSteps !== undefined
                ? { ParallelismConfiguration: { MaxParallelExecutionSteps: request.maxParallelSteps } }
                : {})
        }), options), { beforeResend: request.beforeResend });
        if (out.PipelineExecutionArn === undefined)
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UnreadableAnswer */ .ym(`the retry of ${candidate.executionId} answered without an execution ARN`);
        // The same execution resumes: its ARN is both outputs.
        const arn = out.PipelineExecutionArn;
        return { executionId: arn, executionArn: arn, consoleUrl: this.url };
    }
    status(_target, started) {
        return this.progressOfArn(started.executionArn ?? started.executionId);
    }
    async stop(_target, started) {
        const arn = started.executionArn ?? started.executionId;
        const token = stopToken(this.stopNonce, arn);
        await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_4__/* .awsCall */ .uF)(this.context, 'StopPipelineExecution', options => this.client.send(new _aws_sdk_client_sagemaker__WEBPACK_IMPORTED_MODULE_6__/* .StopPipelineExecutionCommand */ .krr({ PipelineExecutionArn: arn, ClientRequestToken: token }), options));
    }
}
/* harmony default export */ const __WEBPACK_DEFAULT_EXPORT__ = ({ errors, create });
/**
 * The longest part of a name prefix that ListPipelines' model accepts as `PipelineNamePrefix`
 * (`[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}`, botocore service-2.json: no trailing hyphen); '' for none. The action
 * matches the rest of the pattern itself.
 */
function modelPrefix(prefix) {
    return /^[a-zA-Z0-9](?:-*[a-zA-Z0-9])*/.exec(prefix.slice(0, 256))?.[0] ?? '';
}


/***/ })

};
