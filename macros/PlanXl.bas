Attribute VB_Name = "PlanXl"
' Plan-XL add-in: the ribbon buttons and macros.
' Each macro runs one Python entry point of plan_xl.excel.entry on the
' active workbook through xlwings RunPython. The xlwings module in this
' add-in is xlwings' custom add-in variant: its RunPython hands Python the
' ActiveWorkbook (the user's plan) as xw.Book.caller(), not the add-in.
' Messages are short and in Dutch; Python reports its own failures.
Option Explicit

Private Const ENTRY_MODULE As String = "plan_xl.excel.entry"
Private Const MESSAGE_TITLE As String = "Plan-XL"

' ---- Ribbon callbacks (onAction in customUI14.xml) ----

Public Sub OnValideer(control As IRibbonControl)
    Valideer
End Sub

Public Sub OnBudgetoverzicht(control As IRibbonControl)
    Budgetoverzicht
End Sub

Public Sub OnWisWaarschuwingen(control As IRibbonControl)
    WisWaarschuwingen
End Sub

Public Sub OnOver(control As IRibbonControl)
    Over
End Sub

' ---- Macros ----

Public Sub Valideer()
    RunEntryPoint "validate_workbook", "de validatie"
End Sub

Public Sub Budgetoverzicht()
    RunEntryPoint "budget_summary", "het budgetoverzicht"
End Sub

Public Sub WisWaarschuwingen()
    RunEntryPoint "clear_warnings", "het wissen van de waarschuwingen"
End Sub

Public Sub Over()
    If ActiveWorkbook Is Nothing Then
        MsgBox "Plan-XL: controles en budgetoverzichten voor de digitale strategie " & _
            "in het meerjarenplan.", vbInformation, MESSAGE_TITLE
        Exit Sub
    End If
    RunEntryPoint "about", "Over Plan-XL"
End Sub

' The exact Python statement a macro hands to RunPython.
Public Function PythonCall(ByVal entryPoint As String) As String
    PythonCall = "import " & ENTRY_MODULE & " as px; px." & entryPoint & "()"
End Function

Private Sub RunEntryPoint(ByVal entryPoint As String, ByVal actionLabel As String)
    On Error GoTo Failed
    If ActiveWorkbook Is Nothing Then
        MsgBox "Open eerst de werkmap met het meerjarenplan en probeer het opnieuw.", _
            vbExclamation, MESSAGE_TITLE
        Exit Sub
    End If
    Application.StatusBar = "Plan-XL: bezig met " & actionLabel & "..."
    RunPython PythonCall(entryPoint)
    Application.StatusBar = False
    Exit Sub
Failed:
    Application.StatusBar = False
    MsgBox "Plan-XL kon " & actionLabel & " niet uitvoeren (foutnummer " & Err.Number & "). " & _
        "Controleer de Python-omgeving van de add-in; zie de installatiehandleiding.", _
        vbExclamation, MESSAGE_TITLE
End Sub
