; CertDesk 证书服务台 for Windows: NSIS installer of the folder scripts/windows-build gathers (docs/windows.md).
; makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DDIST=<folder> -DOUTFILE=<setup.exe> certdesk.nsi
; Per-machine install under Program Files; per-user data stays in %LOCALAPPDATA%\CertDesk and the settings in
; HKEY_CURRENT_USER\Software\CertDesk (neither is touched by the uninstaller).
Unicode true
; A 64-bit installer for a 64-bit program (NSIS 3's amd64 stub): it writes the 64-bit registry view and Program
; Files without redirection, and runs where no 32-bit subsystem is (a 64-bit-only Wine, Windows without WoW64).
Target amd64-unicode
SetCompressor /SOLID lzma
!include "MUI2.nsh"
!include "x64.nsh"

!ifndef VERSION
  !error "VERSION is not defined"
!endif
!ifndef DIST
  !error "DIST is not defined"
!endif
!ifndef OUTFILE
  !define OUTFILE "CertDesk-${VERSION}-win64-setup.exe"
!endif

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\CertDesk"

Name "CertDesk 证书服务台"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\CertDesk"
InstallDirRegKey HKLM "Software\CertDesk" "InstallDir"
RequestExecutionLevel admin
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "CertDesk"
VIAddVersionKey "FileDescription" "CertDesk certificate service desk"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "CertDesk maintainers"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "CertDesk 需要 64 位 Windows。"
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Section "CertDesk" main
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; The unit tests in tests\ and Qt6Test.dll (only they import it) are for the smoke run, not for a counter PC.
  File /r /x tests /x Qt6Test.dll "${DIST}\*.*"
  WriteRegStr HKLM "Software\CertDesk" "InstallDir" "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "CertDesk 证书服务台"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "CertDesk"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\certdesk.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  CreateDirectory "$SMPROGRAMS\CertDesk"
  CreateShortcut "$SMPROGRAMS\CertDesk\CertDesk 证书服务台.lnk" "$INSTDIR\certdesk.exe"
  CreateShortcut "$SMPROGRAMS\CertDesk\CertDesk 培训模式.lnk" "$INSTDIR\certdesk.exe" "--sandbox"
SectionEnd

Section "Uninstall"
  SetRegView 64
  Delete "$SMPROGRAMS\CertDesk\*.lnk"
  RMDir "$SMPROGRAMS\CertDesk"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "Software\CertDesk"
SectionEnd
