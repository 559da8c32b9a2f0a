#Requires -Version 7.2
<#
.SYNOPSIS
    Runs the S3Batch benchmarks: each figure beside its floor, measured in the same run.
.DESCRIPTION
    Started by `build.ps1 Bench` (which builds the module in Release, the emulator and the floor
    assembly first). Starts s3rver and the S3 Control emulator (tests/TestServers.psm1), runs every
    figure several times in fresh pwsh processes, prints one line per figure (median, floor, ratio,
    difference, budget) and writes bench/results.md. See bench/README.md for what each floor is.
.PARAMETER Figure
    Which figures to run (default: all): Import, FirstJob, ManyJobs, Export, Report, Wait.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $FloorAssembly,
    [string] $ResultsPath = (Join-Path $PSScriptRoot 'results.md'),
    [string[]] $Figure = @('Import', 'FirstJob', 'ManyJobs', 'Export', 'Report', 'Wait'),
    # Scale for quick trials of the harness itself (1 = the issue's sizes).
    [double] $Scale = 1
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
# -File passes "a,b" as one string.
$Figure = @($Figure | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ })
foreach ($f in $Figure) { if ($f -notin 'Import', 'FirstJob', 'ManyJobs', 'Export', 'Report', 'Wait') { throw "Unknown figure '$f'." } }
if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }
$root = Split-Path $PSScriptRoot -Parent
$figures = Join-Path $PSScriptRoot 'figures'
$AccountId = '123456789012'
$work = Join-Path ([IO.Path]::GetTempPath()) "s3batch-bench-$([guid]::NewGuid().ToString('N'))"
New-Item -ItemType Directory -Path $work | Out-Null
$benchClock = [Diagnostics.Stopwatch]::StartNew()
# How busy the machine was (Linux): figures and floors share it, but the reader should know.
function Get-Load { if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg -Raw) -split ' ')[0] } else { 'n/a' } }
$loadBefore = Get-Load

# Fresh sessions find the module by name, as a runbook does.
$ModulePath = (Resolve-Path $ModulePath).Path
$moduleDir = Split-Path $ModulePath -Parent
if ((Split-Path $moduleDir -Leaf) -ne 'S3Batch') { throw "The module must be in a folder named S3Batch: $moduleDir" }
$env:PSModulePath = (Split-Path $moduleDir -Parent) + [IO.Path]::PathSeparator + $env:PSModulePath
Import-Module $ModulePath -Force
Import-Module (Join-Path $root 'tests/TestServers.psm1') -Force
Add-Type -Path $FloorAssembly

# The same pwsh that runs this script, started directly (not through `dotnet tool`'s launcher).
$pwshHost = [Environment]::ProcessPath
$pwshPrefix = if ([IO.Path]::GetFileNameWithoutExtension($pwshHost) -eq 'dotnet') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }

function Invoke-Pwsh {
    # Runs a fresh `pwsh -NoProfile -NonInteractive` with these arguments; returns its wall time (ms), exit code and output.
    param([string[]] $Arguments, [int] $TimeoutSeconds = 300)
    $start = [Diagnostics.ProcessStartInfo]::new($pwshHost)
    foreach ($a in @($pwshPrefix) + @('-NoProfile', '-NonInteractive') + $Arguments) { $start.ArgumentList.Add([string]$a) }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($start)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        $process.Kill($true)
        throw "pwsh $($Arguments -join ' ') did not finish within $TimeoutSeconds s."
    }
    $process.WaitForExit()
    $clock.Stop()
    [pscustomobject]@{ Ms = $clock.Elapsed.TotalMilliseconds; ExitCode = $process.ExitCode; Out = $stdout.Result; Err = $stderr.Result }
}

