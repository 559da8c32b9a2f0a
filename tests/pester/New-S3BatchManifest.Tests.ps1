BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:ETag = Write-TestObject -Bucket manifests -Key 'lists/jan uary.csv' -Content "source,a.txt`nsource,b.txt`n"
}
AfterAll { Stop-TestServersIfStarted }

Describe 'New-S3BatchManifest' {
    It 'looks the ETag up with HeadObject and sends it without quotes' {
        $m = New-S3BatchManifest -Bucket manifests -Key 'lists/jan uary.csv'
        $m | Should -BeOfType S3Batch.Model.JobManifest
        $m.Location.ETag | Should -Be $script:ETag
        $m.Location.ETag | Should -Not -Match '"'
        $m.Location.ObjectArn | Should -Be 'arn:aws:s3:::manifests/lists/jan uary.csv'
        $m.Spec.Format | Should -Be 'S3BatchOperations_CSV_20180820'
        @($m.Spec.Fields) | Should -Be @('Bucket', 'Key')
    }

    It 'takes -ETag as given (quotes removed) and then calls nothing' {
        $m = New-S3BatchManifest -Bucket manifests -Key nowhere.csv -ETag '"abc"' -S3EndpointUrl 'http://127.0.0.1:9'
        $m.Location.ETag | Should -Be 'abc'
    }

    It 'takes an object ARN, a version id and the fields' {
        $m = New-S3BatchManifest -ObjectArn 'arn:aws:s3:::manifests/lists/jan uary.csv' -Field Ignore, Bucket, Key, VersionId -VersionId v1 -ETag e
        $m.Location.ObjectArn | Should -Be 'arn:aws:s3:::manifests/lists/jan uary.csv'
        $m.Location.ObjectVersionId | Should -Be 'v1'
        @($m.Spec.Fields) | Should -Be @('Ignore', 'Bucket', 'Key', 'VersionId')
    }

    It 'describes an inventory report, and refuses -Field with it' {
        (New-S3BatchManifest -Bucket manifests -Key inv/manifest.json -Format InventoryReport -ETag e).Spec.Format | Should -Be 'S3InventoryReport_CSV_20161130'
        New-S3BatchManifest -Bucket manifests -Key inv/manifest.json -Format InventoryReport -Field Bucket -ETag e -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'NewS3BatchManifestFieldWithInventory,S3Batch.Cmdlets.NewS3BatchManifestCommand'
    }

    It 'says clearly when the manifest object does not exist' {
        New-S3BatchManifest -Bucket manifests -Key missing.csv -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Match '^NewS3BatchManifest(NotFound|NoSuchKey),'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'manifests/missing.csv'
    }

    It 'refuses an ARN that is not an object ARN' {
        New-S3BatchManifest -ObjectArn 'arn:aws:s3:::bucketonly' -ETag e -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'NewS3BatchManifestInvalidObjectArn,S3Batch.Cmdlets.NewS3BatchManifestCommand'
    }
}
