BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/S3BatchJob.TestHelpers.ps1
}

AfterAll { Stop-TestServersIfStarted }

Describe 'Stop-S3BatchJob' {
    It 'cancels a job with -Force and sends the reason' {
        $job = New-TestJob -ConfirmationRequired
        Wait-EmulatorJobStatus $job.JobId Suspended
        Stop-S3BatchJob -JobId $job.JobId -Reason 'wrong bucket' -Force | Should -BeNullOrEmpty
        $request = @(Get-EmulatorRequests -Operation UpdateJobStatus)[-1]
        $request.path | Should -Be "/v20180820/jobs/$($job.JobId)/status"
        $request.query | Should -Be 'requestedJobStatus=Cancelled&statusUpdateReason=wrong%20bucket'
        $done = $job | Wait-S3BatchJob -PollInterval 0.1
        $done.Status | Should -Be 'Cancelled'
        $done.StatusUpdateReason | Should -Be 'wrong bucket'
    }

    It 'outputs the job with -PassThru, from the pipeline, with -Confirm:$false' {
        $job = New-TestJob -ConfirmationRequired
        Wait-EmulatorJobStatus $job.JobId Suspended
        $out = $job | Stop-S3BatchJob -Confirm:$false -PassThru
        $out.JobId | Should -Be $job.JobId
        $out.Status | Should -BeIn 'Cancelling', 'Cancelled'
        $out.AccountId | Should -Be '123456789012'
    }

    It 'has ConfirmImpact High' {
        $meta = [System.Management.Automation.CommandMetadata]::new((Get-Command Stop-S3BatchJob))
        $meta.ConfirmImpact | Should -Be 'High'
        $meta.SupportsShouldProcess | Should -BeTrue
    }

    It 'sends nothing with -WhatIf, even with -Force, and shows the request' {
        $job = New-TestJob -ConfirmationRequired
        Wait-EmulatorJobStatus $job.JobId Suspended
        $before = @(Get-EmulatorRequests -Operation UpdateJobStatus).Count
        $text = Get-WhatIfText { Stop-S3BatchJob -JobId $job.JobId -Reason 'not now' -Force -WhatIf }
        $text | Should -Match "What if: Cancel S3 Batch Operations job $($job.JobId) \(status Cancelled\) because: not now"
        $text | Should -Match ([regex]::Escape("/v20180820/jobs/$($job.JobId)/status?requestedJobStatus=Cancelled&statusUpdateReason=not%20now"))
        @(Get-EmulatorRequests -Operation UpdateJobStatus).Count | Should -Be $before
        (Get-EmulatorJob $job.JobId).status | Should -Be 'Suspended'
    }

    It 'returns the refusal of a finished job with AWS''s code and message' {
        $job = New-TestJob | Wait-S3BatchJob -PollInterval 0.1
        Stop-S3BatchJob -JobId $job.JobId -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'StopS3BatchJobJobStatusException,S3Batch.Cmdlets.StopS3BatchJobCommand'
        $err[0].TargetObject | Should -Be $job.JobId
        $err[0].Exception.ServiceMessage | Should -Be "Job $($job.JobId) is in status Complete and cannot be cancelled."
    }

    It 'counts a retry that finds the job already Cancelling as done' {
        $job = New-TestJob -ConfirmationRequired
        Wait-EmulatorJobStatus $job.JobId Suspended
        $before = @(Get-EmulatorRequests -Operation UpdateJobStatus).Count
        Set-EmulatorFault -Operation UpdateJobStatus -Kind resetAfter
        $out = Stop-S3BatchJob -JobId $job.JobId -Force -PassThru -ErrorVariable err -Verbose 4>&1
        $err | Should -BeNullOrEmpty
        $job = $out | Where-Object { $_ -is [S3Batch.Model.S3BatchJob] }
        $job.Status | Should -BeIn 'Cancelling', 'Cancelled'
        ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match 'an earlier attempt made the change'
        @(Get-EmulatorRequests -Operation UpdateJobStatus).Count - $before | Should -Be 2
    }

    It 'still fails when every attempt gets no answer' {
        $job = New-TestJob -ConfirmationRequired
        Wait-EmulatorJobStatus $job.JobId Suspended
        Set-EmulatorFault -Operation UpdateJobStatus -Kind resetBefore -Times 3
        { Stop-S3BatchJob -JobId $job.JobId -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'StopS3BatchJobOutcomeUnknown,S3Batch.Cmdlets.StopS3BatchJobCommand'
        (Get-EmulatorJob $job.JobId).status | Should -Be 'Suspended'
    }

    It 'checks -Reason against the model before sending' {
        $before = @(Get-EmulatorRequests -Operation UpdateJobStatus).Count
        { Stop-S3BatchJob -JobId abcdef -Reason ('x' * 257) -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'StopS3BatchJobTooLong,S3Batch.Cmdlets.StopS3BatchJobCommand'
        { Stop-S3BatchJob -JobId abcdef -Reason '' -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'StopS3BatchJobTooShort,S3Batch.Cmdlets.StopS3BatchJobCommand'
        @(Get-EmulatorRequests -Operation UpdateJobStatus).Count | Should -Be $before
    }
}
