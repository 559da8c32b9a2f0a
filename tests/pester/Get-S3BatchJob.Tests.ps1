BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/S3BatchJob.TestHelpers.ps1
    $script:Complete = New-TestJob -Description 'get: runs to the end' | Wait-S3BatchJob -PollInterval 0.1
    $script:Suspended = New-TestJob -Description 'get: waits' -ConfirmationRequired | Wait-S3BatchJob -PollInterval 0.1 -WarningAction SilentlyContinue
}

AfterAll { Stop-TestServersIfStarted }

Describe 'Get-S3BatchJob -JobId (DescribeJob)' {
    It 'returns every field of the job descriptor, with its progress and timers' {
        $job = Get-S3BatchJob -JobId $Complete.JobId
        $job | Should -BeOfType ([S3Batch.Model.S3BatchJob])
        $job.JobId | Should -Be $Complete.JobId
        $job.JobArn | Should -Be "arn:aws:s3:us-east-1:123456789012:job/$($Complete.JobId)"
        $job.Status | Should -Be 'Complete'
        $job.Priority | Should -Be 10
        $job.Description | Should -Be 'get: runs to the end'
        $job.ConfirmationRequired | Should -BeFalse
        $job.OperationName | Should -Be 'S3PutObjectCopy'
        $job.Operation.S3PutObjectCopy.TargetResource | Should -Be 'arn:aws:s3:::archive'
        $job.Manifest.Location.ObjectArn | Should -BeLike 'arn:aws:s3:::manifests/*'
        $job.Manifest.Location.ETag | Should -Not -BeNullOrEmpty
        $job.Manifest.Spec.Format | Should -Be 'S3BatchOperations_CSV_20180820'
        $job.Report.Enabled | Should -BeFalse
        $job.RoleArn | Should -Be 'arn:aws:iam::123456789012:role/batch-role'
        $job.CreationTime | Should -BeOfType ([datetime])
        $job.TerminationDate | Should -BeGreaterOrEqual $job.CreationTime
        $job.ProgressSummary.TotalNumberOfTasks | Should -Be 2
        $job.ProgressSummary.NumberOfTasksSucceeded | Should -Be 2
        $job.ProgressSummary.NumberOfTasksFailed | Should -Be 0
        $job.ProgressSummary.Timers.ElapsedTimeInActiveSeconds | Should -BeGreaterOrEqual 1
        $job.PercentComplete | Should -Be 100
    }

    It 'reads $StoredAWSRegion and $StoredAWSCredentials from [pscustomobject] holders too' {
        $global:StoredAWSRegion = [pscustomobject]@{ Region = 'us-east-1' }
        $global:StoredAWSCredentials = [pscustomobject]@{ Credentials = [Amazon.Runtime.BasicAWSCredentials]::new($env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY) }
        try {
            $lines = @(Get-S3BatchJob -JobId $Complete.JobId -Verbose 4>&1)
            @($lines | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) -join "`n" |
                Should -Match 'Credentials: \$StoredAWSCredentials; region us-east-1 \(\$StoredAWSRegion\)'
            @($lines | Where-Object { $_ -is [S3Batch.Model.S3BatchJob] }).JobId | Should -Be $Complete.JobId

            $global:StoredAWSCredentials = [pscustomobject]@{ Keys = 'not credentials' }
            { Get-S3BatchJob -JobId $Complete.JobId -ErrorAction Stop } | Should -Throw '*StoredAWSCredentials holds a System.Management.Automation.PSCustomObject*'
        } finally {
            Remove-Variable StoredAWSRegion, StoredAWSCredentials -Scope Global -ErrorAction Ignore
        }
    }

    It 'carries where the job lives, and never credentials' {
        $job = Get-S3BatchJob -JobId $Complete.JobId
        $job.AccountId | Should -Be '123456789012'
        $job.Region | Should -Be 'us-east-1'
        $job.EndpointUrl | Should -Be $env:S3BATCH_TEST_ENDPOINT
        $job.PSObject.Properties.Name | Where-Object { $_ -match 'Secret|AccessKey|SessionToken|Credential' } | Should -BeNullOrEmpty
        ($job | ConvertTo-Json -Depth 10) | Should -Not -Match 'S3RVER'
    }

    It 'returns the suspension of a job that waits for confirmation' {
        $job = Get-S3BatchJob -JobId $Suspended.JobId
        $job.Status | Should -Be 'Suspended'
        $job.ConfirmationRequired | Should -BeTrue
        $job.SuspendedCause | Should -Be 'AwaitingConfirmation'
        $job.SuspendedDate | Should -BeOfType ([datetime])
    }

    It 'returns the failure reasons of a job whose manifest cannot be read' {
        $manifest = New-S3BatchManifest -Bucket manifests -Key $Complete.Manifest.Location.ObjectArn.Split('/', 2)[1] -ETag 0123456789abcdef0123456789abcdef
        $failed = New-S3BatchCopyOperation -TargetBucket archive |
            New-S3BatchJob -Manifest $manifest -RoleArn batch-role -NoReport | Wait-S3BatchJob -PollInterval 0.1
        $job = Get-S3BatchJob -JobId $failed.JobId
        $job.Status | Should -Be 'Failed'
        $job.FailureReasons.Count | Should -BeGreaterThan 0
        $job.FailureReasons[0].FailureCode | Should -Not -BeNullOrEmpty
        $job.FailureReasons[0].FailureReason | Should -Not -BeNullOrEmpty
        $job.TerminationDate | Should -Not -BeNullOrEmpty
    }

    It 'returns the manifest generator and the generated manifest descriptor' {
        $generator = New-S3BatchManifestGenerator -SourceBucket source -OutputBucket manifests -OutputPrefix generated
        $done = New-S3BatchCopyOperation -TargetBucket archive |
            New-S3BatchJob -ManifestGenerator $generator -RoleArn batch-role -NoReport | Wait-S3BatchJob -PollInterval 0.1
        $job = Get-S3BatchJob -JobId $done.JobId
        $job.Manifest | Should -BeNullOrEmpty
        $job.ManifestGenerator.S3JobManifestGenerator.SourceBucket | Should -Be 'arn:aws:s3:::source'
        $job.ManifestGenerator.S3JobManifestGenerator.ManifestOutputLocation.Bucket | Should -Be 'arn:aws:s3:::manifests'
        $job.GeneratedManifestDescriptor.Format | Should -Be 'S3InventoryReport_CSV_20211130'
        $job.GeneratedManifestDescriptor.Location.ObjectArn | Should -BeLike 'arn:aws:s3:::manifests/generated/*manifest.json'
        $job.GeneratedManifestDescriptor.Location.ETag | Should -Not -BeNullOrEmpty
    }

    It 'takes job ids from the pipeline by value' {
        $jobs = $Complete.JobId, $Suspended.JobId | Get-S3BatchJob
        $jobs.JobId | Should -Be @($Complete.JobId, $Suspended.JobId)
        $jobs.Status | Should -Be @('Complete', 'Suspended')
    }

    It 'takes job objects from the pipeline by property name' {
        $listed = Get-S3BatchJob | Where-Object JobId -in $Complete.JobId, $Suspended.JobId
        $jobs = $listed | Get-S3BatchJob
        @($jobs).Count | Should -Be 2
        $jobs | ForEach-Object { $_.JobArn | Should -Not -BeNullOrEmpty }
    }

    It 'reports a job the service does not know with its AWS code, and goes on with the next one' {
        $missing = '00000000-0000-0000-0000-000000000000'
        $jobs = $missing, $Complete.JobId | Get-S3BatchJob -ErrorVariable err -ErrorAction SilentlyContinue
        $jobs.JobId | Should -Be $Complete.JobId
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'GetS3BatchJobNotFoundException,S3Batch.Cmdlets.GetS3BatchJobCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be $missing
        $err[0].Exception.Message | Should -Match 'NotFoundException'
    }

    It 'refuses a job id that breaks the model before sending anything' {
        $before = @(Get-EmulatorRequests -Operation DescribeJob).Count
        # The model's pattern is not anchored (Smithy: found in the value), so an id breaks it only
        # when it has none of the allowed characters.
        { Get-S3BatchJob -JobId '!!!!!!' -ErrorAction Stop } |
            Should -Throw -ErrorId 'GetS3BatchJobPatternMismatch,S3Batch.Cmdlets.GetS3BatchJobCommand'
        { Get-S3BatchJob -JobId 'abc' -ErrorAction Stop } |
            Should -Throw -ErrorId 'GetS3BatchJobTooShort,S3Batch.Cmdlets.GetS3BatchJobCommand'
        @(Get-EmulatorRequests -Operation DescribeJob).Count | Should -Be $before
    }
}

