// Ready-made scenarios. Each call returns a fresh object, so a caller may change it freely.
import type { Scenario } from './types.js'

export const DEMO_IDS = {
  codepipelineExecution: '3f6c2a1e-8b4d-4c7a-9e15-2d7b9a0c4e61',
  codepipelineOlderExecution: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  failedBuild: 'integration-tests:7d4e2b9c-1f3a-4c6e-8b5d-9a0f1e2d3c4b',
  succeededBuild: 'integration-tests:0c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
  failedBatch: 'nightly-matrix:5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
  sagemakerExecution:
    'arn:aws:sagemaker:us-east-1:123456789012:pipeline/train-and-register/execution/q7w2e9r4t1y6',
  codeartsProject: '4f2a8c1e9b7d4e3fa6c5b8d7e1f20a93',
  codeartsPipeline: '9c1d7e3b5a8f4c2e8d6b0a4f7e1c3b59',
  codeartsFailedRun: 'b3e8f1a6c9d24e7f8a0b5c1d6e2f7a48',
  huaweiToken: 'demo-iam-token',
  huaweiAk: 'DEMOAK0000000000000001',
  huaweiSk: 'demo-secret-key-please-change',
  githubToken: 'ghs_demoTokenWithActionsWrite000000000000',
  githubReadToken: 'ghs_demoTokenWithActionsRead0000000000000',
  githubThisRepoToken: 'ghs_demoTokenForThisRepositoryOnly00000',
  githubRepository: 'octo-org/release-tools',
  githubWorkflow: 'ci.yml',
  githubFailedRun: 9_100_000_202,
  githubOtherRepository: 'acme/api',
  stepfunctionsMachine: 'order-pipeline',
  stepfunctionsExecution: 'arn:aws:states:us-east-1:123456789012:execution:order-pipeline:nightly-0115',
  azureOrganization: 'contoso',
  azureProject: 'Storefront',
  azurePipeline: 'web-release',
  azureDefinition: 41,
  azureFailedBuild: 5120,
  azureToken: 'demo-azure-devops-pat-0000000000000000000000000000',
  azureReadToken: 'demo-azure-devops-read-only-pat-0000000000000000000',
  gcpProject: 'acme-web-prod',
  gcpTrigger: 'deploy-web',
  gcpTriggerId: '0f3c9b2e-7a41-4d8e-9c15-6b2a8e4f1d37',
  gcpFailedBuild: 'b7e2c4a9-3f18-4d6b-8e25-9a1c7f3e5d80',
  gcpToken: 'ya29.demo-access-token-for-cloud-build-000000',
  gcpReadToken: 'ya29.demo-read-only-access-token-0000000000000'
} as const

/**
 * What points the clients of the services that read their endpoint from the environment at the emulator at `url`,
 * with the demo's credentials: AWS (region and per-service endpoints), Azure DevOps (its endpoint variable and a
 * PAT) and Cloud Build (gcloud's endpoint override and an access token). CodeArts and GitHub take `endpoint`.
 */
export function clientEnv(url: string): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_CODEPIPELINE: url,
    AWS_ENDPOINT_URL_CODEBUILD: url,
    AWS_ENDPOINT_URL_SAGEMAKER: url,
    AWS_ENDPOINT_URL_SFN: url,
    AZURE_DEVOPS_ENDPOINT_URL: url,
    AZURE_DEVOPS_TOKEN: DEMO_IDS.azureToken,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDBUILD: url,
    GOOGLE_OAUTH_ACCESS_TOKEN: DEMO_IDS.gcpToken
  }
}

/** ISO time `hoursAgo` hours before now: GitHub re-runs only runs of the last 30 days. */
const hoursAgo = (hours: number): string => new Date(Date.now() - hours * 3_600_000).toISOString()

const SHA = '9fceb02d0ae598e95dc970b74767f19372d61af8'

