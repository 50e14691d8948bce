export const id = 92;
export const ids = [92];
export const modules = {

/***/ 6799:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   "default": () => (__WEBPACK_DEFAULT_EXPORT__)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4774);
/* harmony import */ var _runs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2764);
/* harmony import */ var _clouds_aws_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5891);



const NOUN = { one: 'build', many: 'builds' };
function runOf(build, id) {
    return {
        ...(0,_runs_js__WEBPACK_IMPORTED_MODULE_0__/* .commonFields */ .dG)(build, id),
        status: build.buildStatus ?? 'UNKNOWN',
        nextAutoRetry: build.autoRetryConfig?.nextAutoRetry,
        autoRetryPending: autoRetryPending(build),
        retriedInPlace: 0,
        failure: (0,_runs_js__WEBPACK_IMPORTED_MODULE_0__/* .phaseFailure */ .Or)(build.phases),
        failed: _runs_js__WEBPACK_IMPORTED_MODULE_0__/* .FAILED_STATUSES */ .Lg.has(build.buildStatus ?? '') ? (0,_runs_js__WEBPACK_IMPORTED_MODULE_0__/* .buildFailure */ .He)(build) : undefined
    };
}
/**
 * CodeBuild retries a failed build itself while `autoRetryNumber < autoRetryLimit` (API reference,
 * "AutoRetryConfig"): a failed build in that state with no `nextAutoRetry` yet is about to be retried by it.
 * Builds a pipeline started are never auto-retried ("CodeBuild does not support auto-retry for CodePipeline").
 */
function autoRetryPending(build) {
    const config = build.autoRetryConfig;
    if (!_runs_js__WEBPACK_IMPORTED_MODULE_0__/* .FAILED_STATUSES */ .Lg.has(build.buildStatus ?? '') || config === undefined || config.nextAutoRetry)
        return undefined;
    if (build.initiator?.startsWith('codepipeline/'))
        return undefined;
    const limit = config.autoRetryLimit ?? 0;
    const number = config.autoRetryNumber ?? 0;
    return number < limit ? { number: number + 1, limit } : undefined;
}
function buildApi(context) {
    const client = (0,_runs_js__WEBPACK_IMPORTED_MODULE_0__/* .codeBuildClient */ .fU)(context);
    return {
        listProjects: (0,_runs_js__WEBPACK_IMPORTED_MODULE_0__/* .listProjectsPage */ .AP)(context, client),
        async listNewest(projectName) {
            const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_1__/* .awsCall */ .uF)(context, 'ListBuildsForProject', options => client.send(new _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_2__/* .ListBuildsForProjectCommand */ .nXI({ projectName, sortOrder: 'DESCENDING' }), options));
            return out.ids ?? [];
        },
        async read(ids) {
            const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_1__/* .awsCall */ .uF)(context, 'BatchGetBuilds', options => client.send(new _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_2__.BatchGetBuildsCommand({ ids }), options));
            return (out.builds ?? []).flatMap(b => (b.id === undefined ? [] : [runOf(b, b.id)]));
        },
        // A build always restarts whole, so the retry mode does not apply.
        async retry(id, { token, beforeResend }) {
            const out = await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_1__/* .awsCall */ .uF)(context, 'RetryBuild', options => client.send(new _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_2__/* .RetryBuildCommand */ .cpR({ id, idempotencyToken: token }), options), { beforeResend });
            return { id: out.build?.id, arn: out.build?.arn };
        },
        async stop(id) {
            await (0,_clouds_aws_js__WEBPACK_IMPORTED_MODULE_1__/* .awsCall */ .uF)(context, 'StopBuild', options => client.send(new _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_2__/* .StopBuildCommand */ .aWR({ id }), options));
        }
    };
}
/* harmony default export */ const __WEBPACK_DEFAULT_EXPORT__ = ((0,_runs_js__WEBPACK_IMPORTED_MODULE_0__/* .runModule */ .WJ)(buildApi, NOUN, [
    'ListBuildsForProject',
    'BatchGetBuilds',
    'RetryBuild',
    'StopBuild (cancel-on-abort)',
    'ListProjects (targets patterns)'
]));


/***/ })

};
