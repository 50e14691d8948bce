// Every service's provider against the conformance kit (support/conformance.ts): a new service adds its fixture.
import { DEMO_IDS } from '../../../tools/emulator/index.js'
import { azurePipelines } from '../../../src/services/azure-pipelines/index.js'
import { cloudBuild } from '../../../src/services/cloud-build/index.js'
import { codearts } from '../../../src/services/codearts/index.js'
import { codebuildBatch } from '../../../src/services/codebuild-batch/index.js'
import { codebuild } from '../../../src/services/codebuild/index.js'
import { codepipeline } from '../../../src/services/codepipeline/index.js'
import { githubActions } from '../../../src/services/github-actions/index.js'
import { sagemaker } from '../../../src/services/sagemaker/index.js'
import { stepfunctions } from '../../../src/services/stepfunctions/index.js'
import { conformance } from '../../support/conformance.js'

conformance({
  service: codepipeline,
  emulated: 'codepipeline',
  resource: 'release-pipeline',
  firstOperation: 'ListPipelineExecutions',
  retryCounter: true,
  listing: { name: 'release-pipeline' }
})
conformance({
  service: codebuild,
  emulated: 'codebuild',
  resource: 'integration-tests',
  firstOperation: 'ListBuildsForProject',
  retryCounter: true,
  listing: { name: 'integration-tests' }
})
conformance({
  service: codebuildBatch,
  emulated: 'codebuild-batch',
  resource: 'nightly-matrix',
  firstOperation: 'ListBuildBatchesForProject',
  retryCounter: true,
  listing: { name: 'nightly-matrix' }
})
conformance({
  service: sagemaker,
  emulated: 'sagemaker',
  resource: 'train-and-register',
  firstOperation: 'ListPipelineExecutions',
  retryCounter: true,
  listing: { name: 'train-and-register' }
})
conformance({
  service: codearts,
  emulated: 'codearts',
  resource: `${DEMO_IDS.codeartsProject}/${DEMO_IDS.codeartsPipeline}`,
  credentials: { kind: 'token', token: DEMO_IDS.huaweiToken },
  firstOperation: 'codearts:list',
  retryCounter: false,
  listing: { scope: DEMO_IDS.codeartsProject, name: 'web-release' }
})
conformance({
  service: githubActions,
  emulated: 'github-actions',
  resource: `${DEMO_IDS.githubRepository}/${DEMO_IDS.githubWorkflow}`,
  credentials: DEMO_IDS.githubToken,
  firstOperation: 'ListWorkflowRuns',
  retryCounter: true,
  listing: { scope: DEMO_IDS.githubRepository, name: 'ci.yml' }
})
conformance({
  service: stepfunctions,
  emulated: 'stepfunctions',
  resource: DEMO_IDS.stepfunctionsMachine,
  firstOperation: 'ListStateMachines',
  retryCounter: true,
  listing: { name: DEMO_IDS.stepfunctionsMachine }
})
conformance({
  service: azurePipelines,
  emulated: 'azure-pipelines',
  resource: `${DEMO_IDS.azureOrganization}/${DEMO_IDS.azureProject}/${DEMO_IDS.azurePipeline}`,
  credentials: { kind: 'pat', token: DEMO_IDS.azureToken },
  firstOperation: 'Definitions_List',
  retryCounter: true,
  listing: { scope: `${DEMO_IDS.azureOrganization}/${DEMO_IDS.azureProject}`, name: DEMO_IDS.azurePipeline }
})
conformance({
  service: cloudBuild,
  emulated: 'cloud-build',
  region: 'global',
  resource: `${DEMO_IDS.gcpProject}/${DEMO_IDS.gcpTrigger}`,
  credentials: { kind: 'token', token: DEMO_IDS.gcpToken },
  firstOperation: 'ListBuildTriggers',
  retryCounter: true,
  listing: { scope: DEMO_IDS.gcpProject, name: DEMO_IDS.gcpTrigger }
})