/** One failed execution per service, plus healthy neighbours that have nothing to retry. */
export function demoScenario(): Scenario {
  const ids = DEMO_IDS
  const settle = { result: 'succeeded', settleAfterReads: 1 } as const
  return {
    name: 'demo',
    accountId: '123456789012',
    region: 'us-east-1',
    codepipeline: {
      pipelines: [
        {
          name: 'release-pipeline',
          stages: [
            { name: 'Source', actions: ['Checkout'] },
            { name: 'Build', actions: ['Compile'] },
            { name: 'Deploy', actions: ['DeployToProduction'] }
          ],
          executions: [
            {
              id: ids.codepipelineOlderExecution,
              status: 'Succeeded',
              startTime: '2026-01-14T09:00:00Z',
              lastUpdateTime: '2026-01-14T09:21:00Z',
              stages: {
                Source: { status: 'Succeeded' },
                Build: { status: 'Succeeded' },
                Deploy: { status: 'Succeeded' }
              }
            },
            {
              id: ids.codepipelineExecution,
              status: 'Failed',
              startTime: '2026-01-15T10:00:00Z',
              lastUpdateTime: '2026-01-15T10:18:30Z',
              statusSummary: 'Deployment failed: health checks did not pass',
              trigger: { triggerType: 'Webhook', triggerDetail: 'push to main' },
              stages: {
                Source: { status: 'Succeeded' },
                Build: { status: 'Succeeded' },
                Deploy: {
                  status: 'Failed',
                  actions: {
                    DeployToProduction: {
                      status: 'Failed',
                      errorDetails: {
                        code: 'JobFailed',
                        message: 'Deployment failed: health checks did not pass'
                      },
                      externalExecutionId: 'd-4KX9Q2B7C'
                    }
                  }
                }
              },
              onRetry: settle
            }
          ]
        },
        {
          name: 'healthy-pipeline',
          stages: [
            { name: 'Source', actions: ['Checkout'] },
            { name: 'Deploy', actions: ['Deploy'] }
          ],
          executions: [
            {
              id: '6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a',
              status: 'Succeeded',
              startTime: '2026-01-15T08:00:00Z',
              stages: { Source: { status: 'Succeeded' }, Deploy: { status: 'Succeeded' } }
            }
          ]
        }
      ]
    },
    codebuild: {
      projects: [
        {
          name: 'integration-tests',
          builds: [
            {
              id: ids.succeededBuild,
              status: 'SUCCEEDED',
              startTime: '2026-01-15T07:00:00Z',
              endTime: '2026-01-15T07:12:00Z',
              sourceVersion: 'refs/heads/main',
              resolvedSourceVersion: '1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e'
            },
            {
              id: ids.failedBuild,
              status: 'FAILED',
              startTime: '2026-01-15T11:00:00Z',
              endTime: '2026-01-15T11:09:00Z',
              sourceVersion: 'refs/heads/main',
              resolvedSourceVersion: SHA,
              failedPhase: 'BUILD',
              failureCode: 'COMMAND_EXECUTION_ERROR',
              failureMessage: 'Error while executing command: npm test. Reason: exit status 1',
              onRetry: settle
            }
          ]
        },
        {
          name: 'nightly-matrix',
          batches: [
            {
              id: ids.failedBatch,
              status: 'FAILED',
              startTime: '2026-01-15T02:00:00Z',
              endTime: '2026-01-15T02:40:00Z',
              sourceVersion: 'refs/heads/main',
              resolvedSourceVersion: SHA,
              groups: [
                { identifier: 'linux_x86', status: 'SUCCEEDED' },
                { identifier: 'linux_arm', status: 'FAILED' }
              ],
              failureMessage: 'Build group linux_arm failed',
              onRetry: settle
            }
          ]
        },
        {
          name: 'unit-tests',
          builds: [
            {
              id: 'unit-tests:2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b',
              status: 'SUCCEEDED',
              startTime: '2026-01-15T06:00:00Z',
              endTime: '2026-01-15T06:04:00Z',
              sourceVersion: 'refs/heads/main',
              resolvedSourceVersion: SHA
            }
          ]
        }
      ]
    },
    sagemaker: {
      pipelines: [
        {
          name: 'train-and-register',
          executions: [
            {
              id: 'a8s7d6f5g4h3',
              status: 'Succeeded',
              startTime: '2026-01-13T12:00:00Z',
              lastModifiedTime: '2026-01-13T13:30:00Z',
              steps: [
                {
                  name: 'Preprocess',
                  status: 'Succeeded',
                  startTime: '2026-01-13T12:00:10Z',
                  endTime: '2026-01-13T12:20:00Z'
                },
                {
                  name: 'Train',
                  status: 'Succeeded',
                  startTime: '2026-01-13T12:20:05Z',
                  endTime: '2026-01-13T13:20:00Z'
                },
                {
                  name: 'RegisterModel',
                  status: 'Succeeded',
                  startTime: '2026-01-13T13:20:05Z',
                  endTime: '2026-01-13T13:30:00Z'
                }
              ]
            },
            {
              id: 'q7w2e9r4t1y6',
              status: 'Failed',
              startTime: '2026-01-15T12:00:00Z',
              lastModifiedTime: '2026-01-15T12:47:00Z',
              failureReason: 'Step failure: One or multiple steps failed.',
              steps: [
                {
                  name: 'Preprocess',
                  status: 'Succeeded',
                  startTime: '2026-01-15T12:00:10Z',
                  endTime: '2026-01-15T12:21:00Z'
                },
                {
                  name: 'Train',
                  status: 'Failed',
                  failureReason:
                    'ClientError: Please ensure the capacity is available: ResourceLimitExceeded',
                  startTime: '2026-01-15T12:21:05Z',
                  endTime: '2026-01-15T12:47:00Z'
                }
              ],
              onRetry: settle
            }
          ]
        }
      ]
    },
    codearts: {
      tokens: [ids.huaweiToken],
      credentials: [{ ak: ids.huaweiAk, sk: ids.huaweiSk }],
      projects: [
        {
          id: ids.codeartsProject,
          pipelines: [
            {
              id: ids.codeartsPipeline,
              name: 'web-release',
              runs: [
                {
                  id: 'e5f6a7b8c9d04e1f2a3b4c5d6e7f8091',
                  runNumber: 17,
                  status: 'COMPLETED',
                  startTime: '2026-01-14T03:00:00Z',
                  endTime: '2026-01-14T03:25:00Z',
                  stages: [
                    { name: 'Build', status: 'COMPLETED' },
                    { name: 'Deploy', status: 'COMPLETED' }
                  ]
                },
                {
                  id: ids.codeartsFailedRun,
                  runNumber: 18,
                  status: 'FAILED',
                  triggerType: 'Manual',
                  startTime: '2026-01-15T03:00:00Z',
                  endTime: '2026-01-15T03:14:00Z',
                  stages: [
                    { name: 'Build', status: 'COMPLETED' },
                    { name: 'Deploy', status: 'FAILED', jobs: [{ name: 'Deploy to CCE', status: 'FAILED' }] }
                  ],
                  onRetry: settle
                }
              ]
            }
          ]
        }
      ]
    },
    azure: {
      tokens: [{ token: ids.azureToken }, { token: ids.azureReadToken, permission: 'read' }],
      organizations: [
        {
          name: ids.azureOrganization,
          projects: [
            {
              name: ids.azureProject,
              id: '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c',
              definitions: [
                {
                  id: ids.azureDefinition,
                  name: ids.azurePipeline,
                  builds: [
                    {
                      id: 5119,
                      status: 'completed',
                      result: 'succeeded',
                      queueTime: hoursAgo(30),
                      finishTime: hoursAgo(29),
                      stages: [
                        {
                          name: 'Build',
                          result: 'succeeded',
                          jobs: [{ name: 'Compile', result: 'succeeded' }]
                        },
                        { name: 'Deploy', result: 'succeeded', jobs: [{ name: 'Ship', result: 'succeeded' }] }
                      ]
                    },
                    {
                      id: ids.azureFailedBuild,
                      status: 'completed',
                      result: 'failed',
                      queueTime: hoursAgo(6),
                      finishTime: hoursAgo(5),
                      stages: [
                        {
                          name: 'Build',
                          result: 'succeeded',
                          jobs: [{ name: 'Compile', result: 'succeeded' }]
                        },
                        {
                          name: 'Deploy',
                          result: 'failed',
                          jobs: [
                            {
                              name: 'Ship',
                              result: 'failed',
                              issues: [
                                'We stopped hearing from agent Hosted Agent. Verify the agent machine is running and has a healthy network connection.'
                              ]
                            }
                          ]
                        },
                        { name: 'Smoke', result: 'skipped', jobs: [{ name: 'Probe', result: 'skipped' }] }
                      ],
                      onRetry: settle
                    }
                  ]
                },
                {
                  id: 42,
                  name: 'docs-site',
                  builds: [
                    {
                      id: 5101,
                      status: 'completed',
                      result: 'succeeded',
                      queueTime: hoursAgo(12),
                      finishTime: hoursAgo(11),
                      stages: [
                        {
                          name: 'Publish',
                          result: 'succeeded',
                          jobs: [{ name: 'Upload', result: 'succeeded' }]
                        }
                      ]
                    }
                  ]
                }
              ]
            }
          ]
        }
      ]
    },
    cloudbuild: {
      tokens: [{ token: ids.gcpToken }, { token: ids.gcpReadToken, permission: 'read' }],
      projects: [
        {
          id: ids.gcpProject,
          triggers: [
            {
              id: ids.gcpTriggerId,
              name: ids.gcpTrigger,
              builds: [
                {
                  id: 'a1d5f0c3-8e27-4b9a-9d41-2c6e8f0b3a15',
                  status: 'SUCCESS',
                  createTime: hoursAgo(30),
                  finishTime: hoursAgo(29),
                  commit: '4b825dc642cb6eb9a060e54bf8d69288fbee4904'
                },
                {
                  id: ids.gcpFailedBuild,
                  status: 'FAILURE',
                  createTime: hoursAgo(6),
                  finishTime: hoursAgo(5),
                  failureInfo: {
                    type: 'PUSH_FAILED',
                    detail:
                      'failed to push image us-docker.pkg.dev/acme-web-prod/web/app: connection reset by peer'
                  },
                  failedStep: 'push',
                  onRetry: settle
                }
              ]
            },
            {
              id: '5d2a7e91-c4b3-4f60-8a1e-3b9d6c2f7e04',
              name: 'docs-preview',
              builds: [
                {
                  id: 'c9f1e6b2-4a7d-4c3e-b5f8-1d2e3a4b5c6d',
                  status: 'SUCCESS',
                  createTime: hoursAgo(12),
                  finishTime: hoursAgo(11)
                }
              ]
            }
          ]
        }
      ]
    },
    stepfunctions: {
      stateMachines: [
        {
          name: ids.stepfunctionsMachine,
          executions: [
            {
              name: 'nightly-0114',
              status: 'SUCCEEDED',
              startDate: hoursAgo(30),
              stopDate: hoursAgo(29)
            },
            {
              name: 'nightly-0115',
              status: 'FAILED',
              startDate: hoursAgo(6),
              stopDate: hoursAgo(5),
              error: 'Lambda.ServiceException',
              cause: 'Lambda was unable to process the request: the service is temporarily unavailable',
              failedState: {
                name: 'ChargeCard',
                error: 'Lambda.ServiceException',
                cause: 'Lambda was unable to process the request: the service is temporarily unavailable'
              },
              onRetry: settle
            }
          ]
        },
        { name: 'report-express', type: 'EXPRESS', executions: [] }
      ]
    },
    github: {
      tokens: [
        { token: ids.githubToken },
        { token: ids.githubReadToken, permission: 'read' },
        { token: ids.githubThisRepoToken, repos: [ids.githubRepository] }
      ],
      repos: [
        {
          owner: 'octo-org',
          name: 'release-tools',
          workflows: [
            {
              id: 161335,
              name: 'CI',
              file: 'ci.yml',
              runs: [
                { id: 9_100_000_101, status: 'completed', conclusion: 'success', createdAt: hoursAgo(30) },
                {
                  id: ids.githubFailedRun,
                  runNumber: 202,
                  status: 'completed',
                  conclusion: 'failure',
                  createdAt: hoursAgo(2),
                  jobs: [
                    { name: 'lint', conclusion: 'success' },
                    {
                      name: 'test (ubuntu-latest)',
                      conclusion: 'failure',
                      steps: [
                        { name: 'Set up job', conclusion: 'success' },
                        { name: 'Run tests', conclusion: 'failure' }
                      ],
                      annotations: [
                        'The runner has received a shutdown signal. This can happen when the runner service is stopped, or a manually started runner is canceled.'
                      ]
                    }
                  ],
                  onRetry: settle
                }
              ]
            },
            {
              id: 161336,
              name: 'Nightly',
              file: 'nightly.yml',
              runs: [
                {
                  id: 9_100_000_301,
                  status: 'completed',
                  conclusion: 'failure',
                  createdAt: hoursAgo(5),
                  jobs: [
                    {
                      name: 'e2e',
                      conclusion: 'failure',
                      steps: [{ name: 'Run e2e', conclusion: 'failure' }],
                      annotations: ['Process completed with exit code 1.']
                    }
                  ],
                  onRetry: settle
                }
              ]
            }
          ]
        },
        {
          owner: 'acme',
          name: 'api',
          workflows: [
            {
              id: 262001,
              name: 'Deploy',
              file: 'deploy.yml',
              runs: [
                {
                  id: 9_200_000_001,
                  branch: 'main',
                  status: 'completed',
                  conclusion: 'timed_out',
                  createdAt: hoursAgo(3),
                  jobs: [
                    {
                      name: 'deploy',
                      conclusion: 'timed_out',
                      steps: [{ name: 'Deploy', conclusion: 'timed_out' }]
                    }
                  ],
                  onRetry: settle
                }
              ]
            }
          ]
        }
      ]
    }
  }
}

