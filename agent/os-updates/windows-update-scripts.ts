// The PowerShell the Windows provider runs (Windows PowerShell 5.1, the Windows Update Agent COM
// API). Kept as strings so the agent still ships as one file. Inputs come from the environment
// (STEWARD_UPDATE_IDS), never spliced in; each script prints one `STEWARD-RESULT:<json>` line.

const PRELUDE = `$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
function Write-Result($value) { Write-Output ('STEWARD-RESULT:' + ($value | ConvertTo-Json -Depth 6 -Compress)) }
function Write-Failure($err) {
  Write-Result ([pscustomobject]@{ Error = $err.Exception.Message; HResult = ('0x{0:X8}' -f $err.Exception.HResult) })
  exit 1
}
`;

/** Lists updates that are not installed or hidden (software and drivers), and whether a restart is pending. */
export const WUA_SCAN_SCRIPT = `${PRELUDE}
try {
  $session = New-Object -ComObject Microsoft.Update.Session
  $session.ClientApplicationID = 'Steward'
  $searcher = $session.CreateUpdateSearcher()
  $result = $searcher.Search("IsInstalled=0 and IsHidden=0")
  $updates = @()
  foreach ($u in $result.Updates) {
    $updates += [pscustomobject]@{
      UpdateID = $u.Identity.UpdateID
      RevisionNumber = $u.Identity.RevisionNumber
      Title = $u.Title
      KBArticleIDs = @($u.KBArticleIDs)
      Categories = @($u.Categories | ForEach-Object { [pscustomobject]@{ CategoryID = $_.CategoryID; Name = $_.Name; Type = $_.Type } })
      Type = [int]$u.Type
      MsrcSeverity = $u.MsrcSeverity
      LastDeploymentChangeTime = $u.LastDeploymentChangeTime.ToUniversalTime().ToString('o')
      RebootBehavior = [int]$u.InstallationBehavior.RebootBehavior
      IsDownloaded = $u.IsDownloaded
    }
  }
  $reboot = (New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired
  Write-Result ([pscustomobject]@{ ResultCode = [int]$result.ResultCode; RebootRequired = $reboot; Updates = $updates })
} catch { Write-Failure $_ }
`;

/** Downloads and installs the updates whose ids are in STEWARD_UPDATE_IDS (comma-separated). */
export const WUA_INSTALL_SCRIPT = `${PRELUDE}
try {
  $ids = @($env:STEWARD_UPDATE_IDS -split ',' | Where-Object { $_ -match '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$' })
  $session = New-Object -ComObject Microsoft.Update.Session
  $session.ClientApplicationID = 'Steward'
  $searcher = $session.CreateUpdateSearcher()
  $found = $searcher.Search("IsInstalled=0 and IsHidden=0")
  $chosen = New-Object -ComObject Microsoft.Update.UpdateColl
  foreach ($u in $found.Updates) {
    if ($ids -contains $u.Identity.UpdateID) {
      if (-not $u.EulaAccepted) { $u.AcceptEula() }
      [void]$chosen.Add($u)
    }
  }
  Write-Output "Downloading $($chosen.Count) update(s)"
  $downloader = $session.CreateUpdateDownloader()
  $downloader.Updates = $chosen
  $download = $downloader.Download()
  Write-Output "Download finished with result code $([int]$download.ResultCode)"
  Write-Output "Installing $($chosen.Count) update(s)"
  $installer = $session.CreateUpdateInstaller()
  $installer.Updates = $chosen
  $install = $installer.Install()
  $results = @()
  for ($i = 0; $i -lt $chosen.Count; $i++) {
    $r = $install.GetUpdateResult($i)
    $results += [pscustomobject]@{
      UpdateID = $chosen.Item($i).Identity.UpdateID
      Title = $chosen.Item($i).Title
      ResultCode = [int]$r.ResultCode
      HResult = ('0x{0:X8}' -f $r.HResult)
      RebootRequired = $r.RebootRequired
    }
  }
  Write-Result ([pscustomobject]@{ ResultCode = [int]$install.ResultCode; RebootRequired = $install.RebootRequired; Results = $results })
} catch { Write-Failure $_ }
`;

/** Whether Windows waits for a restart: the update agent's flag and the servicing stack's markers. */
export const WUA_REBOOT_PENDING_SCRIPT = `${PRELUDE}
try {
  $pending = (New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired
  if (Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending') { $pending = $true }
  if (Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired') { $pending = $true }
  Write-Result ([pscustomobject]@{ RebootRequired = [bool]$pending })
} catch { Write-Failure $_ }
`;
