# Meta-tests over every exported command: approved verbs, [OutputType], help with a synopsis, an
# example and text for every parameter, -WhatIf wherever something changes, the manifest in step
# with the assembly, and the parameter names the interface page fixes (shared/design/interface.md,
# copied below as a table so that the test runs in a clone without shared/).

BeforeDiscovery {
    . $PSScriptRoot/common.ps1
    $script:Commands = @(Get-Command -Module S3Batch -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
    $modulePath = if ($env:S3BATCH_MODULE_PATH) { $env:S3BATCH_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/S3Batch/S3Batch.psd1' }
    $script:HasHelp = Test-Path (Join-Path (Split-Path $modulePath) 'en-US/S3BatchCmdlets.dll-Help.xml')

    # The interface page's fixed names: cmdlet -> parameters.
    $aws = @('Region', 'ProfileName', 'ProfileLocation', 'AccessKey', 'SecretKey', 'SessionToken', 'Credential')
    $job = $aws + @('EndpointUrl', 'AccountId', 'JobId')
    $script:InterfaceParameters = [ordered]@{
        'New-S3BatchCopyOperation'          = @('TargetBucket', 'TargetKeyPrefix', 'StorageClass', 'CannedAcl', 'AccessControlGrant', 'MetadataDirective', 'Metadata', 'CacheControl', 'ContentDisposition', 'ContentEncoding', 'ContentLanguage', 'ContentType', 'HttpExpiresDate', 'SseAlgorithm', 'Tag', 'ModifiedSince', 'UnmodifiedSince', 'RedirectLocation', 'RequesterPays', 'SseKmsKeyId', 'BucketKeyEnabled', 'ObjectLockLegalHold', 'ObjectLockMode', 'ObjectLockRetainUntil', 'ChecksumAlgorithm')
        'New-S3BatchLambdaOperation'        = @('FunctionArn', 'InvocationSchemaVersion', 'UserArgument')
        'New-S3BatchAclOperation'           = @('CannedAcl', 'OwnerId', 'OwnerDisplayName', 'AccessControlGrant')
        'New-S3BatchTaggingOperation'       = @('Tag')
        'New-S3BatchDeleteTaggingOperation' = @()
        'New-S3BatchRestoreOperation'       = @('ExpirationInDays', 'GlacierJobTier')
        'New-S3BatchLegalHoldOperation'     = @('Status')
        'New-S3BatchRetentionOperation'     = @('Mode', 'RetainUntil', 'BypassGovernanceRetention')
        'New-S3BatchReplicateOperation'     = @()
        'New-S3BatchChecksumOperation'      = @('ChecksumAlgorithm', 'ChecksumType')
        'New-S3BatchEncryptionOperation'    = @('KmsKeyArn', 'BucketKeyEnabled')
        'New-S3BatchManifest'               = $aws + @('Bucket', 'Key', 'VersionId', 'ETag', 'Format', 'Field', 'ObjectArn', 'S3EndpointUrl')
        'New-S3BatchManifestGenerator'      = @('SourceBucket', 'KeyPrefix', 'KeySuffix', 'KeySubstring', 'CreatedAfter', 'CreatedBefore', 'ObjectSizeGreaterThan', 'ObjectSizeLessThan', 'StorageClass', 'ReplicationStatus', 'EligibleForReplication', 'ObjectEncryption', 'ObjectEncryptionKmsKeyArn', 'ObjectEncryptionBucketKeyEnabled', 'OutputBucket', 'OutputPrefix', 'OutputEncryption', 'OutputKmsKeyId', 'ExpectedBucketOwner', 'ExpectedManifestBucketOwner')
        'New-S3BatchReport'                 = @('Bucket', 'Prefix', 'Scope', 'ExpectedBucketOwner', 'Disabled')
        'Export-S3BatchManifest'            = $aws + @('Bucket', 'Key', 'Path', 'LiteralPath', 'Force', 'NoClobber', 'InputObject', 'SourceBucket', 'Prefix', 'S3EndpointUrl')
        'New-S3BatchJob'                    = $aws + @('EndpointUrl', 'AccountId', 'Operation', 'Manifest', 'ManifestGenerator', 'Report', 'ReportBucket', 'ReportPrefix', 'ReportScope', 'NoReport', 'RoleArn', 'Priority', 'Description', 'Tag', 'ConfirmationRequired', 'ClientRequestToken')
        'Get-S3BatchJob'                    = $job + @('Status')
        'Wait-S3BatchJob'                   = $job + @('Timeout', 'PollInterval')
        'Start-S3BatchJob'                  = $job + @('PassThru')
        'Stop-S3BatchJob'                   = $job + @('Reason', 'Force', 'PassThru')
        'Set-S3BatchJobPriority'            = $job + @('Priority', 'PassThru')
        'Get-S3BatchJobTag'                 = $job
        'Set-S3BatchJobTag'                 = $job + @('Tag')
        'Remove-S3BatchJobTag'              = $job + @('Key')
        'Get-S3BatchJobReport'              = $job + @('FailedOnly', 'Summary', 'S3EndpointUrl')
    }
    $script:InterfaceCases = @($InterfaceParameters.Keys | ForEach-Object { @{ Name = $_; Parameters = $InterfaceParameters[$_] } })
    Stop-TestServersIfStarted
}

BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:ApprovedVerbs = @(Get-Verb | ForEach-Object Verb)
    $script:CommonParameters = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters)
    # Verbs that change something; New-S3BatchJob creates a job (the other New- cmdlets only build objects).
    $script:ChangingVerbs = @('Set', 'Remove', 'Start', 'Stop', 'Export', 'Add', 'Clear', 'Update', 'Invoke', 'Register', 'Unregister', 'Suspend', 'Resume', 'Write')
    $script:Creating = @('New-S3BatchJob')
}

