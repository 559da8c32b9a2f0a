# Whole jobs through the local S3 (s3rver) and the emulator: objects listed and exported as a
# manifest, the job created and waited for, then the objects in the target bucket and every row
# of the completion report checked.
BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/S3BatchManifest.TestHelpers.ps1

    function Invoke-TestJob {
        # Operation from the pipeline, manifest from -Manifest; waits for the end.
        param([Parameter(ValueFromPipeline)] $Operation, $Manifest)
        process { $Operation | New-S3BatchJob -Manifest $Manifest -RoleArn batch-role -ReportBucket reports | Wait-S3BatchJob -PollInterval 0.1 }
    }

    function Format-Row { process { '{0}|{1}|{2}|{3}|{4}' -f $_.Bucket, $_.Key, $_.TaskStatus, $_.ErrorCode, $_.HttpStatusCode } }
}
AfterAll { Stop-TestServersIfStarted }

Describe 'End to end on s3rver' {
    It 'copies every listed object to the target bucket, and the report has a succeeded row for each' {
        $p = New-TestPrefix
        $keys = 1..20 | ForEach-Object { "$($p)file $_.txt" }
        Write-PlainObject -Bucket source -Key $keys
        $job = New-S3BatchCopyOperation -TargetBucket archive |
            Invoke-TestJob -Manifest (Export-S3BatchManifest -SourceBucket source -Prefix $p -Bucket manifests -Key "$($p)copy.csv")
        $job.Status | Should -Be 'Complete'
        Get-TestObjectKeys -Bucket archive -Prefix $p | Sort-Object | Should -Be ($keys | Sort-Object)
        foreach ($k in $keys) { Read-TestObject -Bucket archive -Key $k | Should -BeExactly "content of $k" }
        $rows = @($job | Get-S3BatchJobReport)
        ($rows | Format-Row | Sort-Object) | Should -Be ($keys | ForEach-Object { "source|$_|succeeded||200" } | Sort-Object)
        $rows.ResultMessage | Sort-Object -Unique | Should -Be 'Successful'
    }

    It 'tags every object of a tagging job, and the report has a row for each' {
        $p = New-TestPrefix
        $keys = 1..6 | ForEach-Object { "$($p)t$_" }
        Write-PlainObject -Bucket source -Key $keys
        $job = New-S3BatchTaggingOperation -Tag @{ project = 'alpha'; tier = 'cold' } |
            Invoke-TestJob -Manifest ($keys | Export-S3BatchManifest -SourceBucket source -Bucket manifests -Key "$($p)tag.csv")
        $job.Status | Should -Be 'Complete'
        foreach ($k in $keys) {
            $tags = Get-TestObjectTags -Bucket source -Key $k
            $tags.Count | Should -Be 2
            $tags.project | Should -Be 'alpha'
            $tags.tier | Should -Be 'cold'
        }
        ($job | Get-S3BatchJobReport | Format-Row | Sort-Object) | Should -Be ($keys | ForEach-Object { "source|$_|succeeded||200" } | Sort-Object)
    }

    It 'reports every failing task, and re-running the failed tasks is one pipeline' {
        $p = New-TestPrefix
        $keys = 1..8 | ForEach-Object { "$($p)f$_" }
        Write-PlainObject -Bucket source -Key $keys
        $manifest = Export-S3BatchManifest -SourceBucket source -Prefix $p -Bucket manifests -Key "$($p)fail.csv"
        $gone = $keys[1], $keys[4], $keys[7]
        Remove-TestObject -Bucket source -Key $gone            # listed in the manifest, deleted before the job runs
        $job = New-S3BatchCopyOperation -TargetBucket archive | Invoke-TestJob -Manifest $manifest
        $job.Status | Should -Be 'Complete'
        $rows = @($job | Get-S3BatchJobReport)
        $expected = $keys | ForEach-Object { if ($_ -in $gone) { "source|$_|failed|NoSuchKey|404" } else { "source|$_|succeeded||200" } }
        ($rows | Format-Row | Sort-Object) | Should -Be ($expected | Sort-Object)
        ($rows | Where-Object TaskStatus -eq failed).ResultMessage | ForEach-Object { $_ | Should -Match 'NoSuchKey' }
        Get-TestObjectKeys -Bucket archive -Prefix $p | Sort-Object | Should -Be ($keys | Where-Object { $_ -notin $gone } | Sort-Object)
        $summary = @($job | Get-S3BatchJobReport -Summary)
        ($summary | ForEach-Object { "$($_.TaskStatus)|$($_.ErrorCode)|$($_.Count)" } | Sort-Object) | Should -Be @('failed|NoSuchKey|3', 'succeeded||5')

        # Put the missing objects back and re-run only what failed.
        Write-PlainObject -Bucket source -Key $gone
        $retry = $job | Get-S3BatchJobReport -FailedOnly |
            Export-S3BatchManifest -Bucket manifests -Key "$($p)retry.csv" |
            ForEach-Object { New-S3BatchCopyOperation -TargetBucket archive | Invoke-TestJob -Manifest $_ }
        ($retry | Get-S3BatchJobReport | Format-Row | Sort-Object) | Should -Be ($gone | ForEach-Object { "source|$_|succeeded||200" } | Sort-Object)
        Get-TestObjectKeys -Bucket archive -Prefix $p | Sort-Object | Should -Be ($keys | Sort-Object)
    }

    It 'round-trips awkward keys through the manifest, a real copy job and the report' {
        $p = New-TestPrefix
        $segment = 'y' * 200
        $long = $p + (@($segment) * 5 -join '/')
        $long = $long + ('z' * (1024 - [Text.Encoding]::UTF8.GetByteCount($long)))   # a 1024-byte key (s3rver keeps each '/' segment a file name)
        [Text.Encoding]::UTF8.GetByteCount($long) | Should -Be 1024
        $keys = @(
            "$($p)with space", "$($p)a+b", "$($p)50%", "$($p)%2520", "$($p)com,ma", "$($p)`"quoted`"", "$($p)line`nbreak",
            "$($p)café/naïve", "$($p)日本語", "$($p)emoji 😀", "$($p)~-_.!*'()", "$($p)semi;colon=eq&amp", $long
        )
        Write-PlainObject -Bucket source -Key $keys
        Get-TestObjectKeys -Bucket source -Prefix $p | Sort-Object | Should -Be ($keys | Sort-Object)
        $manifest = Export-S3BatchManifest -SourceBucket source -Prefix $p -Bucket manifests -Key "$($p)awkward.csv"
        $job = New-S3BatchCopyOperation -TargetBucket archive | Invoke-TestJob -Manifest $manifest
        $job.Status | Should -Be 'Complete'
        $rows = @($job | Get-S3BatchJobReport)
        ($rows | Format-Row | Sort-Object) | Should -Be ($keys | ForEach-Object { "source|$_|succeeded||200" } | Sort-Object)
        Get-TestObjectKeys -Bucket archive -Prefix $p | Sort-Object | Should -Be ($keys | Sort-Object)
        foreach ($k in $keys) { Read-TestObject -Bucket archive -Key $k | Should -BeExactly "content of $k" }

        # And back: the report's rows export to the same manifest bytes.
        $again = $rows | Sort-Object Key | Export-S3BatchManifest -Bucket manifests -Key "$($p)again.csv"
        (Read-TestObject -Bucket manifests -Key "$($p)again.csv").Split("`n") | Sort-Object | Should -Be ((Read-TestObject -Bucket manifests -Key "$($p)awkward.csv").Split("`n") | Sort-Object)
    }
}
