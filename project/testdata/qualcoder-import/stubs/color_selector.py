# A stand-in for QualCoder's colour table: every colour is kept as given.
colors = ["#FFFFFF"] * 120


def color_matcher(color):
    return color
