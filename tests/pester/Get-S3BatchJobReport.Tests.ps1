BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/S3BatchManifest.TestHelpers.ps1
    $script:Id = 'S3Batch.Cmdlets.GetS3BatchJobReportCommand'

    function New-ReportJob {
        # A copy job over $Present (written to source/) and $Missing (never written), run to the end.
        param([string[]] $Present, [string[]] $Missing = @(), [hashtable] $JobParameters = @{ ReportBucket = 'reports' })
        if ($Present) { Write-PlainObject -Bucket source -Key $Present }
        $manifest = @($Present) + @($Missing) | Where-Object { $_ } | Export-S3BatchManifest -SourceBucket source -Bucket manifests -Key "$(New-TestPrefix)m.csv"
        New-S3BatchCopyOperation -TargetBucket archive | New-S3BatchJob -Manifest $manifest -RoleArn batch-role @JobParameters | Wait-S3BatchJob -PollInterval 0.1
    }

    $script:Prefix = New-TestPrefix
    $script:Job = New-ReportJob -Present "$($script:Prefix)a b.txt", "$($script:Prefix)c+d.txt" -Missing "$($script:Prefix)gone 1", "$($script:Prefix)gone,2"
}
AfterAll { Stop-TestServersIfStarted }

Describe 'Get-S3BatchJobReport' {
    It 'outputs one object per task, keys decoded, from a piped job' {
        $script:Job.Status | Should -Be 'Complete'
        $rows = @($script:Job | Get-S3BatchJobReport | Sort-Object Key)
        $rows.Count | Should -Be 4
        $rows[0] | Should -BeOfType S3Batch.Manifests.TaskResult
        ($rows | ForEach-Object { "$($_.Bucket)|$($_.Key)|$($_.VersionId)|$($_.TaskStatus)|$($_.ErrorCode)|$($_.HttpStatusCode)" }) | Should -Be @(
            "source|$($script:Prefix)a b.txt||succeeded||200"
            "source|$($script:Prefix)c+d.txt||succeeded||200"
            "source|$($script:Prefix)gone 1||failed|NoSuchKey|404"
            "source|$($script:Prefix)gone,2||failed|NoSuchKey|404"
        )
        $rows[0].ResultMessage | Should -Be 'Successful'
        $rows[2].ResultMessage | Should -Match 'NoSuchKey'
    }

    It 'takes the job id as a string, and -FailedOnly reads only the failed results' {
        $rows = @(Get-S3BatchJobReport -JobId $script:Job.JobId -FailedOnly -Verbose 4>&1 | Tee-Object -Variable all | Where-Object { $_ -is [S3Batch.Manifests.TaskResult] })
        $rows.Key | Sort-Object | Should -Be @("$($script:Prefix)gone 1", "$($script:Prefix)gone,2")
        $reads = @($all | Where-Object { "$_" -match '^GetObject .*results/' })
        $reads.Count | Should -Be 1
        "$($reads[0])" | Should -Match '\(failed tasks\)'
    }

    It 'counts by status and error code with -Summary' {
        $summary = @($script:Job | Get-S3BatchJobReport -Summary)
        $summary.Count | Should -Be 2
        ($summary | ForEach-Object { "$($_.TaskStatus)|$($_.ErrorCode)|$($_.Count)|$($_.JobId)" }) | Sort-Object | Should -Be @(
            "failed|NoSuchKey|2|$($script:Job.JobId)"
            "succeeded||2|$($script:Job.JobId)"
        )
        (@($script:Job | Get-S3BatchJobReport -Summary -FailedOnly)).Count | Should -Be 1
    }

    It 'pipes into Export-S3BatchManifest: re-running the failed tasks is one pipeline' {
        $m = $script:Job | Get-S3BatchJobReport -FailedOnly | Export-S3BatchManifest -Bucket manifests -Key "$($script:Prefix)retry.csv"
        $text = Read-TestObject -Bucket manifests -Key "$($script:Prefix)retry.csv"
        ($text.TrimEnd("`n").Split("`n") | Sort-Object) | Should -Be @("source,$($script:Prefix)gone%201", "source,$($script:Prefix)gone%2C2")
        $m.Location.ETag | Should -Be (Get-TestObjectETag -Bucket manifests -Key "$($script:Prefix)retry.csv")
    }

    It 'finds the report under -ReportPrefix, and with ReportScope FailedTasksOnly has only failed rows' {
        $p = New-TestPrefix
        $job = New-ReportJob -Present "$($p)ok" -Missing "$($p)missing" -JobParameters @{ ReportBucket = 'reports'; ReportPrefix = 'deep/er/'; ReportScope = 'FailedTasksOnly' }
        Read-TestObject -Bucket reports -Key "deep/er/job-$($job.JobId)/manifest.json" | Should -Not -BeNullOrEmpty
        $rows = @($job | Get-S3BatchJobReport)
        $rows.Count | Should -Be 1
        $rows[0].Key | Should -Be "$($p)missing"
        $rows[0].TaskStatus | Should -Be 'failed'
    }

    It 'says clearly when the job has no report' {
        $p = New-TestPrefix
        $job = New-ReportJob -Present "$($p)x" -JobParameters @{ NoReport = $true }
        $job | Get-S3BatchJobReport -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be "GetS3BatchJobReportNoReport,$script:Id"
        $err[0].TargetObject | Should -Be $job.JobId
        $err[0].ErrorDetails.Message | Should -Match 'without a completion report'
    }

    It 'says clearly when the job is not finished' {
        $p = New-TestPrefix
        Write-PlainObject -Bucket source -Key "$($p)y"
        $m = "$($p)y" | Export-S3BatchManifest -SourceBucket source -Bucket manifests -Key "$($p)m.csv"
        $job = New-S3BatchCopyOperation -TargetBucket archive | New-S3BatchJob -Manifest $m -RoleArn batch-role -ReportBucket reports -ConfirmationRequired
        $job | Get-S3BatchJobReport -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be "GetS3BatchJobReportJobNotFinished,$script:Id"
        $err[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
    }

    It 'says clearly when a finished job wrote no report (it failed before any task ran)' {
        $p = New-TestPrefix
        Write-PlainObject -Bucket source -Key "$($p)z"
        $m = "$($p)z" | Export-S3BatchManifest -SourceBucket source -Bucket manifests -Key "$($p)m.csv"
        $m.Location.ETag = '0123456789abcdef0123456789abcdef'   # an ETag mismatch fails the job
        $job = New-S3BatchCopyOperation -TargetBucket archive | New-S3BatchJob -Manifest $m -RoleArn batch-role -ReportBucket reports | Wait-S3BatchJob -PollInterval 0.1
        $job.Status | Should -Be 'Failed'
        $job | Get-S3BatchJobReport -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be "GetS3BatchJobReportReportNotFound,$script:Id"
        $err[0].ErrorDetails.Message | Should -Match 'ManifestETagMismatch'
    }

    It 'goes on with the next job after one that fails' {
        $rows = @('00000000-0000-0000-0000-000000000000', $script:Job.JobId | Get-S3BatchJobReport -ErrorVariable err -ErrorAction SilentlyContinue)
        $rows.Count | Should -Be 4
        $err.Count | Should -Be 1
    }
}