Describe 'Get-S3BatchJob without -JobId (ListJobs)' {
    BeforeAll {
        $script:Many = 1..5 | ForEach-Object { New-TestJob -Description "list $_" -ConfirmationRequired }
    }

    It 'lists the jobs with what ListJobs returns, stamped for piping' {
        $jobs = Get-S3BatchJob
        $ours = $jobs | Where-Object JobId -eq $Complete.JobId
        $ours.Status | Should -Be 'Complete'
        $ours.OperationName | Should -Be 'S3PutObjectCopy'
        $ours.Description | Should -Be 'get: runs to the end'
        $ours.ProgressSummary.NumberOfTasksSucceeded | Should -Be 2
        $ours.AccountId | Should -Be '123456789012'
        $ours.EndpointUrl | Should -Be $env:S3BATCH_TEST_ENDPOINT
    }

    It 'follows NextToken through every page' {
        $before = @(Get-EmulatorRequests -Operation ListJobs).Count
        $all = @(Get-S3BatchJob)
        $paged = @(Get-S3BatchJob -PageSize 2)
        $requests = @(Get-EmulatorRequests -Operation ListJobs) | Select-Object -Skip ($before + 1)
        $paged.Count | Should -Be $all.Count
        ($paged.JobId | Sort-Object) | Should -Be ($all.JobId | Sort-Object)
        ($paged.JobId | Select-Object -Unique).Count | Should -Be $paged.Count
        $requests.Count | Should -Be ([math]::Ceiling($all.Count / 2))
        $requests[0].query | Should -Match 'maxResults=2'
        $requests[0].query | Should -Not -Match 'nextToken'
        $requests[1].query | Should -Match 'nextToken='
        foreach ($id in $Many.JobId) { $paged.JobId | Should -Contain $id }
    }

    It 'streams the jobs out as each page arrives' {
        $before = @(Get-EmulatorRequests -Operation ListJobs).Count
        $first = Get-S3BatchJob -PageSize 1 | Select-Object -First 1
        $first | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequests -Operation ListJobs).Count - $before | Should -Be 1
    }

    It 'filters by several statuses, sent as repeated jobStatuses' {
        $jobs = Get-S3BatchJob -Status suspended, Complete
        $jobs.Status | Sort-Object -Unique | Should -Be @('Complete', 'Suspended')
        $jobs.JobId | Should -Contain $Complete.JobId
        $jobs.JobId | Should -Contain $Suspended.JobId
        $last = @(Get-EmulatorRequests -Operation ListJobs)[-1]
        $last.query | Should -Match 'jobStatuses=Suspended'
        $last.query | Should -Match 'jobStatuses=Complete'
    }

    It 'refuses a status outside the model' {
        { Get-S3BatchJob -Status Running } | Should -Throw -ErrorId 'ParameterArgumentValidationError,S3Batch.Cmdlets.GetS3BatchJobCommand'
    }
}

