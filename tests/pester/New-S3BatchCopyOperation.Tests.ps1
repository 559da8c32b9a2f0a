BeforeAll { . $PSScriptRoot/common.ps1 }
AfterAll { Stop-TestServersIfStarted }

Describe 'New-S3BatchCopyOperation' {
    It 'outputs one JobOperation with only S3PutObjectCopy set, and makes no AWS call' {
        Reset-Emulator
        $op = New-S3BatchCopyOperation -TargetBucket archive
        $op | Should -BeOfType S3Batch.Model.JobOperation
        $op.Name | Should -Be 'S3PutObjectCopy'
        $op.S3PutObjectCopy.TargetResource | Should -Be 'arn:aws:s3:::archive'
        $op.LambdaInvoke | Should -BeNullOrEmpty
        @(Get-EmulatorRequests).Count | Should -Be 0
    }

    It 'maps every parameter to its model member' {
        $grant = @{ Type = 'id'; Identifier = 'abc'; DisplayName = 'me'; Permission = 'READ' }
        $op = (New-S3BatchCopyOperation -TargetBucket archive -TargetKeyPrefix p/ -StorageClass DEEP_ARCHIVE -CannedAcl private -AccessControlGrant $grant `
                -MetadataDirective REPLACE -Metadata @{ b = '2'; a = '1' } -CacheControl no-cache -ContentDisposition inline -ContentEncoding gzip `
                -ContentLanguage en -ContentType text/csv -HttpExpiresDate ([datetime]'2027-01-01Z') -SseAlgorithm KMS -Tag @{ t = 'v' } `
                -ModifiedSince ([datetime]'2026-01-01Z') -UnmodifiedSince ([datetime]'2026-06-01Z') -RedirectLocation /r -RequesterPays `
                -SseKmsKeyId 'arn:aws:kms:us-east-1:123456789012:key/k' -BucketKeyEnabled -ObjectLockLegalHold ON -ObjectLockMode COMPLIANCE `
                -ObjectLockRetainUntil ([datetime]'2030-01-01Z') -ChecksumAlgorithm SHA256).S3PutObjectCopy
        $op.TargetKeyPrefix | Should -Be 'p/'
        $op.StorageClass | Should -Be 'DEEP_ARCHIVE'
        $op.CannedAccessControlList | Should -Be 'private'
        $op.AccessControlGrants[0].Grantee.TypeIdentifier | Should -Be 'id'
        $op.AccessControlGrants[0].Grantee.Identifier | Should -Be 'abc'
        $op.AccessControlGrants[0].Grantee.DisplayName | Should -Be 'me'
        $op.AccessControlGrants[0].Permission | Should -Be 'READ'
        $op.MetadataDirective | Should -Be 'REPLACE'
        @($op.NewObjectMetadata.UserMetadata.Keys) | Should -Be @('a', 'b')
        $op.NewObjectMetadata.CacheControl | Should -Be 'no-cache'
        $op.NewObjectMetadata.ContentDisposition | Should -Be 'inline'
        $op.NewObjectMetadata.ContentEncoding | Should -Be 'gzip'
        $op.NewObjectMetadata.ContentLanguage | Should -Be 'en'
        $op.NewObjectMetadata.ContentType | Should -Be 'text/csv'
        $op.NewObjectMetadata.HttpExpiresDate | Should -Be ([datetime]'2027-01-01Z')
        $op.NewObjectMetadata.SSEAlgorithm | Should -Be 'KMS'
        $op.NewObjectMetadata.ContentLength | Should -BeNullOrEmpty
        $op.NewObjectTagging[0].Key | Should -Be 't'
        $op.ModifiedSinceConstraint | Should -Be ([datetime]'2026-01-01Z')
        $op.UnModifiedSinceConstraint | Should -Be ([datetime]'2026-06-01Z')
        $op.RedirectLocation | Should -Be '/r'
        $op.RequesterPays | Should -BeTrue
        $op.SSEAwsKmsKeyId | Should -Be 'arn:aws:kms:us-east-1:123456789012:key/k'
        $op.BucketKeyEnabled | Should -BeTrue
        $op.ObjectLockLegalHoldStatus | Should -Be 'ON'
        $op.ObjectLockMode | Should -Be 'COMPLIANCE'
        $op.ObjectLockRetainUntilDate | Should -Be ([datetime]'2030-01-01Z')
        $op.ChecksumAlgorithm | Should -Be 'SHA256'
    }

    It 'sends nothing for an absent switch, true for -Switch and false for -Switch:$false' {
        (New-S3BatchCopyOperation -TargetBucket archive).S3PutObjectCopy.RequesterPays | Should -BeNullOrEmpty
        (New-S3BatchCopyOperation -TargetBucket archive -RequesterPays).S3PutObjectCopy.RequesterPays | Should -BeTrue
        (New-S3BatchCopyOperation -TargetBucket archive -RequesterPays:$false).S3PutObjectCopy.RequesterPays | Should -BeFalse
    }

    It 'keeps a bucket ARN as given and uses the partition of the stored region for a name' {
        (New-S3BatchCopyOperation -TargetBucket 'arn:aws:s3:::given').S3PutObjectCopy.TargetResource | Should -Be 'arn:aws:s3:::given'
        $global:StoredAWSRegion = 'cn-north-1'
        try { (New-S3BatchCopyOperation -TargetBucket archive).S3PutObjectCopy.TargetResource | Should -Be 'arn:aws-cn:s3:::archive' }
        finally { Remove-Variable StoredAWSRegion -Scope Global }
    }

    It 'refuses a directory bucket name and asks for its s3express ARN' {
        { New-S3BatchCopyOperation -TargetBucket 'fast--use1-az4--x-s3' } |
            Should -Throw -ErrorId 'NewS3BatchCopyOperationDirectoryBucketName,S3Batch.Cmdlets.NewS3BatchCopyOperationCommand' -ExpectedMessage '*arn:aws:s3express:*'
        (New-S3BatchCopyOperation -TargetBucket 'arn:aws:s3express:us-east-1:123456789012:bucket/fast--use1-az4--x-s3').Name | Should -Be 'S3PutObjectCopy'
    }

    It 'validates and tab-completes enumerations' {
        { New-S3BatchCopyOperation -TargetBucket archive -StorageClass COLD } | Should -Throw -ErrorId 'ParameterArgumentValidationError,S3Batch.Cmdlets.NewS3BatchCopyOperationCommand'
        $line = 'New-S3BatchCopyOperation -TargetBucket a -StorageClass GLA'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Be @('GLACIER', 'GLACIER_IR')
    }

    It 'refuses <Case> before anything is sent' -ForEach @(
        @{ Case = 'more than 10 object tags'; Reason = 'TooManyItems'; Call = { $t = @{}; 1..11 | ForEach-Object { $t["k$_"] = 'v' }; New-S3BatchCopyOperation -TargetBucket archive -Tag $t } }
        @{ Case = 'user metadata over 2 KB'; Reason = 'TooLarge'; Call = { New-S3BatchCopyOperation -TargetBucket archive -Metadata @{ a = 'x' * 1000; b = 'y' * 1000; c = 'z' * 100 } } }
        @{ Case = 'a key prefix over 1024 characters'; Reason = 'TooLong'; Call = { New-S3BatchCopyOperation -TargetBucket archive -TargetKeyPrefix ('p' * 1025) } }
        @{ Case = 'an empty key prefix'; Reason = 'TooShort'; Call = { New-S3BatchCopyOperation -TargetBucket archive -TargetKeyPrefix '' } }
        @{ Case = 'a grant with an unknown permission'; Reason = 'NotInEnum'; Call = { New-S3BatchCopyOperation -TargetBucket archive -AccessControlGrant @{ Type = 'id'; Identifier = 'x'; Permission = 'ALL' } } }
    ) {
        $err = { & $Call } | Should -Throw -ErrorId "NewS3BatchCopyOperation$Reason,S3Batch.Cmdlets.NewS3BatchCopyOperationCommand" -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}
