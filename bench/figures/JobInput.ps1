# Dot-sourced: the job every New-S3BatchJob figure creates (and whose body the floor sends):
# a copy to another bucket and storage class, a CSV manifest (ETag given, so no S3 call), a report.
$operation = New-S3BatchCopyOperation -TargetBucket archive -StorageClass GLACIER_IR -MetadataDirective COPY
$manifest = New-S3BatchManifest -Bucket manifests -Key 'bench/january.csv' -ETag '60b725f10c9c85c70d97880dfe8191b3'
$jobParameters = @{
    Manifest     = $manifest
    ReportBucket = 'reports'
    ReportPrefix = 'bench'
    RoleArn      = 'batch-operations-role'
    Description  = 'S3Batch benchmark'
    Priority     = 10
}
