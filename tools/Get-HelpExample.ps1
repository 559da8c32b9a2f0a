#Requires -Version 5.1
<#
.SYNOPSIS
Lists the example code blocks of the help pages in docs/en-US, so tests can run every example.

.DESCRIPTION
Outputs one object per ```powershell code block under '## EXAMPLES' in every page
(<Verb-Noun>.md and about_*.md; README.md is skipped):

  Command  the page's title (cmdlet name or about topic)
  Title    the example heading, e.g. 'Example 1: Copy a list of objects to an archive bucket'
  Code     the code block's text
  Example  the example's number in the page (1-based)
  Block    the code block's number in the example (1-based; most examples have one)
  Path     the page file
  Line     the line of the example heading

Only fences tagged powershell, pwsh, ps, ps1 or posh are code; ```output and other blocks
are not returned. Uses the same parser as tools/Build-Help.ps1 (it calls it with -ListExamples).

.EXAMPLE
./tools/Get-HelpExample.ps1 -SourcePath docs/en-US | Where-Object Command -eq 'New-S3BatchJob'
#>
[CmdletBinding()]
param(
    # The folder with the markdown help pages (docs/en-US).
    [Parameter(Mandatory)]
    [string] $SourcePath
)
& (Join-Path $PSScriptRoot 'Build-Help.ps1') -SourcePath $SourcePath -ListExamples
