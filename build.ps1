#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, demonstrates and packages the S3Batch module.
.DESCRIPTION
    Tasks:
      Build    compiles src/S3BatchCmdlets and assembles an importable module at out/S3Batch/ from an explicit list of files
      Test     Build, then xunit, then Pester against out/S3Batch/ (starting the S3 Control emulator and s3rver)
      Demo     Build, then a whole job on the local S3 and emulator, each request shown
      Package  Build (with help), check the manifest with Test-ModuleManifest, then Publish-PSResource
               out/S3Batch/ as S3Batch.<version>.nupkg into the local file repository out/packages/
      Bench    Build in Release, then the benchmarks (bench/README.md): each figure beside its floor, printed
               and written to bench/results.md
    Every external command's exit code is checked: the build fails loudly.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Leaves out the help (for quick iterations on code only; Test and Demo always build it).
    [switch] $SkipHelp
)

$ErrorActionPreference = 'Stop'
if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }
Set-StrictMode -Version Latest
$root = $PSScriptRoot
# S3BATCH_ARTIFACTS (see Directory.Build.props) moves the build output and the module folder out of the tree.
$artifacts = if ($env:S3BATCH_ARTIFACTS) { $env:S3BATCH_ARTIFACTS } else { $null }
$out = if ($artifacts) { Join-Path $artifacts 'out/S3Batch' } else { Join-Path $root 'out/S3Batch' }
$env:S3BATCH_MODULE_PATH = Join-Path $out 'S3Batch.psd1'

function Get-BinPath([string] $Project, [string] $Framework, [string] $Config = $Configuration) {
    if ($artifacts) { Join-Path $artifacts "bin/$Project/$Config/$Framework" } else { Join-Path $root "$(if ($Project -eq 'S3BatchCmdlets') { 'src' } else { 'tests' })/$Project/bin/$Config/$Framework" }
}

function Invoke-Native {
    # Runs a native command and stops the build when it fails.
    param([Parameter(Mandatory)][string] $Command, [string[]] $Arguments = @(), [switch] $PassThru)
    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor DarkGray
    if ($PassThru) {
        $output = & $Command @Arguments 2>&1 | ForEach-Object { "$_" } | Tee-Object -Variable lines | Out-Host
        $result = $lines
    } else {
        & $Command @Arguments | Out-Host
    }
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
    if ($PassThru) { return $result }
}

# The files that ship in the module folder, and nothing else. The netstandard2.0 dependencies are
# here for Windows PowerShell 5.1; PowerShell 7 has its own newer copies and uses those.
$ModuleFiles = @(
    'S3BatchCmdlets.dll'
    'AWSSDK.Core.dll'
    'AWSSDK.Extensions.Numerics.dll'
    'AWSSDK.S3.dll'
    'AWSSDK.SecurityToken.dll'
    'Microsoft.Bcl.AsyncInterfaces.dll'
    'System.Buffers.dll'
    'System.IO.Hashing.dll'
    'System.Memory.dll'
    'System.Numerics.Vectors.dll'
    'System.Runtime.CompilerServices.Unsafe.dll'
    'System.Text.Encodings.Web.dll'
    'System.Text.Json.dll'
    'System.Threading.Tasks.Extensions.dll'
)

function Invoke-Build {
    Invoke-Native dotnet @('build', "$root/src/S3BatchCmdlets/S3BatchCmdlets.csproj", '-c', $Configuration, '--nologo', '-v', 'q', '-clp:NoSummary')
    $bin = Get-BinPath 'S3BatchCmdlets' 'netstandard2.0'
    if (Test-Path $out) { Remove-Item $out -Recurse -Force }
    New-Item -ItemType Directory -Path $out | Out-Null
    foreach ($file in $ModuleFiles) {
        Copy-Item (Join-Path $bin $file) $out
    }
    $version = (Select-Xml -Path "$root/Directory.Build.props" -XPath '//S3BatchVersion').Node.InnerText
    $manifest = Get-Content "$root/S3Batch.psd1" -Raw
    $manifest -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$version'" | Set-Content "$out/S3Batch.psd1" -Encoding utf8NoBOM
    Copy-Item "$root/S3Batch.Format.ps1xml" $out
    if (-not $SkipHelp -or $Task -ne 'Build') {
        & "$root/tools/Build-Help.ps1" -ModulePath "$out/S3Batch.psd1" -SourcePath "$root/docs/en-US" -OutputPath "$out/en-US"
    }
    Write-Host "Module assembled at $out (version $version)." -ForegroundColor Green
}

function Initialize-TestTools {
    # Pester comes from NuGet (pinned in build/Tools.csproj); s3rver from npm (pinned by tests/s3/package-lock.json).
    Invoke-Native dotnet @('restore', "$root/build/Tools.csproj", '--nologo', '-v', 'q')
    $packages = (Invoke-Native dotnet @('nuget', 'locals', 'global-packages', '--list') -PassThru | Select-Object -Last 1) -replace '^global-packages:\s*', ''
    $pester = Join-Path $packages.Trim() 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester 5.7.1 was not restored to $pester." }
    if (-not (Test-Path "$root/tests/s3/node_modules/s3rver")) {
        Push-Location "$root/tests/s3"
        try { Invoke-Native npm @('ci', '--no-audit', '--no-fund', '--loglevel', 'error') } finally { Pop-Location }
    }
    Invoke-Native dotnet @('build', "$root/tests/S3ControlEmulator/S3ControlEmulator.csproj", '-c', 'Release', '--nologo', '-v', 'q', '-clp:NoSummary')
    $env:S3BATCH_EMULATOR_DLL = Join-Path (Get-BinPath 'S3ControlEmulator' 'net10.0' 'Release') 'S3ControlEmulator.dll'
    return $pester
}

