; Inno Setup script of the Windows installer (Inno Setup 6). See installers/windows/README.md.
; Builds dist\counter-client-<version>-setup.exe over the PyInstaller bundle dist\counter\
; (installers/build-bundle.sh run on Windows): counter.exe for commands, counterw.exe (no
; console) for the shortcuts, one Start-menu shortcut per job of a hall PC (the table in
; installers/shortcuts.py; tests/e2e/test_installers.py keeps the two in step) and the set-up
; dialog; the install folder goes on the system PATH so `counter doctor` works in a console.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "便民服务中心综合窗口客户端"
#define Bundle "..\..\dist\counter"

[Setup]
AppId={{6B0F3C52-7E1D-4C39-9F2B-3C1A8D5E7A10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=counter
DefaultDirName={autopf}\CounterClient
DefaultGroupName=便民服务中心
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=counter-client-{#AppVersion}-setup
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
PrivilegesRequired=admin
ChangesEnvironment=yes
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
SetupIconFile=counter.ico
UninstallDisplayIcon={app}\counterw.exe
UninstallDisplayName={#AppName}

[Languages]
; Chinese first. Inno Setup 6 ships ChineseSimplified.isl only from recent releases; with an
; older one put the file (jrsoftware.org/files/istrans) next to this script.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "chs"; MessagesFile: "ChineseSimplified.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopwindow"; Description: "在桌面放“窗口”快捷方式 / desktop shortcut: window client"; Flags: unchecked
Name: "desktopkiosk"; Description: "在桌面放“取号机”快捷方式 / desktop shortcut: kiosk"; Flags: unchecked
Name: "desktopdisplay"; Description: "在桌面放“叫号屏”快捷方式 / desktop shortcut: hall display"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\docs\deployment.md"; DestDir: "{app}\docs"; Flags: ignoreversion skipifsourcedoesntexist
Source: "..\..\README.md"; DestDir: "{app}\docs"; Flags: ignoreversion

[Icons]
; One per job (installers/shortcuts.py), and the set-up dialog.
Name: "{group}\窗口"; Filename: "{app}\counterw.exe"; Parameters: "window"; Comment: "综合窗口：叫号、受理、出件"
Name: "{group}\取号机"; Filename: "{app}\counterw.exe"; Parameters: "kiosk"; Comment: "取号机：选择业务、刷身份证取号、预约签到"
Name: "{group}\叫号屏"; Filename: "{app}\counterw.exe"; Parameters: "display"; Comment: "大厅叫号屏"
Name: "{group}\窗口屏"; Filename: "{app}\counterw.exe"; Parameters: "window-display"; Comment: "窗口上方的显示屏"
Name: "{group}\后台"; Filename: "{app}\counterw.exe"; Parameters: "backoffice"; Comment: "后台审核、审批、用印"
Name: "{group}\管理"; Filename: "{app}\counterw.exe"; Parameters: "manager"; Comment: "大厅管理：实时情况与统计报表"
Name: "{group}\本机设置"; Filename: "{app}\counterw.exe"; Parameters: "setup --dialog"; Comment: "数据库、岗位、大厅、窗口与设备"
; The self-check prints to a console that stays open.
Name: "{group}\本机自检"; Filename: "{cmd}"; Parameters: "/k ""{app}\counter.exe"" doctor"; Comment: "counter doctor"
Name: "{group}\部署指南"; Filename: "{app}\docs\deployment.md"; Flags: createonlyiffileexists
Name: "{autodesktop}\窗口"; Filename: "{app}\counterw.exe"; Parameters: "window"; Tasks: desktopwindow
Name: "{autodesktop}\取号机"; Filename: "{app}\counterw.exe"; Parameters: "kiosk"; Tasks: desktopkiosk
Name: "{autodesktop}\叫号屏"; Filename: "{app}\counterw.exe"; Parameters: "display"; Tasks: desktopdisplay

[Registry]
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\counterw.exe"; Parameters: "setup --dialog"; Description: "现在设置本机（数据库、岗位、大厅、窗口）/ set up this PC now"; Flags: postinstall nowait skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKEY_LOCAL_MACHINE,
    'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Path) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Path, Dir: string;
  P: Integer;
begin
  // Take the install folder off the PATH again.
  if CurUninstallStep <> usPostUninstall then
    exit;
  if not RegQueryStringValue(HKEY_LOCAL_MACHINE,
    'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Path) then
    exit;
  Dir := ';' + ExpandConstant('{app}');
  P := Pos(Uppercase(Dir), Uppercase(Path));
  if P > 0 then
  begin
    Delete(Path, P, Length(Dir));
    RegWriteExpandStringValue(HKEY_LOCAL_MACHINE,
      'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Path);
  end;
end;
