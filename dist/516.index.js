export const id = 516;
export const ids = [516];
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

/***/ 1711:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   "default": () => (__WEBPACK_DEFAULT_EXPORT__)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8476);
/* harmony import */ var _clouds_aws_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5891);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7206);
/* harmony import */ var _model_failure_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2891);
/* harmony import */ var _model_listing_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6689);
/* harmony import */ var _model_provider_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4676);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1971);







const IAM_ACTIONS = 'states:ListExecutions, states:DescribeExecution, states:GetExecutionHistory and states:RedriveExecution on the ' +
    'state machine and its executions (states:ListStateMachines to name it by name or by a targets pattern; ' +
    'states:StopExecution for cancel-on-abort)';
const errors = {
    // "The maximum number of running executions has been reached": capacity, worth trying again later.
    transient: ['ExecutionLimitExceeded', 'Throttling'],
    // What a redrive of an execution that runs again (someone else redrove it first) is refused with.
    refusals: ['ExecutionNotRedrivable'],
    hints: {
        ExecutionNotRedrivable: 'the execution cannot be redriven: it is running or succeeded, older than the 14-day redrive period, of an Express state machine, or past its history or open-time limits',
        ExecutionDoesNotExist: 'execution-id is not an execution of this account and region',
        StateMachineDoesNotExist: 'no such state machine in this account and region: check state-machine and region',
        InvalidArn: 'execution-id or state-machine is not a valid Step Functions ARN',
        AccessDeniedException: `the credentials need ${IAM_ACTIONS}`
    }
};
/** "The redrivable period of 14 days starts from the day a state machine completes its execution" (RedriveExecution). */
const REDRIVE_WITHIN_MS = 14 * 86_400_000;
/**
 * Execution errors that are the service's or a dependency's, not the workflow's (Step Functions developer guide,
 * "Handle transient Lambda service exceptions"; `States.Timeout` / `States.HeartbeatTimeout` are a policy choice:
 * a slow dependency more often than a bug).
 */
const TRANSIENT_ERRORS = new Set([
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.ClientExecutionTimeoutException',
    'Lambda.TooManyRequestsException',
    'States.Timeout',
    'States.HeartbeatTimeout'
]);
/** History events that carry a state's or the execution's error and cause. */
const FAILURE_EVENTS = [
    'taskFailedEventDetails',
    'taskTimedOutEventDetails',
    'taskStartFailedEventDetails',
    'taskSubmitFailedEventDetails',
    'lambdaFunctionFailedEventDetails',
    'lambdaFunctionTimedOutEventDetails',
    'lambdaFunctionStartFailedEventDetails',
    'lambdaFunctionScheduleFailedEventDetails',
    'activityFailedEventDetails',
    'activityTimedOutEventDetails',
    'activityScheduleFailedEventDetails',
    'mapRunFailedEventDetails'
];
/**
 * The console page of an execution. A community convention, not an AWS contract (UNCONFIRMED in
 * providers-next.md 1.9); it is only ever a link on an AWS console host.
 */
