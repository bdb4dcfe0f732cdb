"""Build-speed benchmark: a synthetic corpus of profile dumps, and authorsite built side by
side with Hugo and Pelican on the same papers. `python -m authorsite.bench --help`.

    corpus.py   the corpus as records (papers, profiles, arXiv listings), from a seed
    vocab.py    words and names shaped like the seed dumps'
    dumps.py    records → a project folder in the three dump formats
    verify.py   what authorsite read, compared with what was generated
    others.py   the same papers as Hugo and Pelican input
    measure.py  timing a child process, peak RSS, the write floor
    run.py      the benchmark and its tables
"""
