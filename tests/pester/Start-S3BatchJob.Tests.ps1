BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/S3BatchJob.TestHelpers.ps1
}

AfterAll { Stop-TestServersIfStarted }

Describe 'Start-S3BatchJob' {
    It 'confirms a Suspended job, which then runs to the end' {
        $job = New-TestJob -ConfirmationRequired
        Wait-EmulatorJobStatus $job.JobId Suspended
        Start-S3BatchJob -JobId $job.JobId | Should -BeNullOrEmpty
        $request = @(Get-EmulatorRequests -Operation UpdateJobStatus)[-1]
        $request.method | Should -Be 'POST'
        $request.path | Should -Be "/v20180820/jobs/$($job.JobId)/status"
        $request.query | Should -Be 'requestedJobStatus=Ready'
        ($job | Wait-S3BatchJob -PollInterval 0.1).Status | Should -Be 'Complete'
    }

    It 'outputs the job with -PassThru' {
        $job = New-TestJob -ConfirmationRequired
        Wait-EmulatorJobStatus $job.JobId Suspended
        $out = $job | Start-S3BatchJob -PassThru
        $out | Should -BeOfType ([S3Batch.Model.S3BatchJob])
        $out.JobId | Should -Be $job.JobId
        $out.Status | Should -BeIn 'Ready', 'Active', 'Completing', 'Complete'
        $out.AccountId | Should -Be '123456789012'
        $out.JobArn | Should -Not -BeNullOrEmpty
    }

    It 'starts every job that Get-S3BatchJob -Status Suspended lists' {
        $jobs = 1..2 | ForEach-Object { New-TestJob -ConfirmationRequired }
        $jobs | ForEach-Object { Wait-EmulatorJobStatus $_.JobId Suspended }
        $started = Get-S3BatchJob -Status Suspended | Start-S3BatchJob -PassThru
        foreach ($job in $jobs) { $started.JobId | Should -Contain $job.JobId }
        Get-S3BatchJob -Status Suspended | Should -BeNullOrEmpty
    }

    It 'returns the refusal of a job that is not Suspended with AWS''s code and message' {
        $job = New-TestJob | Wait-S3BatchJob -PollInterval 0.1
        $job.Status | Should -Be 'Complete'
        Start-S3BatchJob -JobId $job.JobId -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'StartS3BatchJobJobStatusException,S3Batch.Cmdlets.StartS3BatchJobCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err[0].TargetObject | Should -Be $job.JobId
        $err[0].Exception.ErrorCode | Should -Be 'JobStatusException'
        $err[0].Exception.ServiceMessage | Should -Be "Job $($job.JobId) is in status Complete; only a job in status Suspended can be moved to Ready."
        $err[0].ErrorDetails.Message | Should -Match 'JobStatusException: Job .* is in status Complete'
        { Start-S3BatchJob -JobId $job.JobId -ErrorAction Stop } |
            Should -Throw -ErrorId 'StartS3BatchJobJobStatusException,S3Batch.Cmdlets.StartS3BatchJobCommand'
    }

    It 'refuses to confirm an Active job on the first attempt' {
        Set-EmulatorStep 2000
        try {
            $job = New-TestJob
            Wait-EmulatorJobStatus $job.JobId Active
            { Start-S3BatchJob -JobId $job.JobId -ErrorAction Stop } |
                Should -Throw -ErrorId 'StartS3BatchJobJobStatusException,S3Batch.Cmdlets.StartS3BatchJobCommand'
        } finally { Set-EmulatorStep 100 }
    }

    It 'counts a retry that finds the job already confirmed as done' {
        $job = New-TestJob -ConfirmationRequired
        Wait-EmulatorJobStatus $job.JobId Suspended
        $before = @(Get-EmulatorRequests -Operation UpdateJobStatus).Count
        Set-EmulatorFault -Operation UpdateJobStatus -Kind resetAfter
        $out = Start-S3BatchJob -JobId $job.JobId -PassThru -ErrorVariable err
        $err | Should -BeNullOrEmpty
        $out.Status | Should -BeIn 'Ready', 'Active', 'Completing', 'Complete'
        @(Get-EmulatorRequests -Operation UpdateJobStatus).Count - $before | Should -Be 2
    }

    It 'sends nothing with -WhatIf, and shows the request' {
        $job = New-TestJob -ConfirmationRequired
        Wait-EmulatorJobStatus $job.JobId Suspended
        $before = @(Get-EmulatorRequests -Operation UpdateJobStatus).Count
        $text = Get-WhatIfText { Start-S3BatchJob -JobId $job.JobId -WhatIf }
        $text | Should -Match "What if: Confirm S3 Batch Operations job $($job.JobId)"
        $text | Should -Match ([regex]::Escape("POST $env:S3BATCH_TEST_ENDPOINT/v20180820/jobs/$($job.JobId)/status?requestedJobStatus=Ready"))
        $text | Should -Not -Match 'Signature|S3RVER'
        @(Get-EmulatorRequests -Operation UpdateJobStatus).Count | Should -Be $before
        (Get-EmulatorJob $job.JobId).status | Should -Be 'Suspended'
    }

    It 'reports an unknown job as NotFoundException' {
        { Start-S3BatchJob -JobId 00000000-0000-0000-0000-000000000000 -ErrorAction Stop } |
            Should -Throw -ErrorId 'StartS3BatchJobNotFoundException,S3Batch.Cmdlets.StartS3BatchJobCommand'
    }
}
