export const id = 932;
export const ids = [932];
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

/***/ 9207:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  "default": () => (/* binding */ github_actions_provider),
  errors: () => (/* binding */ provider_errors)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(7206);
// EXTERNAL MODULE: ./src/model/failure.ts
var failure = __webpack_require__(2891);
// EXTERNAL MODULE: ./src/model/listing.ts
var listing = __webpack_require__(6689);
// EXTERNAL MODULE: ./src/model/provider.ts
var provider = __webpack_require__(4676);
// EXTERNAL MODULE: ./src/model/text.ts
var model_text = __webpack_require__(5086);
// EXTERNAL MODULE: ./src/model/json.ts
var json = __webpack_require__(7979);
;// CONCATENATED MODULE: ./src/model/version.ts
/** The action's version, as `package.json` has it (a unit test keeps the two equal): it names us to APIs. */
const ACTION_VERSION = '1.1.0';
/** What every request's `User-Agent` starts with: GitHub asks that it names the application. */
const USER_AGENT = `pipeline-retry-action/${ACTION_VERSION}`;

// EXTERNAL MODULE: ./src/transport/cancellation.ts
var cancellation = __webpack_require__(8306);
;// CONCATENATED MODULE: ./src/services/github-actions/errors.ts
/**
 * GitHub REST errors, named for what they mean and shaped like the AWS SDK's (name, `$metadata`, `$fault`,
 * `$retryable`) so the shared caller classifies them: rate limits are throttling (waiting what GitHub asks,
 * within the back-off bound), 5xx are transient, and the rest are permanent with a hint.
 */
/** A GitHub answer that is an error (HTTP status >= 400). */
class GitHubApiError extends Error {
    name;
    $metadata;
    $fault;
    $retryable;
    /** How long GitHub asked us to wait (`retry-after`, or until `x-ratelimit-reset`), in ms. */
    retryAfterMs;
    constructor(name, message, status, extra) {
        super(message);
        this.name = name;
        this.$metadata = { httpStatusCode: status, ...(extra.requestId ? { requestId: extra.requestId } : {}) };
        if (status >= 500)
            this.$fault = 'server';
        if (extra.throttling)
            this.$retryable = { throttling: true };
        if (extra.retryAfterMs !== undefined)
            this.retryAfterMs = extra.retryAfterMs;
    }
}
/** A secondary rate limit that names no time is waited out this long (REST API docs, "Rate limits"). */
const SECONDARY_LIMIT_WAIT_MS = 60_000;
const header = (headers, name) => headers[name] ?? undefined;
/**
 * The error `octokit.request` threw, as a GitHubApiError when GitHub answered; anything else (no answer, an
 * abort) is returned as it is, so the caller sees the network error or the cancellation underneath.
 */
function gitHubErrorOf(error, now = Date.now()) {
    const e = (typeof error === 'object' && error !== null ? error : {});
    const status = typeof e.status === 'number' ? e.status : undefined;
    if (status === undefined || e.response === undefined)
        return error;
    const headers = e.response.headers ?? {};
    const data = e.response.data;
    const message = typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string'
        ? data.message
        : typeof e.message === 'string'
            ? e.message
            : `HTTP ${status}`;
    const requestId = header(headers, 'x-github-request-id');
    const base = requestId ? { requestId } : {};
    // Primary limit: 403/429 with x-ratelimit-remaining 0 (wait until x-ratelimit-reset). Secondary limit:
    // 403/429 with retry-after, or saying so (GitHub docs, "Rate limits for the REST API").
    if (status === 403 || status === 429) {
        const retryAfter = Number(header(headers, 'retry-after'));
        const remaining = header(headers, 'x-ratelimit-remaining');
        const reset = Number(header(headers, 'x-ratelimit-reset'));
        if (Number.isFinite(retryAfter) && header(headers, 'retry-after') !== undefined)
            return new GitHubApiError('SecondaryRateLimit', message, status, {
                ...base,
                throttling: true,
                retryAfterMs: retryAfter * 1000
            });
        if (remaining === '0')
            return new GitHubApiError('RateLimitExceeded', message, status, {
                ...base,
                throttling: true,
                ...(Number.isFinite(reset) ? { retryAfterMs: Math.max(0, reset * 1000 - now) } : {})
            });
        // No header says when: GitHub's docs ask to "wait for at least one minute before retrying".
        if (status === 429 || /rate limit/i.test(message))
            return new GitHubApiError('SecondaryRateLimit', message, status, {
                ...base,
                throttling: true,
                retryAfterMs: SECONDARY_LIMIT_WAIT_MS
            });
    }
    return new GitHubApiError(nameOf(status, message), message, status, base);
}
function nameOf(status, message) {
    if (status === 401)
        return 'BadCredentials';
    if (status === 404)
        return 'NotFound';
    if (status === 403) {
        if (/not accessible by integration|must have admin|permission/i.test(message))
            return 'ResourceNotAccessible';
        if (/already running|not completed|is running|in progress/i.test(message))
            return 'RunNotComplete';
        if (/month|30 days/i.test(message))
            return 'RunTooOld';
        return 'Forbidden';
    }
    if (status === 422)
        return 'ValidationFailed';
    return status >= 500 ? `ServerError${status}` : `HTTP${status}`;
}

