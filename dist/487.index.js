export const id = 487;
export const ids = [487];
export const modules = {

/***/ 7272:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   "default": () => (__WEBPACK_DEFAULT_EXPORT__)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4774);
/* harmony import */ var _model_failure_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2891);
/* harmony import */ var _transport_cancellation_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8306);
/* harmony import */ var _codebuild_runs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2764);
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
        listProjects: (0,_codebuild_runs_js__WEBPACK_IMPORTED_MODULE_1__/* .listProjectsPage */ .AP)(context, client),
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
    'StopBuildBatch (cancel-on-abort)',
    'ListProjects (targets patterns)'
]));


/***/ })

};
