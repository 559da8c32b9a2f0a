BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Manifest = New-TestManifest
    function Get-LastCreateJobBody {
        [xml](Get-EmulatorRequests -Operation CreateJob | Select-Object -Last 1).body
    }
    $script:Id = 'NewS3BatchJob{0},S3Batch.Cmdlets.NewS3BatchJobCommand'
}
AfterAll { Stop-TestServersIfStarted }

Describe 'New-S3BatchJob' {
    Context 'a job of every operation kind' {
        It 'creates a <Kind> job that the emulator accepts' -ForEach @(
            @{ Kind = 'S3PutObjectCopy'; Operation = { New-S3BatchCopyOperation -TargetBucket archive -StorageClass GLACIER_IR -TargetKeyPrefix copies/ -Metadata @{ b = '2'; a = '1' } -Tag @{ env = 'test' } -MetadataDirective REPLACE -ContentType text/plain -BucketKeyEnabled:$false -ModifiedSince ([datetime]'2026-01-01Z') } }
            @{ Kind = 'LambdaInvoke'; Operation = { New-S3BatchLambdaOperation -FunctionArn 'arn:aws:lambda:us-east-1:123456789012:function:resize' -UserArgument @{ size = '128' } } }
            @{ Kind = 'S3PutObjectAcl'; Operation = { New-S3BatchAclOperation -CannedAcl bucket-owner-full-control } }
            @{ Kind = 'S3PutObjectTagging'; Operation = { New-S3BatchTaggingOperation -Tag @{ project = 'x'; stage = 'y' } } }
            @{ Kind = 'S3DeleteObjectTagging'; Operation = { New-S3BatchDeleteTaggingOperation } }
            @{ Kind = 'S3InitiateRestoreObject'; Operation = { New-S3BatchRestoreOperation -ExpirationInDays 3 -GlacierJobTier BULK } }
            @{ Kind = 'S3PutObjectLegalHold'; Operation = { New-S3BatchLegalHoldOperation -Status ON } }
            @{ Kind = 'S3PutObjectRetention'; Operation = { New-S3BatchRetentionOperation -Mode GOVERNANCE -RetainUntil ([datetime]'2030-01-01Z') -BypassGovernanceRetention } }
            @{ Kind = 'S3ReplicateObject'; Operation = { New-S3BatchReplicateOperation } }
            @{ Kind = 'S3ComputeObjectChecksum'; Operation = { New-S3BatchChecksumOperation -ChecksumAlgorithm CRC32C -ChecksumType FULL_OBJECT } }
            @{ Kind = 'S3UpdateObjectEncryption'; Operation = { New-S3BatchEncryptionOperation -KmsKeyArn 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab' -BucketKeyEnabled } }
        ) {
            $job = & $Operation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -ReportBucket reports -ReportPrefix "kinds/$Kind"
            $job | Should -BeOfType S3Batch.Model.S3BatchJob
            $job.JobId | Should -Match '^[a-zA-Z0-9\-_]{5,36}$'
            $job.OperationName | Should -Be $Kind
            $job.AccountId | Should -Be '123456789012'
            $job.Region | Should -Be 'us-east-1'
            $body = Get-LastCreateJobBody
            $body.CreateJobRequest.Operation.FirstChild.LocalName | Should -Be $Kind
            (Get-EmulatorJobs | Where-Object jobId -eq $job.JobId) | Should -Not -BeNullOrEmpty
        }
    }

    Context 'what goes on the wire' {
        It 'sends ConfirmationRequired false unless asked, and true with -ConfirmationRequired' {
            New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport | Out-Null
            (Get-LastCreateJobBody).CreateJobRequest.ConfirmationRequired | Should -Be 'false'
            New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -ConfirmationRequired | Out-Null
            (Get-LastCreateJobBody).CreateJobRequest.ConfirmationRequired | Should -Be 'true'
        }

        It 'turns a role name, with or without a path, into an ARN in the job account' {
            New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport | Out-Null
            (Get-LastCreateJobBody).CreateJobRequest.RoleArn | Should -Be 'arn:aws:iam::123456789012:role/batch-ops'
            New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn 'service/batch-ops' -NoReport | Out-Null
            (Get-LastCreateJobBody).CreateJobRequest.RoleArn | Should -Be 'arn:aws:iam::123456789012:role/service/batch-ops'
            New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn 'arn:aws:iam::123456789012:role/x' -NoReport | Out-Null
            (Get-LastCreateJobBody).CreateJobRequest.RoleArn | Should -Be 'arn:aws:iam::123456789012:role/x'
        }

        It 'defaults the priority to 10, sends the report choice, the description and the tags sorted by key' {
            New-S3BatchTaggingOperation -Tag @{ k = 'v' } |
                New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -ReportBucket reports -ReportPrefix p -ReportScope FailedTasksOnly -Description 'tag it' -Tag @{ zeta = '1'; alpha = '2' } | Out-Null
            $request = (Get-LastCreateJobBody).CreateJobRequest
            $request.Priority | Should -Be '10'
            $request.Description | Should -Be 'tag it'
            $request.Report.Bucket | Should -Be 'arn:aws:s3:::reports'
            $request.Report.Format | Should -Be 'Report_CSV_20180820'
            $request.Report.ReportScope | Should -Be 'FailedTasksOnly'
            $request.Report.Prefix | Should -Be 'p'
            @($request.Tags.member.Key) | Should -Be @('alpha', 'zeta')
            New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport | Out-Null
            (Get-LastCreateJobBody).CreateJobRequest.Report.Enabled | Should -Be 'false'
            New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -Report (New-S3BatchReport -Bucket reports -Scope AllTasks) | Out-Null
            (Get-LastCreateJobBody).CreateJobRequest.Report.Enabled | Should -Be 'true'
        }

        It 'creates one job per operation in the pipeline, each with its own generated token' {
            $jobs = @(New-S3BatchDeleteTaggingOperation; New-S3BatchReplicateOperation) | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport
            $jobs.Count | Should -Be 2
            $jobs[0].JobId | Should -Not -Be $jobs[1].JobId
            $jobs[0].ClientRequestToken | Should -Not -Be $jobs[1].ClientRequestToken
        }

        It 'takes only the operation from the pipeline; the AWS parameters never bind from piped objects' {
            # Piped operations never carry them, and looking for them costs every call (the job cmdlets, which take job objects, do bind them).
            $bound = (Get-Command New-S3BatchJob).Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [Parameter] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } }
            @($bound.Name) | Should -Be @('Operation')
            foreach ($name in 'Get-S3BatchJob', 'Wait-S3BatchJob', 'Stop-S3BatchJob') {
                $byName = (Get-Command $name).Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [Parameter] -and $_.ValueFromPipelineByPropertyName } }
                @($byName.Name | Sort-Object) | Should -Be @('AccountId', 'EndpointUrl', 'JobId', 'ProfileName', 'Region') -Because $name
            }
        }

        It 'returns the same job for the same -ClientRequestToken' {
            $token = [guid]::NewGuid().ToString()
            $first = New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -ClientRequestToken $token
            $second = New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -ClientRequestToken $token
            $second.JobId | Should -Be $first.JobId
            @(Get-EmulatorJobs | Where-Object clientRequestToken -eq $token).Count | Should -Be 1
        }

        It 'creates a job from a manifest generator' {
            $generator = New-S3BatchManifestGenerator -SourceBucket source -KeyPrefix logs/ -ObjectEncryption NOT-SSE -OutputBucket manifests -OutputPrefix generated
            $job = New-S3BatchReplicateOperation | New-S3BatchJob -ManifestGenerator $generator -RoleArn batch-ops -NoReport
            $job.JobId | Should -Not -BeNullOrEmpty
            $request = (Get-LastCreateJobBody).CreateJobRequest
            $request.ManifestGenerator.S3JobManifestGenerator.SourceBucket | Should -Be 'arn:aws:s3:::source'
            $request.ManifestGenerator.S3JobManifestGenerator.Filter.MatchAnyObjectEncryption.ObjectEncryption.FirstChild.LocalName | Should -Be 'NOT-SSE'
            $request.Manifest | Should -BeNullOrEmpty
        }

        It 'asks STS for the account once, and not at all with -AccountId' {
            Reset-Emulator
            New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -AccountId 123456789012 | Out-Null
            @(Get-EmulatorRequests -Operation GetCallerIdentity).Count | Should -Be 0
            (Get-EmulatorRequests -Operation CreateJob)[0].headers.'x-amz-account-id' | Should -Be '123456789012'
        }

        It 'signs in S3 mode with a signed x-amz-content-sha256' {
            New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport | Out-Null
            $request = Get-EmulatorRequests -Operation CreateJob | Select-Object -Last 1
            $request.headers.Authorization | Should -Match '^AWS4-HMAC-SHA256 Credential=S3RVER/\d{8}/us-east-1/s3/aws4_request, SignedHeaders=[^ ]*x-amz-content-sha256'
            $sha = [System.Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($request.body))
            $request.headers.'x-amz-content-sha256' | Should -Be ([Convert]::ToHexString($sha).ToLowerInvariant())
        }
    }

    Context '-WhatIf' {
        It 'shows the request without a signature and sends nothing' {
            Reset-Emulator
            $out = Get-WhatIfText { New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -AccountId 123456789012 -WhatIf }
            $out | Should -Match 'What if: Create S3 Batch Operations job: S3ReplicateObject job'
            $out | Should -Match 'POST http://127\.0\.0\.1:\d+/v20180820/jobs'
            $out | Should -Match '<CreateJobRequest xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">'
            $out | Should -Not -Match 'Signature='
            @(Get-EmulatorRequests -Operation CreateJob).Count | Should -Be 0
        }
    }

    Context 'bad input gets a clear error and nothing is sent' {
        BeforeEach { Reset-Emulator }
        It 'refuses <Case>' -ForEach @(
            @{ Case = 'a description over 256 characters'; Reason = 'TooLong'; Call = { New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -AccountId 123456789012 -Description ('d' * 257) } }
            @{ Case = 'a negative priority'; Reason = 'BelowMinimum'; Call = { New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -AccountId 123456789012 -Priority -1 } }
            @{ Case = 'more than 50 job tags'; Reason = 'TooManyItems'; Call = { $t = @{}; 1..51 | ForEach-Object { $t["k$_"] = 'v' }; New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -AccountId 123456789012 -Tag $t } }
            @{ Case = 'a job tag key of 129 characters'; Reason = 'TooLong'; Call = { New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -AccountId 123456789012 -Tag @{ ('k' * 129) = 'v' } } }
            @{ Case = 'a job tag value with a character outside the pattern'; Reason = 'PatternMismatch'; Call = { New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -AccountId 123456789012 -Tag @{ k = 'a*b' } } }
            @{ Case = 'a report prefix over 512 characters'; Reason = 'TooLong'; Call = { New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -ReportBucket reports -ReportPrefix ('p' * 513) -AccountId 123456789012 } }
            @{ Case = 'a role ARN that is not an IAM role'; Reason = 'PatternMismatch'; Call = { New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn 'arn:aws:iam::123:user/x' -NoReport -AccountId 123456789012 } }
            @{ Case = 'Lambda UserArguments with schema 1.0 built by hand'; Reason = 'UserArgumentsNeedSchema2'; Call = { $op = New-S3BatchLambdaOperation -FunctionArn f -InvocationSchemaVersion 1.0; $op.LambdaInvoke.UserArguments = [System.Collections.Generic.SortedDictionary[string, string]]::new(); $op.LambdaInvoke.UserArguments['a'] = 'b'; $op | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -AccountId 123456789012 } }
            @{ Case = 'an operation object with no operation set'; Reason = 'NotExactlyOne'; Call = { [S3Batch.Model.JobOperation]::new() | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -AccountId 123456789012 } }
        ) {
            $ErrorActionPreference = 'Stop'
            $err = { & $Call } | Should -Throw -ErrorId ($script:Id -f $Reason) -PassThru
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.ErrorDetails.Message | Should -Not -BeNullOrEmpty
            @(Get-EmulatorRequests -Operation CreateJob).Count | Should -Be 0
        }

        It 'names the parameter to change in the message' {
            New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -AccountId 123456789012 -Description ('d' * 300) -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].ErrorDetails.Message | Should -Match '\(-Description\) must be at most 256 characters'
            $err[0].TargetObject | Should -Be ('d' * 300)
        }

        It 'refuses an explicit -ClientRequestToken with more than one operation, sending nothing' {
            { @(New-S3BatchReplicateOperation; New-S3BatchReplicateOperation) | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -AccountId 123456789012 -ClientRequestToken abc } |
                Should -Throw -ErrorId ($script:Id -f 'TokenWithSeveralOperations')
            @(Get-EmulatorRequests -Operation CreateJob).Count | Should -Be 0
        }

        It 'refuses dual-stack with a custom endpoint, as AWS does' {
            $env:AWS_USE_DUALSTACK_ENDPOINT = 'true'
            try {
                New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -AccountId 123456789012 -ErrorVariable err -ErrorAction SilentlyContinue
            } finally { Remove-Item Env:AWS_USE_DUALSTACK_ENDPOINT }
            $err[0].FullyQualifiedErrorId | Should -Be ($script:Id -f 'EndpointDualStackWithCustomEndpoint')
        }
    }

    Context 'service errors' {
        It 'turns a refusal into an ErrorRecord with the AWS code, message and request id' {
            New-S3BatchReplicateOperation | New-S3BatchJob -Manifest $script:Manifest -RoleArn batch-ops -NoReport -SecretKey 'wrong-secret' -AccessKey S3RVER -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -Be ($script:Id -f 'SignatureDoesNotMatch')
            $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $err[0].Exception.ErrorCode | Should -Be 'SignatureDoesNotMatch'
            $err[0].Exception.RequestId | Should -Not -BeNullOrEmpty
            $err[0].Exception.Message | Should -Not -Match 'wrong-secret'
        }
    }
}