// EXTERNAL MODULE: ./src/services/github-actions/target.ts
var target = __webpack_require__(5491);
;// CONCATENATED MODULE: ./src/services/github-actions/provider.ts











/** Runner losses as GitHub words them in a job's annotations (contract, "Retry policy"). */
const RUNNER_LOSSES = [
    'The runner has received a shutdown signal',
    'lost communication with the server',
    'The hosted runner encountered an error'
];
const FAILED = new Set(['failure', 'timed_out']);
/** GitHub re-runs a run up to 30 days after it was created, and at most 50 times ("Re-running workflows and jobs"). */
const RERUN_WITHIN_MS = 30 * 86_400_000;
const MAX_RERUNS = 50;
/** Why GitHub would refuse to re-run `run` at `now`, if it would. */
function whyNotRerunnable(run, now) {
    const created = Date.parse(run.created_at);
    if (Number.isFinite(created) && now - created > RERUN_WITHIN_MS)
        return `run ${run.id} was created ${Math.floor((now - created) / 86_400_000)} days ago; GitHub re-runs only runs from the last 30 days`;
    if (run.run_attempt > MAX_RERUNS)
        return `run ${run.id} has been re-run ${run.run_attempt - 1} times (run_attempt ${run.run_attempt}); GitHub allows at most ${MAX_RERUNS} re-runs`;
    return undefined;
}
/** The REST API version these calls are written for (GitHub docs, "API Versions"). */
const API_HEADERS = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
/** A run from an answer; a body without its ID is unreadable (a proxy's page, a cut answer). */
function readRun(answer) {
    if (!(0,json/* isRecord */.u4)(answer) || typeof answer.id !== 'number')
        throw new errors/* UnreadableAnswer */.ym('the workflow run answer has no run ID');
    return {
        id: answer.id,
        workflow_id: (0,json/* num */.bu)(answer.workflow_id),
        name: (0,json/* str */.gx)(answer.name),
        path: (0,json/* str */.gx)(answer.path),
        head_branch: (0,json/* str */.gx)(answer.head_branch),
        status: (0,json/* str */.gx)(answer.status),
        conclusion: (0,json/* str */.gx)(answer.conclusion),
        run_number: (0,json/* num */.bu)(answer.run_number),
        run_attempt: Math.max(1, (0,json/* num */.bu)(answer.run_attempt)),
        html_url: (0,json/* str */.gx)(answer.html_url),
        created_at: (0,json/* str */.gx)(answer.created_at),
        updated_at: (0,json/* str */.gx)(answer.updated_at)
    };
}
function readRuns(answer) {
    if (!(0,json/* isRecord */.u4)(answer) || !Array.isArray(answer.workflow_runs))
        throw new errors/* UnreadableAnswer */.ym('the workflow runs answer has no workflow_runs');
    return answer.workflow_runs.map(readRun);
}
function readJobs(answer) {
    const jobs = (0,json/* isRecord */.u4)(answer) && Array.isArray(answer.jobs) ? answer.jobs.filter(json/* isRecord */.u4) : [];
    return jobs.map(j => ({
        id: (0,json/* num */.bu)(j.id),
        name: (0,json/* str */.gx)(j.name),
        status: (0,json/* str */.gx)(j.status),
        conclusion: (0,json/* str */.gx)(j.conclusion),
        completed_at: (0,json/* str */.gx)(j.completed_at),
        steps: (Array.isArray(j.steps) ? j.steps.filter(json/* isRecord */.u4) : []).map(s => ({
            name: (0,json/* str */.gx)(s.name),
            status: (0,json/* str */.gx)(s.status),
            conclusion: (0,json/* str */.gx)(s.conclusion)
        }))
    }));
}
/** `completed` runs by their conclusion, others by their status. */
const statusOf = (run) => run.status === 'completed' ? run.conclusion || 'completed' : run.status;
const isFailed = (run) => run.status === 'completed' && FAILED.has(run.conclusion);
const time = (iso) => (iso ? Date.parse(iso) : undefined);
/** A workflow's file name from its path (`.github/workflows/ci.yml` -> `ci.yml`), as targets name it. */
const fileOf = (path) => path.slice(path.lastIndexOf('/') + 1);
/** One line for the log and summary: `run #12 (345) attempt 2 of ci.yml on main is failure`. */
function describe(run) {
    const workflow = fileOf(run.path) || run.name;
    return `run #${run.run_number} (${run.id}) attempt ${run.run_attempt} of ${workflow} on ${run.head_branch} is ${statusOf(run)}`;
}
/** What changes whenever the run is re-run, by anyone: its attempt, status and last update. */
const revisionOf = (run) => `${run.run_attempt}:${run.status}:${run.conclusion}:${run.updated_at}`;
function create(context) {
    const token = context.credentials;
    if (typeof token !== 'string' || token === '')
        throw new errors/* TargetError */.I0('no github-token is set for github-actions');
    const baseUrl = (context.endpoint ?? github/* context */._.apiUrl).replace(/\/+$/, '');
    return new WorkflowRuns(context, (0,github/* getOctokit */.Q)(token, { baseUrl, userAgent: USER_AGENT }), new URL(github/* context */._.serverUrl));
}
const repoOf = (t) => ({ owner: t.owner, repo: t.repo });
/** A repository's workflow runs through the REST API: discovery, re-runs, status, cancel and workflow listing. */
class WorkflowRuns {
    context;
    octokit;
    server;
    consoleHosts;
    /** Per run this step re-ran: the attempt that failed, so a status read can tell the new one by its number. */
    rerunFrom = new Map();
    constructor(context, octokit, server) {
        this.context = context;
        this.octokit = octokit;
        this.server = server;
        this.consoleHosts = [server.hostname];
    }
    /** One REST call through the caller: rate limits back off, 5xx and network errors are tried again. */
    rest(operation, route, params, read, options) {
        return this.context.call(operation, async (signal) => {
            try {
                const response = await this.octokit.request(route, {
                    ...params,
                    headers: API_HEADERS,
                    request: { signal }
                });
                return read(response.data);
            }
            catch (error) {
                throw gitHubErrorOf(error);
            }
        }, options);
    }
    getRun(t, id) {
        return this.rest('GetWorkflowRun', 'GET /repos/{owner}/{repo}/actions/runs/{run_id}', { ...repoOf(t), run_id: id }, readRun);
    }
    async newestRun(t, workflow, branch) {
        return (await this.rest('ListWorkflowRuns', 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', { ...repoOf(t), workflow_id: workflow, per_page: 1, ...(branch !== undefined ? { branch } : {}) }, readRuns))[0];
    }
    consoleUrl(t, run) {
        const built = `${this.server.origin}/${t.owner}/${t.repo}/actions/runs/${run.id}`;
        return (0,model_text/* isConsoleLink */.c2)(run.html_url, this.consoleHosts) ? run.html_url : built;
    }
    /**
     * The failure reason of a failed run: `JOB / STEP: CONCLUSION` per failed job of its latest attempt, then the
     * job's annotations. Transient when every failed job lost its runner (an annotation says so, or names a
     * transient word) or failed before any step ran. Annotations need `checks: read`; without it the jobs decide.
     */
    async failureOf(t, run) {
        const jobs = await this.rest('ListJobsForWorkflowRun', 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', { ...repoOf(t), run_id: run.id, filter: 'latest', per_page: 100 }, readJobs);
        const failed = jobs.filter(j => FAILED.has(j.conclusion));
        let note;
        const items = await Promise.all(failed.map(async (job) => {
            const step = job.steps.find(s => FAILED.has(s.conclusion));
            const head = step
                ? `${job.name} / ${step.name}: ${step.conclusion}`
                : `${job.name}: ${job.conclusion}`;
            let messages = [];
            try {
                messages = await this.rest('ListAnnotations', 'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations', { ...repoOf(t), check_run_id: job.id, per_page: 50 }, data => Array.isArray(data)
                    ? data
                        .filter(json/* isRecord */.u4)
                        .map(a => (0,json/* str */.gx)(a.message))
                        .filter(Boolean)
                    : []);
            }
            catch (error) {
                if (error instanceof cancellation/* Cancelled */.cJ)
                    throw error;
                note =
                    'the jobs\u2019 annotations could not be read (the token needs checks: read); their steps alone decide';
            }
            const text = [head, ...messages].join(': ');
            const ranNoStep = job.steps.every(s => s.conclusion === '' || s.conclusion === 'skipped');
            const loss = RUNNER_LOSSES.find(phrase => messages.some(m => m.toLowerCase().includes(phrase.toLowerCase())));
            const word = (0,failure/* transientWord */.x0)(messages.join(' '));
            const rule = loss
                ? `runner lost ('${loss}')`
                : word
                    ? `names '${word}'`
                    : ranNoStep
                        ? 'failed before any step ran'
                        : undefined;
            return { text, rule, endedAt: time(job.completed_at) };
        }));
        return {
            reason: items.length > 0 ? (0,failure/* oneLineReason */.XR)(items.map(i => i.text)) : `run ${statusOf(run)}`,
            transient: (0,failure/* everyItemTransient */.FX)(items.map(i => i.rule)),
            endedAt: (0,failure/* latest */.IW)(items.map(i => i.endedAt), time(run.updated_at)),
            ...(note !== undefined ? { note } : {})
        };
    }
    /**
     * A run named by its ID must be a run of the named workflow (and branch): otherwise a form that asks for a
     * workflow could re-run any other one while the log names the first.
     */
    checkBelongs(t, run) {
        const file = fileOf(run.path);
        if (t.workflow !== undefined && t.workflow !== file && t.workflow !== String(run.workflow_id))
            throw new errors/* TargetError */.I0(`run ${run.id} is a run of ${file || `workflow ${run.workflow_id}`}, not of ${t.workflow}: not re-run; name the run's own workflow, or leave workflow out`);
        if (t.branch !== undefined && t.branch !== run.head_branch)
            throw new errors/* TargetError */.I0(`run ${run.id} ran on branch ${run.head_branch}, not on ${t.branch}: not re-run; name the run's own branch, or leave branch out`);
    }
    async candidateOf(t, run) {
        return {
            executionId: String(run.id),
            previousAttempts: run.run_attempt - 1,
            attemptsBasis: `run_attempt ${run.run_attempt}`,
            revision: revisionOf(run),
            description: describe(run),
            consoleUrl: this.consoleUrl(t, run),
            failure: await this.failureOf(t, run)
        };
    }
    started(t, run) {
        return { executionId: String(run.id), consoleUrl: this.consoleUrl(t, run) };
    }
    /** Not failed: still running (wait follows it, unless it is the step's own run), or ended otherwise. */
    notFailed(t, run) {
        const own = String(run.id) === process.env.GITHUB_RUN_ID?.trim();
        const running = (0,provider/* stateOf */.L)(target/* STATES */.x, statusOf(run)) === 'in-progress' && !own;
        const why = run.conclusion === 'cancelled' ? ' (cancelled by a person: not retried)' : '';
        return {
            kind: 'nothing',
            reason: `${describe(run)}${why}`,
            ...(running ? { running: this.started(t, run) } : {})
        };
    }
    async discover(t) {
        if (t.executionId !== undefined) {
            const run = await this.getRun(t, t.executionId);
            this.checkBelongs(t, run);
            // Named by its run ID alone, the target takes its workflow's name once the run tells it.
            const file = fileOf(run.path);
            const named = t.workflow === undefined && file ? { target: `github-actions:${t.owner}/${t.repo}/${file}` } : {};
            if (!isFailed(run))
                return { ...this.notFailed(t, run), ...named };
            // A newer run of the same workflow on the same branch supersedes it: re-running it would ship older code.
            const newest = await this.newestRun(t, run.workflow_id, run.head_branch || undefined);
            if (newest && newest.id !== run.id && Date.parse(newest.created_at) >= Date.parse(run.created_at))
                return {
                    kind: 'skip',
                    reason: `run ${run.id} is superseded by newer run ${newest.id} of the same workflow on ${run.head_branch}, which is ${statusOf(newest)}`,
                    ...named
                };
            const refused = whyNotRerunnable(run, Date.now());
            if (refused)
                return { kind: 'skip', reason: refused, ...named };
            return { kind: 'found', candidate: await this.candidateOf(t, run), ...named };
        }
        const run = await this.newestRun(t, t.workflow ?? '', t.branch);
        if (run === undefined)
            return {
                kind: 'nothing',
                reason: `workflow ${t.workflow ?? ''} has no runs${t.branch !== undefined ? ` on ${t.branch}` : ''}`
            };
        if (!isFailed(run))
            return this.notFailed(t, run);
        const refused = whyNotRerunnable(run, Date.now());
        if (refused)
            return { kind: 'skip', reason: refused };
        return { kind: 'found', candidate: await this.candidateOf(t, run) };
    }
    async recheck(t, candidate) {
        const run = await this.getRun(t, candidate.executionId);
        return {
            state: (0,provider/* stateOf */.L)(target/* STATES */.x, statusOf(run)),
            revision: revisionOf(run),
            previousAttempts: run.run_attempt - 1,
            current: this.started(t, run),
            description: describe(run)
        };
    }
    /** The same run gets a new attempt. There is no idempotency token: a re-send is checked first (beforeResend). */
    async retry(t, candidate, request) {
        const route = request.mode === 'all'
            ? 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun'
            : 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs';
        await this.rest(request.mode === 'all' ? 'ReRunWorkflow' : 'ReRunWorkflowFailedJobs', route, { ...repoOf(t), run_id: Number(candidate.executionId) }, () => undefined, { beforeResend: request.beforeResend });
        this.rerunFrom.set(candidate.executionId, (candidate.previousAttempts ?? 0) + 1);
        return { executionId: candidate.executionId, consoleUrl: candidate.consoleUrl };
    }
    async status(t, run) {
        const current = await this.getRun(t, run.executionId);
        // Just after a re-run a read may still show the attempt that failed: only a higher attempt is the new one.
        const retried = this.rerunFrom.get(run.executionId);
        if (retried !== undefined && current.run_attempt <= retried)
            return { state: 'in-progress', phase: `waiting for attempt ${retried + 1} to show` };
        const state = (0,provider/* stateOf */.L)(target/* STATES */.x, statusOf(current));
        const phase = current.status === 'completed' ? undefined : `attempt ${current.run_attempt} ${current.status}`;
        if (state !== 'failed')
            return { state, ...(phase ? { phase } : {}) };
        const failure = await this.failureOf(t, current);
        return { state, reason: failure.reason, failure };
    }
    async stop(t, run) {
        await this.rest('CancelWorkflowRun', 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel', { ...repoOf(t), run_id: Number(run.executionId) }, () => undefined);
    }
    list({ scope }) {
        const [owner = '', repo = ''] = (scope ?? '').split('/');
        return (0,listing/* listAll */._w)(`the workflows of ${owner}/${repo}`, async (token) => {
            const page = Number(token ?? 1);
            const workflows = await this.rest('ListRepoWorkflows', 'GET /repos/{owner}/{repo}/actions/workflows', { owner, repo, per_page: 100, page }, data => ((0,json/* isRecord */.u4)(data) && Array.isArray(data.workflows) ? data.workflows.filter(json/* isRecord */.u4) : []));
            const items = workflows.flatMap(w => {
                const file = fileOf((0,json/* str */.gx)(w.path));
                return file ? [{ name: file, resource: `${owner}/${repo}/${file}` }] : [];
            });
            return { items, next: workflows.length === 100 ? String(page + 1) : undefined };
        });
    }
}
const PERMISSIONS = 'give the job `permissions: actions: write` (and `checks: read` for retry-on: transient); for another ' +
    "repository, github-token must be a token of that repository (a GitHub App installation token or a fine-grained token with Actions: read and write), since the workflow's own token covers only its repository";
const provider_errors = {
    // A run that is not complete (someone re-ran it first, or it still runs) cannot be re-run.
    refusals: ['RunNotComplete'],
    hints: {
        BadCredentials: 'github-token is not a valid token (expired or revoked): pass ${{ github.token }} or a valid token',
        ResourceNotAccessible: `the token lacks permission: ${PERMISSIONS}`,
        NotFound: `no such repository, workflow or run, or the token cannot see it: check repository, workflow and execution-id; ${PERMISSIONS}`,
        RunTooOld: 'GitHub re-runs only workflow runs from the last 30 days: start a new run instead',
        Forbidden: `GitHub refused the request: ${PERMISSIONS}`
    }
};
/* harmony default export */ const github_actions_provider = ({ errors: provider_errors, create });


/***/ })

};
