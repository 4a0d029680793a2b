"""English of the hall manager's screens added after manager screens' first table (see
fill_en.py, which reads every ``*_en.py`` here)."""

EN = {
    "%1 分钟": "%1 min",
}
