BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/S3BatchJob.TestHelpers.ps1

    function Invoke-InNewRunspace {
        # Runs $Script in a PowerShell of its own with the module imported, so that its progress
        # records can be read and it can be stopped as Ctrl+C stops a pipeline. Returns the PowerShell.
        param([Parameter(Mandatory)][string] $Script, [switch] $Async)
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$ModulePath'; $Script")
        if ($Async) { $script:AsyncResult = $ps.BeginInvoke() } else { $script:Output = $ps.Invoke() }
        $ps
    }
}

AfterAll {
    Set-EmulatorStep 100
    Stop-TestServersIfStarted
}

Describe 'Wait-S3BatchJob' {
    AfterEach { Set-EmulatorStep 100 }

    It 'waits for a job from New-S3BatchJob and outputs it Complete' {
        $job = New-TestJob -Description 'wait: one' | Wait-S3BatchJob -PollInterval 0.1
        $job | Should -BeOfType ([S3Batch.Model.S3BatchJob])
        $job.Status | Should -Be 'Complete'
        $job.ProgressSummary.NumberOfTasksSucceeded | Should -Be 2
        $job.AccountId | Should -Be '123456789012'
        $job.EndpointUrl | Should -Be $env:S3BATCH_TEST_ENDPOINT
    }

    It 'watches three jobs at once, not one after another' {
        $before = @(Get-EmulatorRequests -Operation DescribeJob).Count
        $jobs = 1..3 | ForEach-Object { New-TestJob -Description "wait: three $_" }
        $done = $jobs | Wait-S3BatchJob -PollInterval 0.1
        @($done).Count | Should -Be 3
        $done.Status | Should -Be @('Complete', 'Complete', 'Complete')
        ($done.JobId | Sort-Object) | Should -Be ($jobs.JobId | Sort-Object)
        # Every poll describes every pending job: the third job is asked about before the first is done.
        $paths = @(Get-EmulatorRequests -Operation DescribeJob | Select-Object -Skip $before).path
        $firstOfThird = [array]::FindIndex([string[]]$paths, [Predicate[string]] { param($p) $p.EndsWith($jobs[2].JobId) })
        $lastOfFirst = [array]::FindLastIndex([string[]]$paths, [Predicate[string]] { param($p) $p.EndsWith($jobs[0].JobId) })
        $firstOfThird | Should -BeLessThan $lastOfFirst
        $firstOfThird | Should -BeLessThan 3
    }

    It 'takes job ids as strings from the pipeline' {
        $job = New-TestJob -Description 'wait: by id'
        $done = $job.JobId | Wait-S3BatchJob -PollInterval 0.1
        $done.JobId | Should -Be $job.JobId
        $done.Status | Should -Be 'Complete'
    }

    It 'outputs a Suspended job with a warning' {
        $done = New-TestJob -ConfirmationRequired | Wait-S3BatchJob -PollInterval 0.1 -WarningVariable warn -WarningAction SilentlyContinue
        $done.Status | Should -Be 'Suspended'
        $warn.Count | Should -Be 1
        $warn[0].Message | Should -Match "Job $($done.JobId) is Suspended: it waits for confirmation"
        $warn[0].Message | Should -Match 'Start-S3BatchJob'
    }

    It 'outputs a Failed job' {
        $manifest = New-S3BatchManifest -Bucket manifests -Key missing-manifest.csv -ETag 0123456789abcdef0123456789abcdef
        $done = New-S3BatchCopyOperation -TargetBucket archive |
            New-S3BatchJob -Manifest $manifest -RoleArn batch-role -NoReport | Wait-S3BatchJob -PollInterval 0.1
        $done.Status | Should -Be 'Failed'
        $done.FailureReasons | Should -Not -BeNullOrEmpty
    }

    It 'outputs a Cancelled job' {
        $job = New-TestJob -ConfirmationRequired
        Wait-EmulatorJobStatus $job.JobId Suspended
        Stop-S3BatchJob -JobId $job.JobId -Force
        $done = $job | Wait-S3BatchJob -PollInterval 0.1
        $done.Status | Should -Be 'Cancelled'
    }

    It 'waits through Pausing and Paused' {
        Set-EmulatorStep 400
        $job = New-TestJob -Description 'wait: paused'
        Wait-EmulatorJobStatus $job.JobId Active
        $null = Invoke-Emulator -Path "jobs/$($job.JobId)/pause" -Method Post
        $out = $job | Wait-S3BatchJob -PollInterval 0.1 -Timeout 1.5 -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].Exception.Message + $err[0].ErrorDetails.Message | Should -Match 'Paus(ing|ed)'
        Wait-EmulatorJobStatus $job.JobId Paused
        $null = Invoke-Emulator -Path "jobs/$($job.JobId)/resume" -Method Post
        Set-EmulatorStep 100
        ($job | Wait-S3BatchJob -PollInterval 0.1).Status | Should -Be 'Complete'
    }

    It 'gives one non-terminating error per job still waiting at -Timeout' {
        $ready = New-TestJob -ConfirmationRequired
        Wait-EmulatorJobStatus $ready.JobId Suspended
        Set-EmulatorStep 60000
        $jobs = 1..2 | ForEach-Object { New-TestJob -Description "wait: slow $_" }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $out = $jobs + $ready | Wait-S3BatchJob -PollInterval 0.1 -Timeout 1 -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 4
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1
        $out.JobId | Should -Be $ready.JobId
        $err.Count | Should -Be 2
        $err.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be 'WaitS3BatchJobTimeout,S3Batch.Cmdlets.WaitS3BatchJobCommand'
        ($err.TargetObject | Sort-Object) | Should -Be ($jobs.JobId | Sort-Object)
        $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $err[0].ErrorDetails.Message | Should -Match 'still running after 1 s \((New|Preparing)'
    }

    It 'reports a job it cannot describe and waits for the others' {
        $job = New-TestJob
        $out = '00000000-0000-0000-0000-000000000000', $job.JobId |
            Wait-S3BatchJob -PollInterval 0.1 -ErrorVariable err -ErrorAction SilentlyContinue
        $out.JobId | Should -Be $job.JobId
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'WaitS3BatchJobNotFoundException,S3Batch.Cmdlets.WaitS3BatchJobCommand'
        $err[0].TargetObject | Should -Be '00000000-0000-0000-0000-000000000000'
    }

    It 'watches the same job once when it is given twice' {
        $job = New-TestJob
        $out = $job, $job.JobId | Wait-S3BatchJob -PollInterval 0.1
        @($out).Count | Should -Be 1
    }

    It 'shows one progress record per job, with tasks succeeded, failed and total, and completes it' {
        $jobs = 1..2 | ForEach-Object { New-TestJob -Description "wait: progress $_" }
        $ps = Invoke-InNewRunspace "'$($jobs[0].JobId)', '$($jobs[1].JobId)' | Wait-S3BatchJob -PollInterval 0.1"
        try {
            $Output.Count | Should -Be 2
            $progress = @($ps.Streams.Progress)
            ($progress.ActivityId | Sort-Object -Unique) | Should -Be @(1, 2)
            foreach ($job in $jobs) {
                $records = @($progress | Where-Object Activity -eq "S3 Batch job $($job.JobId)")
                $records.Count | Should -BeGreaterThan 1
                ($records.ActivityId | Sort-Object -Unique).Count | Should -Be 1
                $records[0..($records.Count - 2)].StatusDescription | ForEach-Object { $_ | Should -Match '^(New|Preparing|Ready|Active|Completing): \d+ succeeded, \d+ failed of (\d+|\?)$' }
                $records[-1].RecordType | Should -Be 'Completed'
                $running = @($records | Where-Object StatusDescription -match '^(Active|Completing):')
                if ($running) { $running[-1].PercentComplete | Should -BeIn @(50, 100) }
            }
        } finally { $ps.Dispose() }
    }

    It 'ends at once on Ctrl+C (StopProcessing)' {
        Set-EmulatorStep 60000
        $job = New-TestJob
        $ps = Invoke-InNewRunspace "Wait-S3BatchJob -JobId '$($job.JobId)' -PollInterval 30" -Async
        try {
            Wait-Until -TimeoutSeconds 10 -What 'the first poll' -Condition { $ps.Streams.Progress.Count -gt 0 }
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        } finally { $ps.Dispose() }
    }

    It 'refuses a -PollInterval below 0.05 s' {
        { Wait-S3BatchJob -JobId abcdef -PollInterval 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,S3Batch.Cmdlets.WaitS3BatchJobCommand'
    }
}
