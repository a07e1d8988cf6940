# A stand-in for a QualCoder dialog refi.py imports.
class Ui_Dialog_refi_export_line_endings:
    pass