function Invoke-Test {
    $pester = Initialize-TestTools

    $xunit = Invoke-Native dotnet @('test', "$root/tests/S3BatchCmdlets.Tests/S3BatchCmdlets.Tests.csproj", '-c', $Configuration, '--nologo') -PassThru
    $xunitPassed = 0; $xunitFailed = 0
    foreach ($line in $xunit) {
        if ($line -match 'Failed:\s*(\d+),\s*Passed:\s*(\d+)') { $xunitFailed += [int]$Matches[1]; $xunitPassed += [int]$Matches[2] }
    }

    Import-Module $pester -Force
    Import-Module "$root/tests/TestServers.psm1" -Force
    $servers = Start-TestServers
    try {
        $config = New-PesterConfiguration
        $config.Run.Path = "$root/tests/pester"
        $config.Run.PassThru = $true
        $config.Output.Verbosity = 'Normal'
        # The tests run as users write scripts: without the build's strict mode.
        $result = & { Set-StrictMode -Off; Invoke-Pester -Configuration $config }
    } finally {
        Stop-TestServers $servers
    }

    Write-Host ''
    Write-Host "xunit: $xunitPassed passed, $xunitFailed failed"
    Write-Host "pester: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped"
    $passed = $xunitPassed + $result.PassedCount
    $failed = $xunitFailed + $result.FailedCount
    Write-Host "total: $passed passed, $failed failed"
    if ($failed -gt 0 -or $result.Result -ne 'Passed') { throw "Tests failed." }
}

function Invoke-Demo {
    Initialize-TestTools | Out-Null
    Import-Module "$root/tests/TestServers.psm1" -Force
    $servers = Start-TestServers
    try {
        & dotnet pwsh -NoProfile -File "$root/demo/Demo.ps1" -ModulePath $env:S3BATCH_MODULE_PATH
        if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
    } finally {
        Stop-TestServers $servers
    }
}

function Invoke-Package {
    # A local file repository (a folder of .nupkg files) that Install-PSResource and Install-Module can
    # install from: register it with Register-PSResourceRepository -Uri <folder> -Trusted.
    $packages = if ($artifacts) { Join-Path $artifacts 'packages' } else { Join-Path $root 'out/packages' }
    New-Item -ItemType Directory -Path $packages -Force | Out-Null
    $manifest = Test-ModuleManifest -Path "$out/S3Batch.psd1" -ErrorAction Stop
    $version = $manifest.Version.ToString()
    $assemblyVersion = [Reflection.AssemblyName]::GetAssemblyName("$out/S3BatchCmdlets.dll").Version
    if ("$($assemblyVersion.Major).$($assemblyVersion.Minor).$($assemblyVersion.Build)" -ne $version) {
        throw "S3BatchCmdlets.dll has version $assemblyVersion but the manifest ${version}: both come from <S3BatchVersion> in Directory.Build.props."
    }
    if (-not (Test-Path "$out/en-US/S3BatchCmdlets.dll-Help.xml")) { throw "The module at $out has no help: build it without -SkipHelp." }
    $nupkg = Join-Path $packages "S3Batch.$version.nupkg"
    Remove-Item $nupkg -ErrorAction Ignore
    # Publish-PSResource publishes to a registered repository: register the folder under a name of
    # this run's own, and unregister it afterwards.
    $repository = "S3BatchBuild-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    Register-PSResourceRepository -Name $repository -Uri $packages -Trusted
    try {
        Publish-PSResource -Path $out -Repository $repository -ErrorAction Stop
    } finally {
        Unregister-PSResourceRepository -Name $repository
    }
    if (-not (Test-Path $nupkg)) { throw "Publish-PSResource did not write $nupkg." }
    Write-Host "Packaged $nupkg (S3Batch $version)." -ForegroundColor Green
}

function Invoke-Bench {
    # The benchmarks run in a pwsh of their own, against the Release module just built (bench/README.md).
    Initialize-TestTools | Out-Null
    Invoke-Native dotnet @('build', "$root/bench/Floor/S3BatchBench.Floor.csproj", '-c', 'Release', '--nologo', '-v', 'q', '-clp:NoSummary')
    $floor = if ($artifacts) { Join-Path $artifacts 'bin/S3BatchBench.Floor/Release/net10.0' } else { Join-Path $root 'bench/Floor/bin/Release/net10.0' }
    Push-Location $root
    try {
        Invoke-Native dotnet @('pwsh', '-NoProfile', '-File', "$root/bench/Invoke-Bench.ps1", '-ModulePath', $env:S3BATCH_MODULE_PATH, '-FloorAssembly', (Join-Path $floor 'S3BatchBench.Floor.dll'))
    } finally {
        Pop-Location
    }
}

foreach ($t in $Task) {
    switch ($t) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Build; Invoke-Test }
        'Demo' { Invoke-Build; Invoke-Demo }
        'Package' { Invoke-Build; Invoke-Package }
        'Bench' { $Configuration = 'Release'; Invoke-Build; Invoke-Bench }
    }
}
