BeforeAll { . $PSScriptRoot/common.ps1 }
AfterAll { Stop-TestServersIfStarted }

Describe 'New-S3BatchManifestGenerator' {
    It 'maps every filter and enables output exactly when -OutputBucket is given' {
        $g = (New-S3BatchManifestGenerator -SourceBucket source -KeyPrefix a/, b/ -KeySuffix .jpg -KeySubstring 2025 -CreatedAfter ([datetime]'2025-01-01Z') `
                -CreatedBefore ([datetime]'2026-01-01Z') -ObjectSizeGreaterThan 10 -ObjectSizeLessThan 100 -StorageClass STANDARD, GLACIER `
                -ReplicationStatus NONE -EligibleForReplication -ObjectEncryption DSSE-KMS -ObjectEncryptionKmsKeyArn 'arn:aws:kms:us-east-1:123456789012:key/k' `
                -OutputBucket manifests -OutputPrefix gen -OutputEncryption SSE-KMS -OutputKmsKeyId 'arn:aws:kms:us-east-1:123456789012:key/o' `
                -ExpectedBucketOwner 123456789012 -ExpectedManifestBucketOwner 123456789012).S3JobManifestGenerator
        $g.SourceBucket | Should -Be 'arn:aws:s3:::source'
        $g.EnableManifestOutput | Should -BeTrue
        $g.ExpectedBucketOwner | Should -Be '123456789012'
        @($g.Filter.KeyNameConstraint.MatchAnyPrefix) | Should -Be @('a/', 'b/')
        @($g.Filter.KeyNameConstraint.MatchAnySuffix) | Should -Be @('.jpg')
        @($g.Filter.KeyNameConstraint.MatchAnySubstring) | Should -Be @('2025')
        $g.Filter.ObjectSizeGreaterThanBytes | Should -Be 10
        $g.Filter.ObjectSizeLessThanBytes | Should -Be 100
        @($g.Filter.MatchAnyStorageClass) | Should -Be @('STANDARD', 'GLACIER')
        @($g.Filter.ObjectReplicationStatuses) | Should -Be @('NONE')
        $g.Filter.EligibleForReplication | Should -BeTrue
        $g.Filter.MatchAnyObjectEncryption[0].DSSEKMS.KmsKeyArn | Should -Be 'arn:aws:kms:us-east-1:123456789012:key/k'
        $g.ManifestOutputLocation.Bucket | Should -Be 'arn:aws:s3:::manifests'
        $g.ManifestOutputLocation.ManifestPrefix | Should -Be 'gen'
        $g.ManifestOutputLocation.ManifestFormat | Should -Be 'S3InventoryReport_CSV_20211130'
        $g.ManifestOutputLocation.ManifestEncryption.SSEKMS.KeyId | Should -Be 'arn:aws:kms:us-east-1:123456789012:key/o'
        $g.ManifestOutputLocation.ExpectedManifestBucketOwner | Should -Be '123456789012'
        $plain = (New-S3BatchManifestGenerator -SourceBucket source).S3JobManifestGenerator
        $plain.EnableManifestOutput | Should -BeFalse
        $plain.ManifestOutputLocation | Should -BeNullOrEmpty
        $plain.Filter | Should -BeNullOrEmpty
    }

    It 'refuses <Case>' -ForEach @(
        @{ Case = 'a KMS key without SSE-KMS'; Call = { New-S3BatchManifestGenerator -SourceBucket s -ObjectEncryption SSE-S3 -ObjectEncryptionKmsKeyArn k } }
        @{ Case = 'output settings without -OutputBucket'; Call = { New-S3BatchManifestGenerator -SourceBucket s -OutputPrefix p } }
        @{ Case = 'SSE-KMS output without a key'; Call = { New-S3BatchManifestGenerator -SourceBucket s -OutputBucket o -OutputEncryption SSE-KMS } }
    ) {
        { & $Call } | Should -Throw -ErrorId 'NewS3BatchManifestGeneratorConflict,S3Batch.Cmdlets.NewS3BatchManifestGeneratorCommand'
    }

    It 'refuses an empty key prefix as the model does' {
        { New-S3BatchManifestGenerator -SourceBucket s -KeyPrefix '' } | Should -Throw -ErrorId 'NewS3BatchManifestGeneratorTooShort,S3Batch.Cmdlets.NewS3BatchManifestGeneratorCommand'
    }
}
