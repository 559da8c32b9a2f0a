# Helpers for Install.Tests.ps1 and Coexistence.Tests.ps1, dot-sourced after common.ps1: a fresh
# PowerShell process (as a user would start one), and AWSSDK.Core builds restored from NuGet.

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
        Runs a script in a fresh 'pwsh -NoProfile' (the same PowerShell as this one) and returns the
        object the script outputs last, read back from JSON; throws with its output when it fails.
        The child inherits this process's environment (the emulator's endpoints and test keys), changed
        by -Environment (a $null value removes a variable).
    #>
    param([Parameter(Mandatory)][string] $Script, [hashtable] $Environment = @{}, [int] $TimeoutSeconds = 120)
    $exe = [Environment]::ProcessPath
    $start = [Diagnostics.ProcessStartInfo]::new($exe)
    # Under 'dotnet pwsh' the process is dotnet itself: run PowerShell's own pwsh.dll with it.
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    $wrapped = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
if (`$PSStyle) { `$PSStyle.OutputRendering = 'PlainText' }
`$__result = & { $Script }
'##RESULT##' + (ConvertTo-Json -InputObject `$__result -Depth 6 -Compress)
"@
    foreach ($a in @('-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($wrapped)))) { $start.ArgumentList.Add($a) }
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $start.Environment.Remove($name) } else { $start.Environment[$name] = [string]$Environment[$name] }
    }
    # Run where nothing of the repository can be written to by mistake: HOME when it is given.
    $start.WorkingDirectory = if ($Environment['HOME']) { $Environment['HOME'] } else { [IO.Path]::GetTempPath() }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        $process.Kill($true)
        throw "The child pwsh did not finish in $TimeoutSeconds s. Output: $($stdout.Result)"
    }
    $process.WaitForExit()
    $line = $stdout.Result -split "`r?`n" | Where-Object { $_.StartsWith('##RESULT##') } | Select-Object -Last 1
    if ($process.ExitCode -ne 0 -or -not $line) {
        throw "The child pwsh failed (exit code $($process.ExitCode)).`nOutput: $($stdout.Result)`nErrors: $($stderr.Result)"
    }
    $line.Substring(10) | ConvertFrom-Json
}

function Get-NuGetPackageFolder {
    <#
    .SYNOPSIS
        Restores the given package versions from the NuGet registry (a throwaway project under
        -WorkFolder; offline when they are cached) and returns the global packages folder.
    #>
    param([Parameter(Mandatory)][hashtable] $Packages, [Parameter(Mandatory)][string] $WorkFolder)
    New-Item -ItemType Directory -Path $WorkFolder -Force | Out-Null
    $items = foreach ($id in $Packages.Keys) { "<PackageDownload Include=`"$id`" Version=`"$(($Packages[$id] | ForEach-Object { "[$_]" }) -join ';')`" />" }
    Set-Content -Path (Join-Path $WorkFolder 'Restore.csproj') -Value @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
  <ItemGroup>$($items -join '')</ItemGroup>
</Project>
"@
    $output = & dotnet restore (Join-Path $WorkFolder 'Restore.csproj') --nologo -v q 2>&1
    if ($LASTEXITCODE -ne 0) { throw "dotnet restore failed: $output" }
    $list = & dotnet nuget locals global-packages --list
    if ($LASTEXITCODE -ne 0) { throw "dotnet nuget locals failed: $list" }
    (($list | Select-Object -Last 1) -replace '^global-packages:\s*', '').Trim()
}