function Invoke-Figure {
    # Runs a child script of bench/figures; returns what it printed after 'BENCH '.
    param([string] $Script, [hashtable] $Parameters, [int] $TimeoutSeconds = 300)
    $arguments = @('-File', (Join-Path $figures $Script))
    foreach ($p in $Parameters.GetEnumerator()) { $arguments += @("-$($p.Key)", [string]$p.Value) }
    $run = Invoke-Pwsh $arguments -TimeoutSeconds $TimeoutSeconds
    $line = ($run.Out -split "`r?`n") | Where-Object { $_ -like 'BENCH *' } | Select-Object -Last 1
    if ($run.ExitCode -ne 0 -or -not $line) {
        Assert-Servers
        throw "$Script $($Parameters | ConvertTo-Json -Compress) failed (exit code $($run.ExitCode)):`n$($run.Out)`n$($run.Err)"
    }
    $line.Substring(6) | ConvertFrom-Json
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $n = $sorted.Count
    if ($n -eq 0) { return [double]::NaN }
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

$results = [Collections.Generic.List[object]]::new()
function Add-Result {
    # One figure: its median and its floor's, and whether it is within its budget.
    param(
        [string] $Name, [string] $Unit = 'ms', [double[]] $Values, [double[]] $FloorValues,
        [double] $MaxRatio = 0, [double] $MaxDifference = 0, [string] $Budget, [string] $Note = '', [object] $Within = $null
    )
    $median = Get-Median $Values
    $floor = Get-Median $FloorValues
    $ratio = if ($floor -gt 0) { $median / $floor } else { [double]::NaN }
    $difference = $median - $floor
    if ($null -eq $Within) {
        $Within = ($MaxRatio -le 0 -or $ratio -le $MaxRatio) -and ($MaxDifference -le 0 -or $difference -le $MaxDifference)
    }
    $result = [pscustomobject]@{
        Figure = $Name; Unit = $Unit; Median = $median; Floor = $floor; Ratio = $ratio; Difference = $difference
        Budget = $Budget; Within = [bool]$Within; Runs = $Values.Count; Values = $Values; FloorValues = $FloorValues; Note = $Note
    }
    $results.Add($result)
    Write-Host (Format-ResultLine $result) -ForegroundColor ($(if ($result.Within) { 'Green' } else { 'Red' }))
}

function Format-Number([double] $Value, [string] $Unit) {
    if ([double]::IsNaN($Value)) { return 'n/a' }
    switch ($Unit) {
        'ms' { '{0:N0} ms' -f $Value }
        'MB' { '{0:N1} MB' -f $Value }
        default { '{0:N2} {1}' -f $Value, $Unit }
    }
}

function Format-ResultLine($r) {
    $sign = if ($r.Difference -ge 0) { '+' } else { '' }
    '{0,-46} median {1,10}  floor {2,10}  ratio {3,5:N2}x  diff {4,11}  budget {5,-28} {6}' -f $r.Figure, (Format-Number $r.Median $r.Unit), (Format-Number $r.Floor $r.Unit),
        $r.Ratio, ($sign + (Format-Number $r.Difference $r.Unit)), $r.Budget, $(if ($r.Within) { 'within' } else { 'MISSED' })
}

function Add-Skipped([string] $Name, [string] $Why) {
    $results.Add([pscustomobject]@{ Figure = $Name; Unit = ''; Median = [double]::NaN; Floor = [double]::NaN; Ratio = [double]::NaN; Difference = [double]::NaN; Budget = ''; Within = $false; Runs = 0; Values = @(); FloorValues = @(); Note = "not run: $Why" })
    Write-Host "$Name : not run: $Why" -ForegroundColor Yellow
}

function Assert-Servers {
    # A server that died (or was stopped by someone else) is named, rather than failing later as "connection refused".
    foreach ($p in @(@{ Name = 'the S3 Control emulator'; Process = $servers.Emulator }, @{ Name = 's3rver'; Process = $servers.S3Process })) {
        if ($p.Process.HasExited) { throw "$($p.Name) exited (exit code $($p.Process.ExitCode)) during the benchmarks." }
    }
}

function Reset-Emulator([int] $StepMs = 2000000000) {
    # Clears the emulator's jobs and log; jobs then stay New (nothing runs beside the measurements).
    Assert-Servers
    $null = Invoke-Emulator -Path 'reset' -Method Post
    $null = Invoke-Emulator -Path 'config' -Method Post -Body @{ stepMs = $StepMs }
}

function Write-BenchObject {
    # Puts text or a file on s3rver (tests/TestServers.psm1's plain put).
    param($S3, [string] $Bucket, [string] $Key, [string] $Content, [string] $FilePath)
    $null = $S3.PutObjectAsync((New-PlainPutRequest -Bucket $Bucket -Key $Key -Content $Content -FilePath $FilePath)).GetAwaiter().GetResult()
}

function Test-Cmdlet([string] $Name) { [bool](Get-Command $Name -Module S3Batch -ErrorAction Ignore) }

# ---------------------------------------------------------------- Import
# Before the servers start: the figure needs none, and a server starting up (compiling in the
# background) takes CPU from the short, compile-heavy pwsh starts this figure times.
if ('Import' -in $Figure) {
    $runs = [Math]::Max(3, [int](11 * [Math]::Min(1, $Scale)))
    $with = @(); $without = @()
    # One of each first, not counted (the disk cache).
    $null = Invoke-Pwsh @('-Command', 'exit')
    $null = Invoke-Pwsh @('-Command', 'Import-Module S3Batch -ErrorAction Stop; exit')
    for ($i = 0; $i -lt $runs; $i++) {
        $order = if ($i % 2) { @('floor', 'figure') } else { @('figure', 'floor') }
        foreach ($o in $order) {
            $command = if ($o -eq 'figure') { 'Import-Module S3Batch -ErrorAction Stop; exit' } else { 'exit' }
            $run = Invoke-Pwsh @('-Command', $command)
            if ($run.ExitCode -ne 0) { throw "pwsh -Command '$command' failed: $($run.Out) $($run.Err)" }
            if ($o -eq 'figure') { $with += $run.Ms } else { $without += $run.Ms }
        }
    }
    Add-Result -Name 'Import-Module S3Batch, fresh pwsh -NoProfile' -Values $with -FloorValues $without -MaxDifference 150 -Budget 'adds at most 150 ms'
}

$servers = Start-TestServers
try {
    $s3 = New-TestS3Client
    Write-Host "Servers: emulator $($servers.EndpointUrl), s3rver $($servers.S3EndpointUrl). pwsh $($PSVersionTable.PSVersion), .NET $([Environment]::Version), $([Environment]::ProcessorCount) cores." -ForegroundColor DarkGray

    # ---------------------------------------------------------------- the body the floors send
    $bodyFile = Join-Path $work 'createjob-body.xml'
    if ('FirstJob' -in $Figure -or 'ManyJobs' -in $Figure) {
        Reset-Emulator
        . (Join-Path $figures 'JobInput.ps1')
        $sample = $operation | New-S3BatchJob @jobParameters -AccountId $AccountId
        $sent = @(Invoke-Emulator -Path 'requests' | ForEach-Object { $_ } | Where-Object operation -eq 'CreateJob')
        if ($sent.Count -ne 1) { throw "Expected one CreateJob in the emulator's log, found $($sent.Count)." }
        $token = $sample.ClientRequestToken
        if ($sent[0].body -notmatch [regex]::Escape($token)) { throw 'The CreateJob body does not hold its ClientRequestToken.' }
        [IO.File]::WriteAllText($bodyFile, $sent[0].body)
        # The floor's request must be accepted as the module's is.
        $check = [S3BatchBench.RawCreateJob]::new($env:AWS_ENDPOINT_URL_S3_CONTROL, $AccountId, $env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY, $env:AWS_REGION)
        $null = $check.Post($sent[0].body.Replace($token, [guid]::NewGuid().ToString()))
        $check.Dispose()
    }

    # ---------------------------------------------------------------- FirstJob
    if ('FirstJob' -in $Figure) {
        $runs = [Math]::Max(3, [int](7 * [Math]::Min(1, $Scale)))
        $module = @(); $floor = @()
        $parameters = @{ FloorAssembly = $FloorAssembly; BodyFile = $bodyFile; Token = $token; AccountId = $AccountId }
        for ($i = 0; $i -lt $runs; $i++) {
            Reset-Emulator
            $order = if ($i % 2) { @('Floor', 'Module') } else { @('Module', 'Floor') }
            foreach ($mode in $order) {
                $r = Invoke-Figure 'FirstJob.ps1' (@{ Mode = $mode } + $parameters)
                if ($mode -eq 'Module') { $module += $r.ms } else { $floor += $r.ms }
            }
        }
        Add-Result -Name 'first New-S3BatchJob, fresh session' -Values $module -FloorValues $floor -MaxDifference 250 -Budget 'at most 250 ms over it'
    }

    # ---------------------------------------------------------------- ManyJobs
    if ('ManyJobs' -in $Figure) {
        $count = [Math]::Max(10, [int](1000 * $Scale))
        $r = Invoke-Figure 'ManyJobs.ps1' @{ FloorAssembly = $FloorAssembly; BodyFile = $bodyFile; Token = $token; AccountId = $AccountId; Count = $count; Runs = 9; WarmUpRounds = 2 } -TimeoutSeconds 600
        Add-Result -Name "$count jobs, one session (one pipeline)" -Values $r.Pipeline -FloorValues $r.Floor -MaxRatio 1.5 -Budget 'at most 1.5x'
        $perCall = ((Get-Median $r.Loop) - (Get-Median $r.LoopFloor)) / $count
        Add-Result -Name "$count jobs, one session (one call per job)" -Values $r.Loop -FloorValues $r.LoopFloor -MaxRatio 1.5 -Budget 'at most 1.5x' `
            -Note ('a runbook loop of 1,000 separate New-S3BatchJob calls, beside the same loop with one Send-BenchCreateJob (a raw POST) per call; the module adds {0:N3} ms per call; against the 1,000 POSTs from one call ({1:N0} ms) the loop is {2:N2}x' -f `
                $perCall, (Get-Median $r.Floor), ((Get-Median $r.Loop) / (Get-Median $r.Floor)))
    }

    # ---------------------------------------------------------------- Export
    if ('Export' -in $Figure) {
        if (-not (Test-Cmdlet 'Export-S3BatchManifest')) {
            Add-Skipped 'Export-S3BatchManifest -Path, 1,000,000 keys' 'the module has no Export-S3BatchManifest yet'
        } else {
            $count = [Math]::Max(1000, [int](1000000 * $Scale))
            $small = [Math]::Max(100, [int]($count / 100))
            $file = Join-Path $work 'manifest.csv'
            $module = @(); $floor = @(); $modulePeak = @(); $floorPeak = @()
            for ($i = 0; $i -lt 3; $i++) {
                $order = if ($i % 2) { @('Floor', 'Module') } else { @('Module', 'Floor') }
                foreach ($mode in $order) {
                    $r = Invoke-Figure 'Export.ps1' @{ Mode = $mode; Count = $count; Path = $file }
                    if ($mode -eq 'Module') {
                        $module += $r.ms; $modulePeak += $r.peak / 1MB
                        $rows = @(Get-Content $file -TotalCount 3)
                        if ($rows[0] -ne 'source,photos/2024/1/IMG_1.jpg') { throw "Unexpected manifest row: $($rows[0])" }
                    } else { $floor += $r.ms; $floorPeak += $r.peak / 1MB }
                }
            }
            $smallPeak = @(); $smallFloorPeak = @()
            for ($i = 0; $i -lt 2; $i++) {
                $smallPeak += (Invoke-Figure 'Export.ps1' @{ Mode = 'Module'; Count = $small; Path = $file }).peak / 1MB
                $smallFloorPeak += (Invoke-Figure 'Export.ps1' @{ Mode = 'Floor'; Count = $small; Path = $file }).peak / 1MB
            }
            $name = "Export-S3BatchManifest -Path, $('{0:N0}' -f $count) keys"
            Add-Result -Name $name -Values $module -FloorValues $floor -MaxRatio 1.5 -Budget 'at most 1.5x'
            $limit = (Get-Median $smallPeak) + 50
            Add-Result -Name "  peak working set, $('{0:N0}' -f $count) vs $('{0:N0}' -f $small) keys" -Unit 'MB' -Values $modulePeak -FloorValues $smallPeak `
                -Budget ('<= {0:N0} MB ({1:N0} keys + 50)' -f $limit, $small) -Within ((Get-Median $modulePeak) -le $limit) `
                -Note ('the pipeline into Out-Null peaks at {0:N1} MB ({1:N0} keys) and {2:N1} MB ({3:N0} keys)' -f (Get-Median $floorPeak), $count, (Get-Median $smallFloorPeak), $small)
        }
    }

    # ---------------------------------------------------------------- Report
    if ('Report' -in $Figure) {
        Assert-Servers
        if (-not (Test-Cmdlet 'Get-S3BatchJobReport')) {
            Add-Skipped 'Get-S3BatchJobReport, 1,000,000 rows' 'the module has no Get-S3BatchJobReport yet'
        } else {
            $count = [Math]::Max(1000, [int](1000000 * $Scale))
            $small = [Math]::Max(100, [int]($count / 100))
            # A real job on s3rver (two objects, a report), run to Complete; then its report's
            # result files and manifest.json are replaced by generated ones of $count rows, in the
            # same layout and with their MD5s, so that DescribeJob and the report agree on where.
            Reset-Emulator -StepMs 20
            Write-BenchObject $s3 source 'bench/a.txt' -Content 'a'
            Write-BenchObject $s3 source 'bench/b.txt' -Content 'b'
            Write-BenchObject $s3 manifests 'bench/report-job.csv' -Content "source,bench/a.txt`nsource,bench/b.txt`n"
            $reportJobs = @{}
            foreach ($rows in @($count, $small)) {
                $m = New-S3BatchManifest -Bucket manifests -Key 'bench/report-job.csv'
                $job = New-S3BatchTaggingOperation -Tag @{ bench = 'report' } | New-S3BatchJob -Manifest $m -ReportBucket reports -ReportPrefix "bench/$rows" -RoleArn batch-operations-role -AccountId $AccountId
                $reportJobs[$rows] = $job.JobId
            }
            foreach ($rows in $reportJobs.Keys) {
                $id = $reportJobs[$rows]
                $done = $null
                for ($t = 0; $t -lt 300 -and -not $done; $t++) {
                    Start-Sleep -Milliseconds 100
                    $record = @(Invoke-Emulator -Path 'jobs' | ForEach-Object { $_ } | Where-Object jobId -eq $id)
                    if ($record.Count -eq 1 -and $record[0].status -in 'Complete', 'Failed') { $done = $record[0].status }
                }
                if ($done -ne 'Complete') { throw "The report job $id did not complete ($done)." }
                $base = "bench/$rows/job-$id/"
                $files = [S3BatchBench.ReportFiles]::Write((Join-Path $work "report-$rows"), $id, 'source', $rows, 100)
                $entries = foreach ($f in $files) {
                    Write-BenchObject $s3 reports ($base + 'results/' + $f.Name) -FilePath $f.Path
                    [ordered]@{ TaskExecutionStatus = $f.TaskExecutionStatus; Bucket = 'reports'; MD5Checksum = $f.Md5; Key = $base + 'results/' + $f.Name }
                }
                $manifestJson = [ordered]@{ Format = 'Report_CSV_20180820'; ReportCreationDate = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ss.fffZ'); Results = @($entries)
                    ReportSchema = 'Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage' } | ConvertTo-Json -Depth 5 -Compress
                Write-BenchObject $s3 reports ($base + 'manifest.json') -Content $manifestJson
                foreach ($f in $files) { Remove-Item $f.Path }
            }
            $null = Invoke-Emulator -Path 'config' -Method Post -Body @{ stepMs = 2000000000 }

            function Invoke-Report([string] $Mode, [int] $Rows) {
                $id = $reportJobs[$Rows]
                Invoke-Figure 'Report.ps1' @{ Mode = $Mode; FloorAssembly = $FloorAssembly; JobId = $id; AccountId = $AccountId; Bucket = 'reports'; ManifestKey = "bench/$Rows/job-$id/manifest.json" }
            }
            $module = @(); $floor = @(); $modulePeak = @(); $floorPeak = @()
            for ($i = 0; $i -lt 3; $i++) {
                $order = if ($i % 2) { @('Floor', 'Module') } else { @('Module', 'Floor') }
                foreach ($mode in $order) {
                    $r = Invoke-Report $mode $count
                    if ($mode -eq 'Module') {
                        if ($r.rows -ne $count) { throw "Get-S3BatchJobReport read $($r.rows) rows, not $count." }
                        $module += $r.ms; $modulePeak += $r.peak / 1MB
                    } else { $floor += $r.ms; $floorPeak += $r.peak / 1MB }
                }
            }
            $smallPeak = @(); $smallFloorPeak = @()
            for ($i = 0; $i -lt 2; $i++) {
                $smallPeak += (Invoke-Report 'Module' $small).peak / 1MB
                $smallFloorPeak += (Invoke-Report 'Floor' $small).peak / 1MB
            }
            Add-Result -Name "Get-S3BatchJobReport, $('{0:N0}' -f $count) rows" -Values $module -FloorValues $floor -MaxRatio 2 -Budget 'at most 2x'
            # "Flat": the module's peak grows from $small to $count rows by no more than the plain line
            # reader's does (the GC's allocation budget grows with any steady stream of short-lived
            # objects, retained or not), plus 50 MB.
            $floorGrowth = (Get-Median $floorPeak) - (Get-Median $smallFloorPeak)
            $limit = (Get-Median $smallPeak) + [Math]::Max(0, $floorGrowth) + 50
            Add-Result -Name "  peak working set, $('{0:N0}' -f $count) vs $('{0:N0}' -f $small) rows" -Unit 'MB' -Values $modulePeak -FloorValues $smallPeak `
                -Budget ('flat: <= {0:N0} MB ({1:N0} rows + floor''s growth {2:N0} + 50)' -f $limit, $small, $floorGrowth) -Within ((Get-Median $modulePeak) -le $limit) `
                -Note ('the floor peaks at {0:N1} MB ({1:N0} rows) and {2:N1} MB ({3:N0} rows)' -f (Get-Median $floorPeak), $count, (Get-Median $smallFloorPeak), $small)
        }
    }

    # ---------------------------------------------------------------- Wait
    if ('Wait' -in $Figure) {
        $timeout = [Math]::Max(10, 60 * [Math]::Min(1, $Scale))
        Reset-Emulator
        . (Join-Path $figures 'JobInput.ps1')
        $ids = @(1..20 | ForEach-Object { $operation } | New-S3BatchJob @jobParameters -AccountId $AccountId | ForEach-Object JobId)
        $idFile = Join-Path $work 'wait-jobs.txt'
        Set-Content $idFile $ids
        $before = @(Invoke-Emulator -Path 'requests' | ForEach-Object { $_ }).Count
        $r = Invoke-Figure 'Wait.ps1' @{ JobIdFile = $idFile; AccountId = $AccountId; Timeout = $timeout } -TimeoutSeconds ($timeout + 120)
        $requests = @(Invoke-Emulator -Path 'requests' | ForEach-Object { $_ } | Select-Object -Skip $before)
        $describes = @($requests | Where-Object operation -eq 'DescribeJob')
        $others = @($requests | Where-Object operation -ne 'DescribeJob' | ForEach-Object operation | Sort-Object -Unique)
        # Poll rounds: DescribeJobs whose X-Amz-Date (1 s resolution) are at most 1 s apart.
        $stamped = foreach ($d in $describes) {
            $dateHeader = @($d.headers.PSObject.Properties | Where-Object { $_.Name -ieq 'x-amz-date' } | ForEach-Object { $_.Value })[0]
            if ($dateHeader -is [array]) { $dateHeader = $dateHeader[0] }
            [pscustomobject]@{ At = [DateTime]::ParseExact([string]$dateHeader, "yyyyMMdd'T'HHmmss'Z'", [Globalization.CultureInfo]::InvariantCulture); Job = ($d.path -split '/')[-1] }
        }
        $rounds = [Collections.Generic.List[object]]::new()
        foreach ($s in @($stamped | Sort-Object At)) {
            if ($rounds.Count -eq 0 -or ($s.At - $rounds[-1].Last).TotalSeconds -gt 1) { $rounds.Add([pscustomobject]@{ First = $s.At; Last = $s.At; Jobs = [Collections.Generic.List[string]]::new() }) }
            $rounds[-1].Last = $s.At
            $rounds[-1].Jobs.Add($s.Job)
        }
        $maxPerJobPerRound = ($rounds | ForEach-Object { ($_.Jobs | Group-Object | Measure-Object -Property Count -Maximum).Maximum } | Measure-Object -Maximum).Maximum
        $perJob = @($describes | Group-Object { ($_.path -split '/')[-1] } | ForEach-Object Count)
        $gaps = @(for ($k = 1; $k -lt $rounds.Count; $k++) { ($rounds[$k].First - $rounds[$k - 1].First).TotalSeconds })
        $delays = @($r.delays)
        $backsOff = $delays.Count -ge 2 -and (@(for ($k = 1; $k -lt $delays.Count - 1; $k++) { $delays[$k] -ge $delays[$k - 1] }) -notcontains $false) -and $delays[[Math]::Min(2, $delays.Count - 2)] -gt $delays[0]
        $timeouts = @($r.errors | Where-Object { $_ -like '*Timeout,*' }).Count
        $within = $maxPerJobPerRound -le 1 -and $backsOff -and $rounds.Count -ge 2 -and $perJob.Count -eq 20 -and $others.Count -eq 0 -and $timeouts -eq 20
        $note = 'polls: {0}; DescribeJob per job {1}..{2} (total {3}), at most {4} per job per poll; announced intervals {5} s; seen between polls {6} s; other calls: {7}; timeout errors: {8}; waited {9:N1} s' -f `
            $rounds.Count, ($perJob | Measure-Object -Minimum).Minimum, ($perJob | Measure-Object -Maximum).Maximum, $describes.Count, $maxPerJobPerRound,
            (($delays | ForEach-Object { '{0:0.##}' -f $_ }) -join ', '), (($gaps | ForEach-Object { '{0:0}' -f $_ }) -join ', '), $(if ($others) { $others -join ', ' } else { 'none' }), $timeouts, ($r.ms / 1000)
        $results.Add([pscustomobject]@{ Figure = "Wait-S3BatchJob, 20 jobs for $timeout s"; Unit = 'calls'; Median = [double]$maxPerJobPerRound; Floor = [double]::NaN; Ratio = [double]::NaN
                Difference = [double]::NaN; Budget = 'at most 1 DescribeJob per job per poll; polls back off'; Within = $within; Runs = 1; Values = @(); FloorValues = @(); Note = $note })
        Write-Host ("{0,-46} {1}  {2}" -f "Wait-S3BatchJob, 20 jobs for $timeout s", $note, $(if ($within) { 'within' } else { 'MISSED' })) -ForegroundColor ($(if ($within) { 'Green' } else { 'Red' }))
    }
} finally {
    Stop-TestServers $servers
    Remove-Item $work -Recurse -Force -ErrorAction Ignore
}

# ---------------------------------------------------------------- results.md
$benchClock.Stop()
$md = [Text.StringBuilder]::new()
$null = $md.AppendLine('# S3Batch benchmarks: results')
$null = $md.AppendLine()
$null = $md.AppendLine(('Run {0:yyyy-MM-dd HH:mm} UTC on {1} cores, {2}, pwsh {3}, .NET {4}; whole run {5:N0} s (`build.ps1 Bench`; see README.md for the floors); load average {6} at the start, {7} at the end. Every figure is the median of its runs, beside its floor measured in the same run, interleaved.' -f `
            [DateTime]::UtcNow, [Environment]::ProcessorCount, [Runtime.InteropServices.RuntimeInformation]::OSDescription.Trim(), $PSVersionTable.PSVersion, [Environment]::Version, $benchClock.Elapsed.TotalSeconds, $loadBefore, (Get-Load)))
