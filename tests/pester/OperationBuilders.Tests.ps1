# The operation builders without a file of their own: each outputs one JobOperation with one member set.
BeforeAll { . $PSScriptRoot/common.ps1 }
AfterAll { Stop-TestServersIfStarted }

Describe 'New-S3BatchLambdaOperation' {
    It 'takes the function ARN and implies schema 2.0 with -UserArgument' {
        $op = (New-S3BatchLambdaOperation -FunctionArn 'arn:aws:lambda:us-east-1:123456789012:function:f:live' -UserArgument @{ b = 2; a = 1 }).LambdaInvoke
        $op.FunctionArn | Should -Be 'arn:aws:lambda:us-east-1:123456789012:function:f:live'
        $op.InvocationSchemaVersion | Should -Be '2.0'
        @($op.UserArguments.Keys) | Should -Be @('a', 'b')
        (New-S3BatchLambdaOperation -FunctionArn f -InvocationSchemaVersion 1.0).LambdaInvoke.InvocationSchemaVersion | Should -Be '1.0'
        (New-S3BatchLambdaOperation -FunctionArn f).LambdaInvoke.InvocationSchemaVersion | Should -BeNullOrEmpty
    }
    It 'refuses -UserArgument with schema 1.0' {
        { New-S3BatchLambdaOperation -FunctionArn f -InvocationSchemaVersion 1.0 -UserArgument @{ a = 1 } } |
            Should -Throw -ErrorId 'NewS3BatchLambdaOperationUserArgumentsNeedSchema2,S3Batch.Cmdlets.NewS3BatchLambdaOperationCommand'
    }
    It 'refuses more than 10 user arguments' {
        $a = @{}; 1..11 | ForEach-Object { $a["k$_"] = 'v' }
        { New-S3BatchLambdaOperation -FunctionArn f -UserArgument $a } | Should -Throw -ErrorId 'NewS3BatchLambdaOperationTooManyItems,S3Batch.Cmdlets.NewS3BatchLambdaOperationCommand'
    }
}

Describe 'New-S3BatchAclOperation' {
    It 'sets a canned ACL' {
        (New-S3BatchAclOperation -CannedAcl public-read).S3PutObjectAcl.AccessControlPolicy.CannedAccessControlList | Should -Be 'public-read'
    }
    It 'sets an explicit ACL with owner and grants' {
        $acl = (New-S3BatchAclOperation -OwnerId owner -OwnerDisplayName me -AccessControlGrant @{ Type = 'emailAddress'; Identifier = 'a@example.com'; Permission = 'WRITE_ACP' }).S3PutObjectAcl.AccessControlPolicy.AccessControlList
        $acl.Owner.ID | Should -Be 'owner'
        $acl.Owner.DisplayName | Should -Be 'me'
        $acl.Grants[0].Grantee.TypeIdentifier | Should -Be 'emailAddress'
        $acl.Grants[0].Permission | Should -Be 'WRITE_ACP'
    }
    It 'does not take a canned ACL and an owner together' {
        { New-S3BatchAclOperation -CannedAcl private -OwnerId x } | Should -Throw -ErrorId 'AmbiguousParameterSet,S3Batch.Cmdlets.NewS3BatchAclOperationCommand'
    }
}

Describe 'New-S3BatchTaggingOperation' {
    It 'sorts the tags by key, and an empty hashtable clears the tags' {
        @((New-S3BatchTaggingOperation -Tag @{ z = '1'; a = '2' }).S3PutObjectTagging.TagSet.Key) | Should -Be @('a', 'z')
        (New-S3BatchTaggingOperation -Tag @{}).S3PutObjectTagging.TagSet.Count | Should -Be 0
    }
    It 'refuses a tag value over 256 characters' {
        { New-S3BatchTaggingOperation -Tag @{ k = 'v' * 257 } } | Should -Throw -ErrorId 'NewS3BatchTaggingOperationTooLong,S3Batch.Cmdlets.NewS3BatchTaggingOperationCommand'
    }
}

Describe 'The operations with few or no fields' {
    It 'New-S3BatchDeleteTaggingOperation sets S3DeleteObjectTagging' { (New-S3BatchDeleteTaggingOperation).Name | Should -Be 'S3DeleteObjectTagging' }
    It 'New-S3BatchReplicateOperation sets S3ReplicateObject' { (New-S3BatchReplicateOperation).Name | Should -Be 'S3ReplicateObject' }
    It 'New-S3BatchRestoreOperation takes days and tier' {
        $op = (New-S3BatchRestoreOperation -ExpirationInDays 5 -GlacierJobTier STANDARD).S3InitiateRestoreObject
        $op.ExpirationInDays | Should -Be 5
        $op.GlacierJobTier | Should -Be 'STANDARD'
        { New-S3BatchRestoreOperation -ExpirationInDays -1 } | Should -Throw -ErrorId 'NewS3BatchRestoreOperationBelowMinimum,S3Batch.Cmdlets.NewS3BatchRestoreOperationCommand'
    }
    It 'New-S3BatchLegalHoldOperation takes ON or OFF' {
        (New-S3BatchLegalHoldOperation -Status OFF).S3PutObjectLegalHold.LegalHold.Status | Should -Be 'OFF'
        { New-S3BatchLegalHoldOperation -Status MAYBE } | Should -Throw -ErrorId 'ParameterArgumentValidationError,S3Batch.Cmdlets.NewS3BatchLegalHoldOperationCommand'
    }
    It 'New-S3BatchRetentionOperation takes mode, date and the bypass switch' {
        $op = (New-S3BatchRetentionOperation -Mode COMPLIANCE -RetainUntil ([datetime]'2031-01-01Z')).S3PutObjectRetention
        $op.Retention.Mode | Should -Be 'COMPLIANCE'
        $op.Retention.RetainUntilDate | Should -Be ([datetime]'2031-01-01Z')
        $op.BypassGovernanceRetention | Should -BeNullOrEmpty
        (New-S3BatchRetentionOperation -Mode GOVERNANCE -BypassGovernanceRetention:$false).S3PutObjectRetention.BypassGovernanceRetention | Should -BeFalse
    }
    It 'New-S3BatchChecksumOperation takes algorithm and type, tab-completing them' {
        $op = (New-S3BatchChecksumOperation -ChecksumAlgorithm XXHASH128 -ChecksumType COMPOSITE).S3ComputeObjectChecksum
        $op.ChecksumAlgorithm | Should -Be 'XXHASH128'
        $op.ChecksumType | Should -Be 'COMPOSITE'
        $line = 'New-S3BatchChecksumOperation -ChecksumType F'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('FULL_OBJECT')
    }
    It 'New-S3BatchEncryptionOperation takes the KMS key and the bucket-key switch' {
        $op = (New-S3BatchEncryptionOperation -KmsKeyArn 'arn:aws:kms:us-east-1:123456789012:key/abc' -BucketKeyEnabled).S3UpdateObjectEncryption.ObjectEncryption.SSEKMS
        $op.KMSKeyArn | Should -Be 'arn:aws:kms:us-east-1:123456789012:key/abc'
        $op.BucketKeyEnabled | Should -BeTrue
        { New-S3BatchEncryptionOperation -KmsKeyArn 'not-a-key' } | Should -Throw -ErrorId 'NewS3BatchEncryptionOperationTooShort,S3Batch.Cmdlets.NewS3BatchEncryptionOperationCommand'
    }
}
