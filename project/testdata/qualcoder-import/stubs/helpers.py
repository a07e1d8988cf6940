# A stand-in for QualCoder's message box: the import's closing message is dropped.
class Message:
    def __init__(self, app, title, text, kind=""):
        self.text = text

    def exec(self):
        pass