$null = $md.AppendLine()
$null = $md.AppendLine('| figure | median | floor | ratio | difference | budget | within | runs |')
$null = $md.AppendLine('|---|---:|---:|---:|---:|---|---|---:|')
foreach ($r in $results) {
    $diff = if ([double]::IsNaN($r.Difference)) { 'n/a' } else { $(if ($r.Difference -ge 0) { '+' } else { '' }) + (Format-Number $r.Difference $r.Unit) }
    $median = if ($r.Unit -eq 'calls') { '{0:N0} per job per poll' -f $r.Median } else { Format-Number $r.Median $r.Unit }
    $ratio = if ([double]::IsNaN($r.Ratio)) { 'n/a' } else { '{0:N2}x' -f $r.Ratio }
    $verdict = if ($r.Runs -eq 0) { 'not run' } elseif ($r.Within) { 'yes' } else { '**no**' }
    $null = $md.AppendLine("| $($r.Figure.Trim()) | $median | $(Format-Number $r.Floor $r.Unit) | $ratio | $diff | $($r.Budget) | $verdict | $($r.Runs) |")
}
$notes = @($results | Where-Object Note)
if ($notes) {
    $null = $md.AppendLine()
    foreach ($r in $notes) { $null = $md.AppendLine("- $($r.Figure.Trim()): $($r.Note).") }
}
$null = $md.AppendLine()
$null = $md.AppendLine('Every run (ms or MB), figure / floor:')
$null = $md.AppendLine()
foreach ($r in $results | Where-Object { $_.Values.Count }) {
    $null = $md.AppendLine("- $($r.Figure.Trim()): $(($r.Values | ForEach-Object { '{0:N0}' -f $_ }) -join ', ') / $(($r.FloorValues | ForEach-Object { '{0:N0}' -f $_ }) -join ', ')")
}
Set-Content -Path $ResultsPath -Value $md.ToString().TrimEnd() -Encoding utf8NoBOM
Write-Host "Wrote $ResultsPath ($('{0:N0}' -f $benchClock.Elapsed.TotalSeconds) s)."
if ($results | Where-Object { -not $_.Within }) { Write-Host 'Some figures are not within their budgets (see above).' -ForegroundColor Yellow }