function consoleUrl(region, arn) {
    return `${(0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_0__/* .consoleBase */ .pj)(region)}/states/home?region=${region}#/v2/executions/details/${encodeURIComponent(arn)}`;
}
const statusOf = (e) => e.status ?? 'of unknown status';
const revisionOf = (e) => `${statusOf(e)}:${e.redriveCount ?? 0}:${e.redriveDate?.getTime() ?? '-'}:${e.stopDate?.getTime() ?? '-'}`;
function create(context) {
    return new StateMachineExecutions(context);
}
/** A state machine's executions: discovery, RedriveExecution, status, stop and state machine listing. */
class StateMachineExecutions {
    context;
    consoleHosts = _clouds_aws_js__WEBPACK_IMPORTED_MODULE_0__/* .AWS_CONSOLE_HOSTS */ .AF;
    client;
    /** State machine ARNs by name, read once a step (a name needs the account, which only a listing tells). */
    machines;
    constructor(context) {
        this.context = context;
        this.client = new _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_4__/* .SFNClient */ .ZIB((0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_0__/* .awsClientConfig */ .rw)(context));
    }
    describe(arn) {
        return (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_0__/* .awsCall */ .uF)(this.context, 'DescribeExecution', options => this.client.send(new _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_4__/* .DescribeExecutionCommand */ .tVP({ executionArn: arn, includedData: 'METADATA_ONLY' }), options));
    }
    allMachines() {
        this.machines ??= (0,_model_listing_js__WEBPACK_IMPORTED_MODULE_2__/* .listAll */ ._w)('Step Functions state machines', async (nextToken) => {
            const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_0__/* .awsCall */ .uF)(this.context, 'ListStateMachines', options => this.client.send(new _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_4__/* .ListStateMachinesCommand */ .bBg({ maxResults: 1000, nextToken }), options));
            const items = (out.stateMachines ?? []).flatMap(m => m.name && m.stateMachineArn
                ? [{ name: m.name, arn: m.stateMachineArn, type: m.type ?? 'STANDARD' }]
                : []);
            return { items, next: out.nextToken };
        }).then(items => new Map(items.map(m => [m.name, { arn: m.arn, type: m.type }])));
        return this.machines;
    }
    /** The state machine's ARN: as given, or found by name. Express state machines cannot be redriven. */
    async machineArn(target) {
        const machine = target.stateMachine ?? '';
        if (machine.startsWith('arn:'))
            return machine;
        const found = (await this.allMachines()).get(machine);
        if (found === undefined)
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TargetError */ .I0(`no state machine named ${machine} in ${this.context.region}: check state-machine and region`);
        if (found.type === 'EXPRESS')
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TargetError */ .I0(`state machine ${machine} is an Express workflow: Step Functions redrives only Standard workflows`);
        return found.arn;
    }
    async newest(machineArn) {
        const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_0__/* .awsCall */ .uF)(this.context, 'ListExecutions', options => this.client.send(new _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_4__/* .ListExecutionsCommand */ .xzi({ stateMachineArn: machineArn, maxResults: 1 }), options));
        return out.executions?.[0];
    }
    /** The failed state's error and cause from the execution history (newest events first), with the execution's. */
    async failureOf(execution) {
        const arn = execution.executionArn ?? '';
        const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_0__/* .awsCall */ .uF)(this.context, 'GetExecutionHistory', options => this.client.send(new _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_4__/* .GetExecutionHistoryCommand */ .eXg({
            executionArn: arn,
            reverseOrder: true,
            maxResults: 100,
            includeExecutionData: false
        }), options));
        const events = out.events ?? [];
        const failedAt = events.findIndex(e => FAILURE_EVENTS.some(key => e[key] !== undefined));
        const failed = failedAt < 0 ? undefined : events[failedAt];
        const details = failed &&
            FAILURE_EVENTS.map(key => failed[key]).find(Boolean);
        const state = events.slice(failedAt + 1).find(e => e.stateEnteredEventDetails?.name)
            ?.stateEnteredEventDetails?.name;
        const items = [
            `${statusOf(execution)}${execution.error ? `: ${execution.error}` : ''}${execution.cause ? `: ${execution.cause}` : ''}`,
            ...(details
                ? [`${state ?? 'state'}: ${[details.error, details.cause].filter(Boolean).join(': ')}`]
                : [])
        ];
        const errorName = details?.error ?? execution.error ?? '';
        const transient = TRANSIENT_ERRORS.has(errorName)
            ? `error ${errorName}`
            : (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_5__/* .namesTransientWord */ .$4)([details?.cause, execution.cause].filter(Boolean).join(' '));
        return {
            reason: (0,_model_failure_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLineReason */ .XR)(items),
            transient,
            ...(execution.stopDate ? { endedAt: execution.stopDate.getTime() } : {})
        };
    }
    /** Why the service would refuse to redrive it (checked before sending), or undefined. */
    notRedrivable(execution) {
        const arn = execution.executionArn ?? '';
        if (execution.redriveStatus === 'NOT_REDRIVABLE')
            return `execution ${arn} cannot be redriven: ${execution.redriveStatusReason ?? 'Step Functions says it is not redrivable'}`;
        const stopped = execution.stopDate?.getTime();
        if (stopped !== undefined && Date.now() - stopped > REDRIVE_WITHIN_MS)
            return `execution ${arn} ended more than 14 days ago; Step Functions redrives only within 14 days of the end`;
        return undefined;
    }
    async candidateOf(execution, latest) {
        const arnRead = execution.executionArn ?? '';
        // Listed as failed, read as running: someone redrove it meanwhile (its redriveStatus then says RUNNING too).
        const state = (0,_model_provider_js__WEBPACK_IMPORTED_MODULE_6__/* .stateOf */ .L)(_target_js__WEBPACK_IMPORTED_MODULE_3__/* .STATES */ .x, execution.status);
        if (state !== 'failed')
            return {
                kind: 'nothing',
                reason: `execution ${arnRead} is ${statusOf(execution)}`,
                ...(state === 'in-progress' ? { running: this.running(arnRead) } : {})
            };
        const why = this.notRedrivable(execution);
        if (why)
            return { kind: 'skip', reason: why };
        const arn = execution.executionArn ?? '';
        const count = execution.redriveCount ?? 0;
        const candidate = {
            executionId: arn,
            previousAttempts: count,
            attemptsBasis: `redriveCount ${count}`,
            revision: revisionOf(execution),
            description: `${latest ? 'latest ' : ''}execution ${arn} ${statusOf(execution)}`,
            consoleUrl: consoleUrl(this.context.region, arn),
            failure: await this.failureOf(execution)
        };
        return { kind: 'found', candidate };
    }
    running(arn) {
        return { executionId: arn, executionArn: arn, consoleUrl: consoleUrl(this.context.region, arn) };
    }
    async discover(target) {
        if (target.executionId !== undefined)
            return this.discoverNamed(target, target.executionId);
        const newest = await this.newest(await this.machineArn(target));
        if (newest?.executionArn === undefined)
            return { kind: 'nothing', reason: `state machine ${target.label} has no executions` };
        const state = (0,_model_provider_js__WEBPACK_IMPORTED_MODULE_6__/* .stateOf */ .L)(_target_js__WEBPACK_IMPORTED_MODULE_3__/* .STATES */ .x, newest.status);
        if (state !== 'failed')
            return {
                kind: 'nothing',
                reason: `latest execution ${newest.executionArn} is ${newest.status ?? 'of unknown status'}`,
                ...(state === 'in-progress' ? { running: this.running(newest.executionArn) } : {})
            };
        return this.candidateOf(await this.describe(newest.executionArn), true);
    }
    async discoverNamed(target, arn) {
        const execution = await this.describe(arn);
        const state = (0,_model_provider_js__WEBPACK_IMPORTED_MODULE_6__/* .stateOf */ .L)(_target_js__WEBPACK_IMPORTED_MODULE_3__/* .STATES */ .x, execution.status);
        if (state === 'in-progress')
            return {
                kind: 'nothing',
                reason: `execution ${arn} is ${statusOf(execution)}`,
                running: this.running(arn)
            };
        if (state !== 'failed')
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TargetError */ .I0(`execution ${arn} is ${statusOf(execution)}; only a FAILED, TIMED_OUT or ABORTED execution is redriven`);
        const newest = execution.stateMachineArn ? await this.newest(execution.stateMachineArn) : undefined;
        if (newest?.executionArn !== undefined && newest.executionArn !== arn)
            return {
                kind: 'skip',
                reason: `execution ${arn} is superseded by the newer execution ${newest.executionArn} (${newest.status ?? '?'}) of ${target.label}`
            };
        return this.candidateOf(execution, false);
    }
    async recheck(_target, candidate) {
        const execution = await this.describe(candidate.executionId);
        return {
            state: (0,_model_provider_js__WEBPACK_IMPORTED_MODULE_6__/* .stateOf */ .L)(_target_js__WEBPACK_IMPORTED_MODULE_3__/* .STATES */ .x, execution.status),
            revision: revisionOf(execution),
            previousAttempts: execution.redriveCount ?? 0,
            current: this.running(candidate.executionId),
            description: `execution ${candidate.executionId} is ${statusOf(execution)} (redriveCount ${execution.redriveCount ?? 0})`
        };
    }
    /** The same execution resumes; its clientToken makes a re-send after a lost answer the same redrive. */
    async retry(_target, candidate, request) {
        if (request.mode === 'all')
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TargetError */ .I0('Step Functions redrives only from the state that failed: retry-mode all is not supported');
        const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_0__/* .awsCall */ .uF)(this.context, 'RedriveExecution', options => this.client.send(new _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_4__/* .RedriveExecutionCommand */ .lBA({
            executionArn: candidate.executionId,
            clientToken: request.token.slice(0, 64)
        }), options), { beforeResend: request.beforeResend });
        if (out.redriveDate === undefined)
            throw new _model_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UnreadableAnswer */ .ym(`the redrive of ${candidate.executionId} answered without redriveDate`);
        return this.running(candidate.executionId);
    }
    async status(_target, started) {
        const execution = await this.describe(started.executionId);
        const state = (0,_model_provider_js__WEBPACK_IMPORTED_MODULE_6__/* .stateOf */ .L)(_target_js__WEBPACK_IMPORTED_MODULE_3__/* .STATES */ .x, execution.status);
        if (state !== 'failed')
            return { state, ...(state === 'in-progress' ? { phase: statusOf(execution) } : {}) };
        const failure = await this.failureOf(execution);
        return { state, reason: failure.reason, failure };
    }
    async stop(_target, started, reason) {
        await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_0__/* .awsCall */ .uF)(this.context, 'StopExecution', options => this.client.send(new _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_4__/* .StopExecutionCommand */ .WP$({
            executionArn: started.executionId,
            error: 'pipeline-retry-action',
            cause: reason.slice(0, 32768)
        }), options));
    }
    async list() {
        return [...(await this.allMachines()).keys()].map(name => ({ name, resource: name }));
    }
}
/* harmony default export */ const __WEBPACK_DEFAULT_EXPORT__ = ({ errors, create });


/***/ })

};