const SCALE_START = Date.parse('2026-01-01T00:00:00Z')
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0')

export const SCALED_CODEARTS_PROJECT = 'b'.repeat(32)
export const scaledCodeArtsPipeline = (i: number) => `p${hex(i, 31)}`

/**
 * `count` failed targets per service, for benchmarks: CodePipeline `bench-pipeline-<i>` (stage Deploy),
 * CodeBuild and CodeBuild-batch project `bench-project-<i>`, SageMaker `bench-sm-<i>`, and CodeArts project
 * `SCALED_CODEARTS_PROJECT` with pipeline `scaledCodeArtsPipeline(i)` named `bench-ca-<i>`; i runs from 1 to count.
 */
export function scaledScenario(count: number): Scenario {
  const indexes = Array.from({ length: count }, (_, k) => k + 1)
  const at = (i: number) => new Date(SCALE_START + i * 60_000).toISOString()
  const uuid = (kind: number, i: number) => `${hex(kind, 8)}-0000-4000-8000-${hex(i, 12)}`
  return {
    name: `scaled-${count}`,
    accountId: '123456789012',
    region: 'us-east-1',
    codepipeline: {
      pipelines: indexes.map(i => ({
        name: `bench-pipeline-${i}`,
        stages: [
          { name: 'Build', actions: ['Compile'] },
          { name: 'Deploy', actions: ['Deploy'] }
        ],
        executions: [
          {
            id: uuid(1, i),
            status: 'Failed',
            startTime: at(i),
            stages: { Build: { status: 'Succeeded' }, Deploy: { status: 'Failed' } }
          }
        ]
      }))
    },
    codebuild: {
      projects: indexes.map(i => ({
        name: `bench-project-${i}`,
        builds: [
          { id: `bench-project-${i}:${uuid(2, i)}`, status: 'FAILED', startTime: at(i), endTime: at(i + 1) }
        ],
        batches: [
          {
            id: `bench-project-${i}:${uuid(3, i)}`,
            status: 'FAILED',
            startTime: at(i),
            endTime: at(i + 1),
            groups: [{ identifier: 'build1', status: 'FAILED' }]
          }
        ]
      }))
    },
    sagemaker: {
      pipelines: indexes.map(i => ({
        name: `bench-sm-${i}`,
        executions: [
          {
            id: `exec${hex(i, 8)}`,
            status: 'Failed',
            startTime: at(i),
            failureReason: 'Step failure',
            steps: [{ name: 'Train', status: 'Failed', failureReason: 'AlgorithmError', startTime: at(i) }]
          }
        ]
      }))
    },
    codearts: {
      tokens: [DEMO_IDS.huaweiToken],
      credentials: [{ ak: DEMO_IDS.huaweiAk, sk: DEMO_IDS.huaweiSk }],
      projects: [
        {
          id: SCALED_CODEARTS_PROJECT,
          pipelines: indexes.map(i => ({
            id: scaledCodeArtsPipeline(i),
            name: `bench-ca-${i}`,
            runs: [
              {
                id: `r${hex(i, 31)}`,
                status: 'FAILED',
                startTime: at(i),
                endTime: at(i + 1),
                stages: [{ name: 'Deploy', status: 'FAILED' }]
              }
            ]
          }))
        }
      ]
    }
  }
}

/** Scenarios the CLI knows by name. */
export const SCENARIOS: Readonly<Record<string, () => Scenario>> = {
  demo: demoScenario,
  scaled: () => scaledScenario(125)
}
