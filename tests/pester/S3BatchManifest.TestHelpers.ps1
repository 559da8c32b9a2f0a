# Dot-sourced after common.ps1 by the Pester files of Export-S3BatchManifest, Get-S3BatchJobReport
# and the end-to-end jobs: plain puts (no aws-chunked framing, which s3rver would store as sent),
# reads, listings and deletes on s3rver, many at once.

function Write-PlainObject {
    # Puts objects on s3rver without aws-chunked encoding, in parallel; returns nothing.
    param([Parameter(Mandatory)][string] $Bucket, [Parameter(Mandatory)][string[]] $Key, [scriptblock] $Content = { "content of $_" })
    $s3 = New-TestS3Client
    $pending = [System.Collections.Generic.List[System.Threading.Tasks.Task]]::new()
    foreach ($k in $Key) {
        $pending.Add($s3.PutObjectAsync((New-PlainPutRequest $Bucket $k ($k | ForEach-Object $Content))))
        if ($pending.Count -ge 4) { [System.Threading.Tasks.Task]::WaitAll($pending.ToArray()); $pending.Clear() }
    }
    if ($pending.Count) { [System.Threading.Tasks.Task]::WaitAll($pending.ToArray()) }
}

function Read-TestObject {
    # The object's content as text (UTF-8), or $null when it does not exist.
    param([Parameter(Mandatory)][string] $Bucket, [Parameter(Mandatory)][string] $Key, [switch] $Bytes)
    try {
        $response = (New-TestS3Client).GetObjectAsync($Bucket, $Key).GetAwaiter().GetResult()
    } catch [Amazon.S3.AmazonS3Exception] {
        if ($_.Exception.StatusCode -eq 404) { return $null }
        throw
    }
    try {
        $memory = [IO.MemoryStream]::new()
        $response.ResponseStream.CopyTo($memory)
        if ($Bytes) { , $memory.ToArray() } else { [Text.Encoding]::UTF8.GetString($memory.ToArray()) }
    } finally { $response.Dispose() }
}

function Get-TestObjectETag {
    # HeadObject's ETag without quotes, or $null when the object does not exist.
    param([Parameter(Mandatory)][string] $Bucket, [Parameter(Mandatory)][string] $Key)
    try {
        (New-TestS3Client).GetObjectMetadataAsync($Bucket, $Key).GetAwaiter().GetResult().ETag.Trim('"')
    } catch [Amazon.S3.AmazonS3Exception] {
        if ($_.Exception.StatusCode -eq 404) { return $null }
        throw
    }
}

function Get-TestObjectKeys {
    # Every key under $Prefix, all pages.
    param([Parameter(Mandatory)][string] $Bucket, [string] $Prefix)
    $s3 = New-TestS3Client
    $request = [Amazon.S3.Model.ListObjectsV2Request]::new()
    $request.BucketName = $Bucket
    if ($Prefix) { $request.Prefix = $Prefix }
    do {
        $response = $s3.ListObjectsV2Async($request).GetAwaiter().GetResult()
        foreach ($o in $response.S3Objects) { $o.Key }
        $request.ContinuationToken = $response.NextContinuationToken
    } while ($response.IsTruncated)
}

function Remove-TestObject {
    param([Parameter(Mandatory)][string] $Bucket, [Parameter(Mandatory)][string[]] $Key)
    $s3 = New-TestS3Client
    foreach ($k in $Key) { $null = $s3.DeleteObjectAsync($Bucket, $k).GetAwaiter().GetResult() }
}

function Get-TestObjectTags {
    # The object's tags as a hashtable.
    param([Parameter(Mandatory)][string] $Bucket, [Parameter(Mandatory)][string] $Key)
    $request = [Amazon.S3.Model.GetObjectTaggingRequest]::new()
    $request.BucketName = $Bucket
    $request.Key = $Key
    $tags = @{}
    foreach ($t in (New-TestS3Client).GetObjectTaggingAsync($request).GetAwaiter().GetResult().Tagging) { $tags[$t.Key] = $t.Value }
    $tags
}

function New-TestPrefix { "t$([guid]::NewGuid().ToString('N').Substring(0, 8))/" }

function Test-S3rverPaging {
    # True when s3rver can list more than one page: it makes continuation tokens with DES, which
    # Node.js 17+ (OpenSSL 3) has only with --openssl-legacy-provider; without it a truncated
    # ListObjectsV2 answers InternalError.
    $prefix = "paging-probe/"
    Write-PlainObject -Bucket lists -Key "$($prefix)1", "$($prefix)2"
    $request = [Amazon.S3.Model.ListObjectsV2Request]::new()
    $request.BucketName = 'lists'
    $request.Prefix = $prefix
    $request.MaxKeys = 1
    try { $null = (New-TestS3Client).ListObjectsV2Async($request).GetAwaiter().GetResult(); $true } catch { $false }
}