Describe 'Get-S3BatchJob output' {
    It 'prints a table of JobId, Status, Priority, progress, created time and description' {
        $text = Get-S3BatchJob -JobId $Complete.JobId | Out-String -Width 200
        $header = ($text -split "`r?`n" | Where-Object { $_ -match '\S' })[0]
        $header | Should -Match '^JobId\s+Status\s+Priority\s+Progress\s+Created\s+Description\s*$'
        $text | Should -Match ([regex]::Escape($Complete.JobId) + '\s+Complete\s+10\s+100%\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+get: runs to the end')
    }

    It 'has a list view for one job' {
        $text = Get-S3BatchJob -JobId $Complete.JobId | Format-List | Out-String -Width 200
        $text | Should -Match ('JobId\s+: ' + [regex]::Escape($Complete.JobId))
        $text | Should -Match 'Status\s+: Complete'
        $text | Should -Match 'Progress\s+: 2 succeeded, 0 failed of 2 \(100%\)'
        $text | Should -Match 'Manifest\s+: arn:aws:s3:::manifests/'
        $text | Should -Match 'RoleArn\s+: arn:aws:iam::123456789012:role/batch-role'
        $text | Should -Match 'AccountId\s+: 123456789012'
        $text | Should -Not -Match 'FailureReasons'
    }
}

Describe '-JobId completion' {
    It 'offers the job ids ListJobs returns' {
        $line = 'Get-S3BatchJob -JobId '
        $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $found.CompletionText | Should -Contain $Complete.JobId
        $found.CompletionText | Should -Contain $Suspended.JobId
    }

    It 'filters on what is typed' {
        $line = "Get-S3BatchJob -JobId $($Complete.JobId.Substring(0, 8))"
        $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $found.CompletionText | Should -Contain $Complete.JobId
        $found.CompletionText | Should -Not -Contain $Suspended.JobId
    }

    It 'offers only the jobs waiting for confirmation to Start-S3BatchJob' {
        $line = 'Start-S3BatchJob -JobId '
        $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $found.CompletionText | Should -Contain $Suspended.JobId
        $found.CompletionText | Should -Not -Contain $Complete.JobId
    }

    It 'offers nothing, quietly, when the service cannot be reached' {
        $line = 'Get-S3BatchJob -EndpointUrl http://127.0.0.1:9 -JobId '
        $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $found | Should -BeNullOrEmpty
    }
}
