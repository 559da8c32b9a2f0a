# The example session of the interface page (shared/design/interface.md), as a user would type it,
# against the emulator and s3rver.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $null = Write-TestObject -Bucket source -Key 'january/a.txt' -Content 'a'
    $null = Write-TestObject -Bucket source -Key 'january/b c.txt' -Content 'b'
    $null = Write-TestObject -Bucket inventory-bucket -Key 'manifests/january.csv' -Content "source,january/a.txt`nsource,january/b%20c.txt`n"
}
AfterAll { Stop-TestServersIfStarted }

Describe 'The interface page''s example session' {
    It 'creates the copy job of the first pipeline' {
        Reset-Emulator
        $manifest = New-S3BatchManifest -Bucket inventory-bucket -Key manifests/january.csv   # ETag looked up for you
        $job = New-S3BatchCopyOperation -TargetBucket archive-bucket -StorageClass GLACIER_IR |
            New-S3BatchJob -Manifest $manifest -RoleArn batch-ops-role -ReportBucket report-bucket
        $job.JobId | Should -Not -BeNullOrEmpty
        $request = [xml](Get-EmulatorRequests -Operation CreateJob)[0].body
        $request.CreateJobRequest.Operation.S3PutObjectCopy.TargetResource | Should -Be 'arn:aws:s3:::archive-bucket'
        $request.CreateJobRequest.Operation.S3PutObjectCopy.StorageClass | Should -Be 'GLACIER_IR'
        $request.CreateJobRequest.RoleArn | Should -Be 'arn:aws:iam::123456789012:role/batch-ops-role'
        $request.CreateJobRequest.Report.Bucket | Should -Be 'arn:aws:s3:::report-bucket'
        $request.CreateJobRequest.Manifest.Location.ETag | Should -Be $manifest.Location.ETag
    }

    It 'runs the whole first pipeline to the failed tasks of the report' {
        $manifest = New-S3BatchManifest -Bucket inventory-bucket -Key manifests/january.csv
        $failed = New-S3BatchCopyOperation -TargetBucket archive-bucket -StorageClass GLACIER_IR |
            New-S3BatchJob -Manifest $manifest -RoleArn batch-ops-role -ReportBucket report-bucket |
            Wait-S3BatchJob -PollInterval 0.2 |
            Get-S3BatchJobReport -FailedOnly
        @($failed).Count | Should -Be 0
        $list = [Amazon.S3.Model.ListObjectsV2Request]@{ BucketName = 'archive-bucket' }
        $copies = (New-TestS3Client).ListObjectsV2Async($list).GetAwaiter().GetResult().S3Objects.Key
        $copies | Should -Contain 'january/a.txt'
        $copies | Should -Contain 'january/b c.txt'
    }

    It 're-runs only what failed, as the second pipeline does' {
        $null = Write-TestObject -Bucket inventory-bucket -Key 'manifests/with-missing.csv' -Content "source,january/a.txt`nsource,january/missing.txt`n"
        $job = New-S3BatchCopyOperation -TargetBucket archive-bucket |
            New-S3BatchJob -Manifest (New-S3BatchManifest -Bucket inventory-bucket -Key manifests/with-missing.csv) -RoleArn batch-ops-role -ReportBucket report-bucket |
            Wait-S3BatchJob -PollInterval 0.2
        $id = $job.JobId

        # re-run only what failed
        $retry = Get-S3BatchJobReport -JobId $id -FailedOnly |
            Export-S3BatchManifest -Bucket manifests -Key retry/january.csv |
            ForEach-Object { New-S3BatchCopyOperation -TargetBucket archive-bucket |
                             New-S3BatchJob -Manifest $_ -RoleArn batch-ops-role -ReportBucket report-bucket }
        $retry.JobId | Should -Not -BeNullOrEmpty
        $rows = (New-TestS3Client).GetObjectAsync('manifests', 'retry/january.csv').GetAwaiter().GetResult()
        [IO.StreamReader]::new($rows.ResponseStream).ReadToEnd() | Should -Be "source,january/missing.txt`n"
    }
}
