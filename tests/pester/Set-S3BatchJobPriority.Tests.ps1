BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/S3BatchJob.TestHelpers.ps1
    $script:Job = New-TestJob -ConfirmationRequired
}

AfterAll { Stop-TestServersIfStarted }

Describe 'Set-S3BatchJobPriority' {
    It 'changes the priority' {
        Set-S3BatchJobPriority -JobId $Job.JobId -Priority 42 | Should -BeNullOrEmpty
        $request = @(Get-EmulatorRequests -Operation UpdateJobPriority)[-1]
        $request.method | Should -Be 'POST'
        $request.path | Should -Be "/v20180820/jobs/$($Job.JobId)/priority"
        $request.query | Should -Be 'priority=42'
        (Get-EmulatorJob $Job.JobId).priority | Should -Be 42
    }

    It 'takes job objects from the pipeline and outputs them with -PassThru' {
        $out = $Job | Set-S3BatchJobPriority -Priority 7 -PassThru
        $out.JobId | Should -Be $Job.JobId
        $out.Priority | Should -Be 7
        $out.AccountId | Should -Be '123456789012'
    }

    It 'never takes the priority from a piped job' {
        $param = (Get-Command Set-S3BatchJobPriority).Parameters['Priority']
        $param.Attributes.Where({ $_ -is [Parameter] }).ValueFromPipelineByPropertyName | Should -Not -Contain $true
    }

    It 'accepts 0 and 2147483647, and refuses -1 before sending' {
        Set-S3BatchJobPriority -JobId $Job.JobId -Priority 0
        (Get-EmulatorJob $Job.JobId).priority | Should -Be 0
        Set-S3BatchJobPriority -JobId $Job.JobId -Priority ([int]::MaxValue)
        (Get-EmulatorJob $Job.JobId).priority | Should -Be ([int]::MaxValue)
        $before = @(Get-EmulatorRequests -Operation UpdateJobPriority).Count
        { Set-S3BatchJobPriority -JobId $Job.JobId -Priority -1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'SetS3BatchJobPriorityBelowMinimum,S3Batch.Cmdlets.SetS3BatchJobPriorityCommand'
        @(Get-EmulatorRequests -Operation UpdateJobPriority).Count | Should -Be $before
    }

    It 'sends nothing with -WhatIf, and shows the request' {
        $before = @(Get-EmulatorRequests -Operation UpdateJobPriority).Count
        $text = Get-WhatIfText { Set-S3BatchJobPriority -JobId $Job.JobId -Priority 99 -WhatIf }
        $text | Should -Match "What if: Set the priority of S3 Batch Operations job $($Job.JobId) to 99"
        $text | Should -Match ([regex]::Escape("/v20180820/jobs/$($Job.JobId)/priority?priority=99"))
        @(Get-EmulatorRequests -Operation UpdateJobPriority).Count | Should -Be $before
    }

    It 'reports an unknown job with AWS''s code' {
        Set-S3BatchJobPriority -JobId 00000000-0000-0000-0000-000000000000 -Priority 1 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'SetS3BatchJobPriorityNotFoundException,S3Batch.Cmdlets.SetS3BatchJobPriorityCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be '00000000-0000-0000-0000-000000000000'
    }
}
