@{
    RootModule           = 'S3BatchCmdlets.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0c8f0e-6a51-4a43-9d0c-2f1f5a3c7e21'
    Author               = 'S3Batch contributors'
    CompanyName          = 'S3Batch contributors'
    Copyright            = '(c) S3Batch contributors. Apache License 2.0.'
    Description          = 'Amazon S3 Batch Operations from PowerShell: build operations, manifests and reports, create jobs, watch them to the end, and read their completion reports, as a pipeline.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('S3Batch.Format.ps1xml')
    CmdletsToExport      = @(
        'New-S3BatchCopyOperation'
        'New-S3BatchLambdaOperation'
        'New-S3BatchAclOperation'
        'New-S3BatchTaggingOperation'
        'New-S3BatchDeleteTaggingOperation'
        'New-S3BatchRestoreOperation'
        'New-S3BatchLegalHoldOperation'
        'New-S3BatchRetentionOperation'
        'New-S3BatchReplicateOperation'
        'New-S3BatchChecksumOperation'
        'New-S3BatchEncryptionOperation'
        'New-S3BatchManifest'
        'New-S3BatchManifestGenerator'
        'New-S3BatchReport'
        'New-S3BatchJob'
        'Export-S3BatchManifest'
        'Get-S3BatchJobReport'
        'Get-S3BatchJob'
        'Wait-S3BatchJob'
        'Start-S3BatchJob'
        'Stop-S3BatchJob'
        'Set-S3BatchJobPriority'
        'Get-S3BatchJobTag'
        'Set-S3BatchJobTag'
        'Remove-S3BatchJobTag'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'S3', 'BatchOperations', 'S3Control', 'Cloud', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/s3batch/S3Batch'
            LicenseUri   = 'https://github.com/s3batch/S3Batch/blob/main/LICENSE'
            ReleaseNotes = 'First release: every S3 Batch Operations job kind from PowerShell.'
        }
    }
}