AfterAll { Stop-TestServersIfStarted }

Describe 'the manifest' {
    It 'exports every cmdlet the assembly defines, and nothing else' {
        $assembly = (Get-Module S3Batch).ImplementingAssembly
        $defined = @($assembly.GetExportedTypes() | Where-Object { -not $_.IsAbstract -and $_.IsDefined([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" } | Sort-Object)
        @((Import-PowerShellDataFile $ModulePath).CmdletsToExport | Sort-Object) | Should -Be $defined
    }

    It 'exports every cmdlet the interface page names' {
        $exported = @(Get-Command -Module S3Batch | ForEach-Object Name)
        @($InterfaceParameters.Keys | Where-Object { $_ -notin $exported }) | Should -BeNullOrEmpty
    }
}

Describe '<Name>' -ForEach $Commands {
    BeforeAll {
        $command = Get-Command $Name
        $help = Get-Help $Name -Full
        $ownParameters = @($command.Parameters.Keys | Where-Object { $_ -notin $CommonParameters })
    }

    It 'has an approved verb' {
        $command.Verb | Should -BeIn $ApprovedVerbs
    }

    It 'declares [OutputType]' {
        $command.OutputType | Should -Not -BeNullOrEmpty
    }

    It 'supports -WhatIf and -Confirm when it changes something' {
        if ($command.Verb -in $ChangingVerbs -or $Name -in $Creating) {
            $command.Parameters.Keys | Should -Contain 'WhatIf'
            $command.Parameters.Keys | Should -Contain 'Confirm'
        }
    }

    It 'has help with a synopsis and an example' -Skip:(-not $HasHelp) {
        "$($help.Synopsis)".Trim() | Should -Not -BeNullOrEmpty
        "$($help.Synopsis)".Trim() | Should -Not -BeLike "$Name *"     # what Get-Help shows when there is none
        @($help.examples.example).Count | Should -BeGreaterThan 0
        "$(@($help.examples.example)[0].code)".Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has help text for every parameter' -Skip:(-not $HasHelp) {
        $described = @{}
        foreach ($p in @($help.parameters.parameter | Where-Object { $_.name })) { $described[$p.name] = "$($p.description.Text)".Trim() }
        @($ownParameters | Where-Object { -not $described[$_] }) | Should -BeNullOrEmpty
    }

    It 'says a parameter binds from the pipeline by property name only where it does' -Skip:(-not $HasHelp) {
        $claims = @($help.parameters.parameter | Where-Object { $_.name -and ("$($_.description.Text)" -replace '\s+', ' ') -match 'Binds from the pipeline by property name' } | ForEach-Object name)
        $binds = @($command.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [Parameter] -and $_.ValueFromPipelineByPropertyName } } | ForEach-Object Name)
        @($claims | Where-Object { $_ -notin $binds }) | Should -BeNullOrEmpty
    }
}

Describe '<Name> keeps the names on the interface page' -ForEach $InterfaceCases {
    It 'has each named parameter, spelled as on the page' {
        $command = Get-Command $Name -ErrorAction Ignore
        if (-not $command) { Set-ItResult -Skipped -Because "$Name is not exported (see 'exports every cmdlet the interface page names')"; return }
        $actual = [Collections.Generic.HashSet[string]]::new([string[]]@($command.Parameters.Keys), [StringComparer]::Ordinal)
        @($Parameters | Where-Object { -not $actual.Contains($_) }) | Should -BeNullOrEmpty
    }
}
