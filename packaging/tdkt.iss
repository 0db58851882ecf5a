; Inno Setup 6 script of TĐKT: a per-user install that needs no administrator rights.
;
;   ISCC /DAppVersion=0.1.0 /DDistDir=..\dist\tdkt /O..\dist packaging\tdkt.iss
; or simply: python packaging\build.py  (builds dist\tdkt first, then calls ISCC if installed)
;
; - Installs dist\tdkt (made by PyInstaller from packaging\tdkt.spec) into
;   %LOCALAPPDATA%\Programs\TDKT ({userpf}): no UAC prompt, other Windows users are not affected.
; - Start menu: "TĐKT - Thi đua, Khen thưởng", "TĐKT - dữ liệu mẫu" (tdkt-gui --demo) and the
;   uninstaller; a desktop icon if the clerk ticks it.
; - Uninstall removes the program only. The data folder (%LOCALAPPDATA%\TDKT: database, backups,
;   log, settings) is not part of the installation and is always kept; so is a portable data\
;   folder someone created next to the program.
; Needs Inno Setup 6.3 or newer (x64compatible). This file is UTF-8 with a BOM (Vietnamese text).

#ifndef DistDir
  #define DistDir "..\dist\tdkt"
#endif
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(AddBackslash(DistDir) + "tdkt-gui.exe")
#endif
#define AppName "TĐKT - Thi đua, Khen thưởng"
#define AppExe "tdkt-gui.exe"

[Setup]
; The AppId identifies the program for upgrades and uninstall: never change it.
AppId={{56869A81-C688-4F65-9141-1DC1CC3537EE}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=TĐKT
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={userpf}\TDKT
DefaultGroupName=TĐKT
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
OutputDir=..\dist
OutputBaseFilename=tdkt-{#AppVersion}-setup
SetupIconFile=..\resources\icons\tdkt.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
CloseApplications=yes
RestartApplications=no

[Languages]
; Inno Setup ships no Vietnamese translation of its own pages. Put the (unofficial)
; Vietnamese.isl from jrsoftware.org next to this script to get them in Vietnamese; otherwise
; they are in English. The program's own texts below are Vietnamese either way.
#if FileExists(AddBackslash(SourcePath) + "Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Default.isl,Vietnamese.isl"
#else
Name: "vi"; MessagesFile: "compiler:Default.isl"
#endif

[CustomMessages]
vi.DesktopIcon=Tạo biểu tượng trên màn hình nền
vi.Shortcuts=Lối tắt:
vi.Launch=Mở TĐKT ngay
vi.DemoShortcut=TĐKT - dữ liệu mẫu (để tập dùng)
vi.UninstallShortcut=Gỡ cài đặt TĐKT
vi.DataKept=Đã gỡ chương trình TĐKT.%n%nDữ liệu (cơ sở dữ liệu, các bản sao lưu, nhật ký, cài đặt) vẫn được giữ nguyên trong thư mục:%n%1%n%nNếu cài lại TĐKT, chương trình sẽ dùng tiếp dữ liệu này. Chỉ xóa thư mục đó khi chắc chắn không cần dữ liệu nữa (hãy chép một bản sao lưu ra nơi khác trước).

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:Shortcuts}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundled libraries as a whole: no stale file of an older version stays.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Excludes: "\data\*,\portable.txt"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:DemoShortcut}"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallShortcut}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:Launch}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry: nothing outside the installed files is ever removed.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\TDKT')]),
      mbInformation, MB_OK);
end;
