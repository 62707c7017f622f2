; Inno Setup 6 script of the Windows installer of assessor-app (see docs/install.md, "Windows").
;
; Build on Windows, after the one-folder build (`py packaging\build.py` makes dist\assessor-app):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\assessor-app.iss
; The installer lands in dist\ as assessor-app-<version>-setup.exe.
;
; Per user, without administrator rights: the program goes to %LOCALAPPDATA%\Programs\assessor-app.
; The data folder (%LOCALAPPDATA%\assessor-app: the store, evidence, keys, copies) is never touched by
; installing, upgrading or uninstalling. This file is UTF-8 with a byte-order mark (Vietnamese names).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Đánh giá xã phù hợp với trẻ em"
#define AppExe "assessor-app-window.exe"
#define BundleClass "AssessorApp.Bundle"

[Setup]
AppId={{6C2B8F1E-4E57-4B8A-9A57-3C1D5A7B2E40}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=assessor-app
DefaultDirName={userpf}\assessor-app
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=assessor-app-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\assessor-app.ico
UninstallDisplayIcon={app}\{#AppExe}
LicenseFile=..\..\LICENSE
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
; Inno Setup ships no Vietnamese translation of its own pages; the app's names are Vietnamese.
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\assessor-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\resources\THIRD-PARTY-NOTICES.txt"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Chấm điểm, ký, nhập và in hồ sơ"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình nền"; Flags: unchecked

[Registry]
; Double-clicking a .ldbundle opens the app's import wizard with it (per user: HKCU\Software\Classes).
Root: HKCU; Subkey: "Software\Classes\.ldbundle"; ValueType: string; ValueName: ""; ValueData: "{#BundleClass}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#BundleClass}"; ValueType: string; ValueName: ""; ValueData: "Gói hồ sơ đánh giá xã phù hợp với trẻ em"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#BundleClass}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\{#BundleClass}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "Mở {#AppName}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the data folder is the user's and stays.
