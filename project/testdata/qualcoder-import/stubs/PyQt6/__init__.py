# A stand-in for PyQt6: refi.py's importer opens dialogs and progress bars,
# which do nothing here.
class _Nothing:
    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, name):
        return _Nothing()

    def __call__(self, *args, **kwargs):
        return _Nothing()


class QtWidgets:
    QDialog = _Nothing
    QProgressDialog = _Nothing
    QFileDialog = _Nothing()


class QtCore:
    Qt = _Nothing()
